/**
 * The words of the library, each with a term id, plus a trigram index over them for typo expansion.
 *
 * Two layers so that restoring is nearly free and adding stays cheap:
 * - the base: words sorted (term id = position), trigram lists in one flat typed array (CSR);
 * - the overlay: words added since the last compaction, in a Map, with their trigrams in a Map.
 * `WordIndex.compact()` folds the overlay into a new base.
 */
import { isNumericWord } from './normalize';

/** Trigram buckets: printable ASCII trigrams map one-to-one, anything else is hashed into the rest. */
export const TRIGRAM_BUCKETS = 65_536;
const ASCII_SYMBOLS = 38; // padding, a–z, 0–9, other
const ASCII_BUCKETS = ASCII_SYMBOLS ** 3; // 54,872
const PAD = 0;

function asciiSymbol(code: number): number {
  if (code === PAD) return 0;
  if (code >= 97 && code <= 122) return code - 96; // a–z → 1..26
  if (code >= 48 && code <= 57) return code - 21; // 0–9 → 27..36
  return -1;
}

function bucketOf(c0: number, c1: number, c2: number): number {
  const s0 = asciiSymbol(c0);
  const s1 = asciiSymbol(c1);
  const s2 = asciiSymbol(c2);
  if (s0 >= 0 && s1 >= 0 && s2 >= 0) return (s0 * ASCII_SYMBOLS + s1) * ASCII_SYMBOLS + s2;
  let hash = Math.imul(c0 ^ 0x9e3779b1, 0x85ebca6b);
  hash = Math.imul(hash ^ c1, 0xc2b2ae35);
  hash = Math.imul(hash ^ c2, 0x27d4eb2f);
  return ASCII_BUCKETS + ((hash >>> 0) % (TRIGRAM_BUCKETS - ASCII_BUCKETS));
}

/**
 * Distinct trigram buckets of `word` padded with two marks in front (and behind when `padEnd`):
 * "$$jepa$$" has 6, so even "jpea" (a transposition) still shares two with "jepa". With `outerPads`
 * false the two outermost ("$$j", "a$$") are left out: a query word of 6+ letters has trigrams enough
 * without them, and they are the longest lists (every word starting or ending with that letter).
 */
export function trigramBuckets(word: string, padEnd: boolean, outerPads = true): number[] {
  const codes: number[] = [PAD, PAD];
  for (let i = 0; i < word.length; i++) codes.push(word.charCodeAt(i));
  if (padEnd) codes.push(PAD, PAD);
  const buckets = new Set<number>();
  const first = outerPads ? 0 : 1;
  const last = codes.length - (outerPads || !padEnd ? 2 : 3);
  for (let i = first; i < last; i++) buckets.add(bucketOf(codes[i]!, codes[i + 1]!, codes[i + 2]!));
  return [...buckets];
}

/** Words that typo expansion can reach; short words and numbers are left out to keep lists short. */
export function hasTrigrams(word: string): boolean {
  return word.length >= 3 && !isNumericWord(word);
}

export interface VocabularyData {
  /** Sorted by code unit order; a word's position is its term id. */
  words: string[];
  trigramOffsets: Uint32Array;
  trigramTerms: Uint32Array;
}

export class Vocabulary {
  private readonly words: string[];
  private readonly baseCount: number;
  private readonly trigramOffsets: Uint32Array;
  private readonly trigramTerms: Uint32Array;
  private readonly overlayIds = new Map<string, number>();
  private readonly overlayTrigrams = new Map<number, number[]>();
  private overlaySorted: number[] = [];
  private overlaySortedStale = false;
  private shared = new Uint8Array(0);

  /** Takes ownership of `data.words` (words added later are appended to it). */
  constructor(data?: VocabularyData) {
    this.words = data?.words ?? [];
    this.baseCount = this.words.length;
    this.trigramOffsets = data?.trigramOffsets ?? new Uint32Array(TRIGRAM_BUCKETS + 1);
    this.trigramTerms = data?.trigramTerms ?? new Uint32Array(0);
  }

  get size(): number {
    return this.words.length;
  }

  word(term: number): string {
    return this.words[term]!;
  }

  /** Term id of `word`, or -1. */
  lookup(word: string): number {
    const at = this.lowerBound(word);
    if (at < this.baseCount && this.words[at] === word) return at;
    return this.overlayIds.get(word) ?? -1;
  }

  /** Term id of `word`, adding it to the overlay when new. */
  add(word: string): { term: number; isNew: boolean } {
    const known = this.lookup(word);
    if (known >= 0) return { term: known, isNew: false };
    const term = this.words.length;
    this.words.push(word);
    this.overlayIds.set(word, term);
    this.overlaySortedStale = true;
    if (hasTrigrams(word)) {
      for (const bucket of trigramBuckets(word, true)) {
        const list = this.overlayTrigrams.get(bucket);
        if (list) list.push(term);
        else this.overlayTrigrams.set(bucket, [term]);
      }
    }
    return { term, isNew: true };
  }

  /** Calls `visit` with every term that starts with `prefix`. */
  forEachWithPrefix(prefix: string, visit: (term: number) => void): void {
    const words = this.words;
    for (let at = this.lowerBound(prefix); at < this.baseCount && words[at]!.startsWith(prefix); at++) visit(at);
    const sorted = this.sortedOverlay();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (words[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let at = lo; at < sorted.length && words[sorted[at]!]!.startsWith(prefix); at++) visit(sorted[at]!);
  }

  /** Calls `visit` with every term that shares at least `minShared` of the given trigram buckets. */
  forEachSharingTrigrams(buckets: readonly number[], minShared: number, visit: (term: number) => void): void {
    if (this.shared.length < this.words.length) this.shared = new Uint8Array(this.words.length * 2);
    const { shared, trigramOffsets, trigramTerms } = this;
    const touched: number[] = [];
    // Buckets are distinct, so a term is counted at most once per bucket: no overflow below 256 buckets.
    for (const bucket of buckets.slice(0, 255)) {
      const end = trigramOffsets[bucket + 1]!;
      for (let at = trigramOffsets[bucket]!; at < end; at++) {
        const term = trigramTerms[at]!;
        if (shared[term]!++ === 0) touched.push(term);
      }
      const overlay = this.overlayTrigrams.get(bucket);
      if (overlay) {
        for (const term of overlay) if (shared[term]!++ === 0) touched.push(term);
      }
    }
    for (const term of touched) {
      if (shared[term]! >= minShared) visit(term);
      shared[term] = 0;
    }
  }

  /** Overlay term ids in word order. */
  sortedOverlay(): readonly number[] {
    if (this.overlaySortedStale) {
      const words = this.words;
      this.overlaySorted = [...this.overlayIds.values()].sort((a, b) => (words[a]! < words[b]! ? -1 : 1));
      this.overlaySortedStale = false;
    }
    return this.overlaySorted;
  }

  get overlaySize(): number {
    return this.overlayIds.size;
  }

  /**
   * A new base holding the terms `keep` (old term ids, in word order), with trigram lists remapped
   * rather than recomputed. `newTermOf[old]` is the new id or -1.
   */
  rebuilt(keep: readonly number[], newTermOf: Int32Array): Vocabulary {
    const words = keep.map((term) => this.words[term]!);
    const { trigramOffsets, trigramTerms } = this;
    const counts = new Uint32Array(TRIGRAM_BUCKETS);
    for (let bucket = 0; bucket < TRIGRAM_BUCKETS; bucket++) {
      let count = 0;
      for (let at = trigramOffsets[bucket]!; at < trigramOffsets[bucket + 1]!; at++) if (newTermOf[trigramTerms[at]!]! >= 0) count++;
      counts[bucket] = count;
    }
    for (const [bucket, terms] of this.overlayTrigrams) for (const term of terms) if (newTermOf[term]! >= 0) counts[bucket]!++;
    const offsets = new Uint32Array(TRIGRAM_BUCKETS + 1);
    for (let bucket = 0; bucket < TRIGRAM_BUCKETS; bucket++) offsets[bucket + 1] = offsets[bucket]! + counts[bucket]!;
    const terms = new Uint32Array(offsets[TRIGRAM_BUCKETS]!);
    const cursor = offsets.slice(0, TRIGRAM_BUCKETS);
    for (let bucket = 0; bucket < TRIGRAM_BUCKETS; bucket++) {
      for (let at = trigramOffsets[bucket]!; at < trigramOffsets[bucket + 1]!; at++) {
        const term = newTermOf[trigramTerms[at]!]!;
        if (term >= 0) terms[cursor[bucket]!++] = term;
      }
    }
    for (const [bucket, list] of this.overlayTrigrams) {
      for (const old of list) {
        const term = newTermOf[old]!;
        if (term >= 0) terms[cursor[bucket]!++] = term;
      }
    }
    return new Vocabulary({ words, trigramOffsets: offsets, trigramTerms: terms });
  }

  /** All words in term id order: the sorted base, then the overlay as added. Shared, don't mutate. */
  allWords(): readonly string[] {
    return this.words;
  }

  get baseSize(): number {
    return this.baseCount;
  }

  /** The trigram lists of the base (the overlay's are rebuilt from its words on restore). */
  baseTrigrams(): Pick<VocabularyData, 'trigramOffsets' | 'trigramTerms'> {
    return { trigramOffsets: this.trigramOffsets, trigramTerms: this.trigramTerms };
  }

  /** Old term ids in word order: base (already sorted) merged with the sorted overlay. */
  termsInWordOrder(): number[] {
    const overlay = this.sortedOverlay();
    const words = this.words;
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < this.baseCount || j < overlay.length) {
      if (j >= overlay.length || (i < this.baseCount && words[i]! < words[overlay[j]!]!)) out.push(i++);
      else out.push(overlay[j++]!);
    }
    return out;
  }

  private lowerBound(word: string): number {
    const words = this.words;
    let lo = 0;
    let hi = this.baseCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (words[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
