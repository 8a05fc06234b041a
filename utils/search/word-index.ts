/**
 * The candidate prefilter: an inverted word index over title, authors, tags, id and abstract that finds
 * the best few dozen papers for a query in a few milliseconds at 50k papers, so that Fuse.js only has to
 * rank those (Fuse alone scans every paper on every keystroke and is far too slow at that size).
 *
 * Layout (see `vocabulary.ts` for the words):
 * - papers live in slots; a posting is `slot * 32 + field bits` in a Uint32Array;
 * - the base: all postings of a term contiguous (CSR), those in title/authors/tags/id first, so 1–2-letter
 *   words can stop at the first abstract-only posting;
 * - the overlay: postings added since the last compaction, one small array per term.
 * Removing a paper only marks its slot dead; `update` of a changed paper is remove + add in a new slot.
 * `compact()` writes a fresh base without dead slots (document frequencies count dead slots until then);
 * it runs by itself when the overlay outgrows the base or a quarter of the slots are dead, and in
 * `serialize()` once the overlay or the dead slots pass an eighth, so persisting after a few captures or
 * retags costs milliseconds, not a rewrite of every posting.
 */
import { FIELD_MASK, FIELD_WEIGHT_OF_MASK, META_FIELDS, decodeRankFields, encodeRankFields, fingerprintPaper, wordsOfPaper, type IndexedPaper, type RankFields } from './index-fields';
import { foldText, isStopWord, tokenizeQuery } from './normalize';
import { expandWord, type ExpandedWord } from './query-expansion';
import { TopK } from './top-k';
import { TRIGRAM_BUCKETS, Vocabulary } from './vocabulary';

export const SERIALIZED_FORMAT = 'paperdex-word-index';
/** 2: adds `rankFields` (what Fuse ranks on, so ranking reads no records). */
export const SERIALIZED_VERSION = 2;

/** Structured-cloneable: store it in IndexedDB as is. */
export interface SerializedWordIndex {
  format: typeof SERIALIZED_FORMAT;
  version: typeof SERIALIZED_VERSION;
  /** Words by term id: the base words (sorted), then the words added since the last compaction. */
  words: string[];
  baseWordCount: number;
  /** Per word. */
  documentFrequency: Uint32Array;
  /** `baseWordCount + 1` offsets into `postings`. */
  postingOffsets: Uint32Array;
  postings: Uint32Array;
  /** Postings added since the last compaction: term ids, `overlayTerms.length + 1` offsets, postings. */
  overlayTerms: Uint32Array;
  overlayOffsets: Uint32Array;
  overlayPostings: Uint32Array;
  /** Trigram lists of the base words (those of later words are rebuilt on restore). */
  trigramOffsets: Uint32Array;
  trigramTerms: Uint32Array;
  /** Paper id per slot (removed papers leave dead slots until the next compaction). */
  paperIds: string[];
  /** Per slot: the folded title, authors and tags Fuse ranks on (see `encodeRankFields`). */
  rankFields: string[];
  deadSlots: Uint32Array;
  fingerprints: Uint32Array;
}

export interface Candidate {
  id: string;
  /** Query words this paper matched in any way (exact, completion or typo). */
  matchedWords: number;
  /** Query words it matched as typed or as a completion, not through a typo. */
  literalWords: number;
  score: number;
  /** Field bits (`FIELD`) where its matches are. */
  fields: number;
}

export interface CandidateSearch {
  /** The query words searched (folded, stop-words dropped, at most `MAX_QUERY_WORDS`). */
  words: string[];
  /** Best first. */
  candidates: Candidate[];
  /** Papers that matched every query word. */
  matchCount: number;
  /** Every vocabulary word the query expanded to: what a result list may highlight. */
  terms: string[];
}

export const MAX_QUERY_CHARS = 256;
export const MAX_QUERY_WORDS = 8;
const EXPANSION_CACHE_SIZE = 256;
const MIN_AUTO_COMPACT_POSTINGS = 100_000;
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;

export class WordIndex {
  private vocabulary = new Vocabulary();
  private postingOffsets: Uint32Array = new Uint32Array(1);
  private postings: Uint32Array = new Uint32Array(0);
  private overlay: (number[] | undefined)[] = [];
  private overlayPostingCount = 0;
  private documentFrequency: Uint32Array = new Uint32Array(1024);

  private paperIds: string[] = [];
  private rankText: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private alive: Uint8Array = new Uint8Array(1024);
  private fingerprints: Uint32Array = new Uint32Array(1024);
  private slotCount = 0;
  private deadCount = 0;

  private readonly expansions = new Map<string, ExpandedWord>();
  private scratch = new SearchScratch(0);
  private restriction: { ids: ReadonlySet<string>; generation: number; allowed: Uint8Array } | undefined;
  /** Bumped by every change that can move slots or terms. */
  private generation = 0;
  private autoCompact = true;

  static build(papers: Iterable<IndexedPaper>): WordIndex {
    const index = new WordIndex();
    index.autoCompact = false; // one compaction at the end instead of a few on the way
    for (const paper of papers) index.add(paper);
    index.autoCompact = true;
    index.compact();
    return index;
  }

  /** Throws on data that is not a serialized index of this version (the caller then rebuilds). */
  static restore(data: SerializedWordIndex): WordIndex {
    assertSerializedIndex(data);
    const index = new WordIndex();
    const { words, baseWordCount } = data;
    index.vocabulary = new Vocabulary({ words: words.slice(0, baseWordCount), trigramOffsets: data.trigramOffsets, trigramTerms: data.trigramTerms });
    for (let term = baseWordCount; term < words.length; term++) {
      if (index.vocabulary.add(words[term]!).term !== term) throw new Error('Serialized word index has duplicate words');
    }
    index.postingOffsets = data.postingOffsets;
    index.postings = data.postings;
    index.documentFrequency = new Uint32Array(Math.max(1024, words.length));
    index.documentFrequency.set(data.documentFrequency);
    index.overlay = new Array(words.length);
    data.overlayTerms.forEach((term, at) => {
      index.overlay[term] = Array.from(data.overlayPostings.subarray(data.overlayOffsets[at]!, data.overlayOffsets[at + 1]!));
    });
    index.overlayPostingCount = data.overlayPostings.length;
    index.paperIds = data.paperIds.slice();
    index.rankText = data.rankFields.slice();
    index.slotCount = data.paperIds.length;
    index.alive = new Uint8Array(Math.max(1024, index.slotCount)).fill(1, 0, index.slotCount);
    for (const slot of data.deadSlots) index.alive[slot] = 0;
    index.deadCount = data.deadSlots.length;
    index.fingerprints = new Uint32Array(Math.max(1024, index.slotCount));
    index.fingerprints.set(data.fingerprints);
    for (let slot = 0; slot < index.slotCount; slot++) if (index.alive[slot]) index.slotOf.set(index.paperIds[slot]!, slot);
    return index;
  }

  /** Papers in the index. */
  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** The folded title, authors and tags of an indexed paper (what Fuse ranks on), without reading it. */
  rankFields(id: string): RankFields | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : decodeRankFields(id, this.rankText[slot]!);
  }

  /** Adds a paper, or updates it when its id is already indexed. */
  add(paper: IndexedPaper): void {
    const fingerprint = fingerprintPaper(paper);
    const existing = this.slotOf.get(paper.id);
    if (existing !== undefined) {
      if (this.fingerprints[existing] === fingerprint) return; // saved/read changes: nothing to re-index
      this.remove(paper.id);
    }
    const slot = this.slotCount++;
    this.ensureSlotCapacity(this.slotCount);
    this.paperIds[slot] = paper.id;
    this.rankText[slot] = encodeRankFields(paper);
    this.slotOf.set(paper.id, slot);
    this.alive[slot] = 1;
    this.fingerprints[slot] = fingerprint;
    for (const [word, fields] of wordsOfPaper(paper)) {
      const { term, isNew } = this.vocabulary.add(word);
      if (isNew) {
        this.ensureTermCapacity(term + 1);
        this.expansions.clear();
      }
      const list = this.overlay[term];
      if (list) list.push(slot * 32 + fields);
      else this.overlay[term] = [slot * 32 + fields];
      this.documentFrequency[term]!++;
      this.overlayPostingCount++;
    }
    this.generation++;
    if (this.autoCompact && this.overlayPostingCount > Math.max(MIN_AUTO_COMPACT_POSTINGS, this.postings.length)) this.compact();
  }

  /** Same as `add`: re-indexes the paper when its title, authors, tags or abstract changed. */
  update(paper: IndexedPaper): void {
    this.add(paper);
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.alive[slot] = 0;
    this.deadCount++;
    this.generation++;
    if (this.autoCompact && this.deadCount > 1000 && this.deadCount > this.slotCount / 4) this.compact();
    return true;
  }

  /**
   * The best `k` candidates for `query`: papers that match the most query words, then the best scored
   * (field weight × IDF × match quality, best expansion per word). With `restrictTo`, only those ids.
   */
  search(query: string, k = 50, restrictTo?: ReadonlySet<string>): CandidateSearch {
    const folded = foldText(query.slice(0, MAX_QUERY_CHARS));
    const words = queryWords(folded);
    const result: CandidateSearch = { words, candidates: [], matchCount: 0, terms: [] };
    if (words.length === 0 || this.size === 0 || k <= 0) return result;

    const partialWord = ENDS_IN_WORD.test(folded) ? words.find((word) => folded.endsWith(word)) : undefined;
    const expanded = words.map((word) => this.expand(word, word === partialWord));
    const terms = new Set<string>();
    for (const word of expanded) for (const term of word.terms) terms.add(this.vocabulary.word(term));
    result.terms = [...terms];

    const scratch = this.prepareScratch();
    const allowed = restrictTo ? this.allowedSlots(restrictTo) : undefined;
    const queryStamp = scratch.nextStamp();
    let touchedDocs = 0;
    for (const word of expanded) {
      const touched = this.scoreWord(word, scratch, allowed);
      for (let i = 0; i < touched; i++) {
        const slot = scratch.touchedWord[i]!;
        if (scratch.docMark[slot] !== queryStamp) {
          scratch.docMark[slot] = queryStamp;
          scratch.docScore[slot] = 0;
          scratch.docMatched[slot] = 0;
          scratch.docLiteral[slot] = 0;
          scratch.docFields[slot] = 0;
          scratch.touchedDoc[touchedDocs++] = slot;
        }
        scratch.docScore[slot]! += scratch.wordBest[slot]!;
        scratch.docMatched[slot]!++;
        scratch.docLiteral[slot]! += scratch.wordLiteral[slot]!;
        scratch.docFields[slot]! |= scratch.wordFields[slot]!;
      }
    }

    const best = new TopK(k);
    for (let i = 0; i < touchedDocs; i++) {
      const slot = scratch.touchedDoc[i]!;
      const matched = scratch.docMatched[slot]!;
      if (matched === words.length) result.matchCount++;
      best.push(matched * 10_000 + scratch.docScore[slot]!, slot);
    }
    result.candidates = best.drainDescending().map((slot) => ({
      id: this.paperIds[slot]!,
      matchedWords: scratch.docMatched[slot]!,
      literalWords: scratch.docLiteral[slot]!,
      score: scratch.docScore[slot]!,
      fields: scratch.docFields[slot]!,
    }));
    return result;
  }

  /** Folds the overlay and dead slots into a fresh base (slots are renumbered, in the same order). */
  compact(): void {
    const termCount = this.vocabulary.size;
    const baseTerms = this.postingOffsets.length - 1;
    const { alive, postings, postingOffsets, overlay } = this;

    const newSlotOf = new Int32Array(this.slotCount).fill(-1);
    const paperIds: string[] = [];
    const rankText: string[] = [];
    const fingerprints = new Uint32Array(Math.max(1024, this.slotCount - this.deadCount));
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (!alive[slot]) continue;
      newSlotOf[slot] = paperIds.length;
      fingerprints[paperIds.length] = this.fingerprints[slot]!;
      paperIds.push(this.paperIds[slot]!);
      rankText.push(this.rankText[slot]!);
    }

    // With no dead slot, slots keep their numbers and a base list without overlay is copied as is.
    const noDead = this.deadCount === 0;
    const liveCounts = new Uint32Array(termCount);
    for (let term = 0; term < termCount; term++) {
      let count = 0;
      if (term < baseTerms) {
        const end = postingOffsets[term + 1]!;
        if (noDead) count = end - postingOffsets[term]!;
        else for (let at = postingOffsets[term]!; at < end; at++) count += alive[postings[at]! >>> 5]!;
      }
      const extra = overlay[term];
      if (extra) for (let i = 0; i < extra.length; i++) count += alive[extra[i]! >>> 5]!;
      liveCounts[term] = count;
    }

    const keep = this.vocabulary.termsInWordOrder().filter((term) => liveCounts[term]! > 0);
    const newTermOf = new Int32Array(termCount).fill(-1);
    const offsets = new Uint32Array(keep.length + 1);
    const documentFrequency = new Uint32Array(Math.max(1024, keep.length));
    let total = 0;
    keep.forEach((term, newTerm) => {
      newTermOf[term] = newTerm;
      offsets[newTerm] = total;
      documentFrequency[newTerm] = liveCounts[term]!;
      total += liveCounts[term]!;
    });
    offsets[keep.length] = total;

    const compacted = new Uint32Array(total);
    let at = 0;
    for (const term of keep) {
      const start = term < baseTerms ? postingOffsets[term]! : 0;
      const end = term < baseTerms ? postingOffsets[term + 1]! : 0;
      const extra: number[] = overlay[term] ?? [];
      if (extra.length === 0) {
        if (noDead) {
          compacted.set(postings.subarray(start, end), at);
          at += end - start;
        } else {
          // Filtering keeps the base order, title/authors/tags/id postings first.
          for (let i = start; i < end; i++) {
            const posting = postings[i]!;
            const newSlot = newSlotOf[posting >>> 5]!;
            if (newSlot >= 0) compacted[at++] = newSlot * 32 + (posting & FIELD_MASK);
          }
        }
        continue;
      }
      // Title/authors/tags/id postings first, then abstract-only ones, in slot order within each.
      for (let pass = 0; pass < 2; pass++) {
        const wantMeta = pass === 0;
        for (let i = start; i < end; i++) {
          const posting = postings[i]!;
          const newSlot = newSlotOf[posting >>> 5]!;
          if (newSlot >= 0 && ((posting & META_FIELDS) !== 0) === wantMeta) compacted[at++] = newSlot * 32 + (posting & FIELD_MASK);
        }
        for (let i = 0; i < extra.length; i++) {
          const posting = extra[i]!;
          const newSlot = newSlotOf[posting >>> 5]!;
          if (newSlot >= 0 && ((posting & META_FIELDS) !== 0) === wantMeta) compacted[at++] = newSlot * 32 + (posting & FIELD_MASK);
        }
      }
    }

    this.vocabulary = this.vocabulary.rebuilt(keep, newTermOf);
    this.postingOffsets = offsets;
    this.postings = compacted;
    this.overlay = new Array(keep.length);
    this.overlayPostingCount = 0;
    this.documentFrequency = documentFrequency;
    this.paperIds = paperIds;
    this.rankText = rankText;
    this.slotOf.clear();
    paperIds.forEach((id, slot) => this.slotOf.set(id, slot));
    this.slotCount = paperIds.length;
    this.deadCount = 0;
    this.alive = new Uint8Array(Math.max(1024, this.slotCount)).fill(1, 0, this.slotCount);
    this.fingerprints = fingerprints;
    this.expansions.clear();
    this.restriction = undefined;
    this.generation++;
  }

  /**
   * The index as plain typed arrays and string arrays. Compacts first when the overlay or the dead slots
   * have passed an eighth of the index. The base arrays are shared, not copied (structured cloning copies).
   */
  serialize(): SerializedWordIndex {
    if (this.overlayPostingCount > this.postings.length / 8 || this.deadCount > this.slotCount / 8) this.compact();
    const termCount = this.vocabulary.size;
    const overlayTerms: number[] = [];
    const overlayOffsets: number[] = [0];
    const overlayPostings = new Uint32Array(this.overlayPostingCount);
    let at = 0;
    for (let term = 0; term < termCount; term++) {
      const extra = this.overlay[term];
      if (!extra?.length) continue;
      overlayTerms.push(term);
      overlayPostings.set(extra, at);
      at += extra.length;
      overlayOffsets.push(at);
    }
    const deadSlots: number[] = [];
    for (let slot = 0; slot < this.slotCount; slot++) if (!this.alive[slot]) deadSlots.push(slot);
    return {
      format: SERIALIZED_FORMAT,
      version: SERIALIZED_VERSION,
      words: this.vocabulary.allWords().slice(),
      baseWordCount: this.vocabulary.baseSize,
      documentFrequency: this.documentFrequency.slice(0, termCount),
      postingOffsets: this.postingOffsets,
      postings: this.postings,
      overlayTerms: Uint32Array.from(overlayTerms),
      overlayOffsets: Uint32Array.from(overlayOffsets),
      overlayPostings,
      ...this.vocabulary.baseTrigrams(),
      paperIds: this.paperIds.slice(0, this.slotCount),
      rankFields: this.rankText.slice(0, this.slotCount),
      deadSlots: Uint32Array.from(deadSlots),
      fingerprints: this.fingerprints.slice(0, this.slotCount),
    };
  }

  /** Sizes for benches and diagnostics. */
  stats(): { papers: number; words: number; postings: number; overlayPostings: number; deadSlots: number } {
    return {
      papers: this.size,
      words: this.vocabulary.size,
      postings: this.postings.length,
      overlayPostings: this.overlayPostingCount,
      deadSlots: this.deadCount,
    };
  }

  private expand(word: string, partial: boolean): ExpandedWord {
    const key = (partial ? '~' : '=') + word;
    let expanded = this.expansions.get(key);
    if (expanded) {
      // Refresh its place in the LRU order.
      this.expansions.delete(key);
    } else {
      expanded = expandWord(this.vocabulary, (term) => this.documentFrequency[term]!, word, partial);
      if (this.expansions.size >= EXPANSION_CACHE_SIZE) this.expansions.delete(this.expansions.keys().next().value!);
    }
    this.expansions.set(key, expanded);
    return expanded;
  }

  /** Fills the scratch "word" arrays with each paper's best score for one query word; returns how many papers. */
  private scoreWord(word: ExpandedWord, scratch: SearchScratch, allowed: Uint8Array | undefined): number {
    const { alive, postings, postingOffsets, documentFrequency } = this;
    const { wordMark, wordBest, wordLiteral, wordFields, touchedWord } = scratch;
    const baseTerms = postingOffsets.length - 1;
    const papers = Math.max(1, this.size);
    const fieldFilter = word.short ? META_FIELDS : FIELD_MASK;
    const stamp = scratch.nextStamp();
    let touched = 0;
    for (let e = 0; e < word.terms.length; e++) {
      const term = word.terms[e]!;
      const weight = word.qualities[e]! * Math.log(1 + papers / Math.max(1, documentFrequency[term]!));
      const literal = word.literal[e] ? 1 : 0;
      const base = term < baseTerms;
      const end = base ? postingOffsets[term + 1]! : 0;
      for (let at = base ? postingOffsets[term]! : 0; at < end; at++) {
        const posting = postings[at]!;
        const fields = posting & fieldFilter;
        if (fields === 0) break; // base lists hold title/authors/tags/id postings first
        const slot = posting >>> 5;
        if (!alive[slot] || (allowed && !allowed[slot])) continue;
        const score = weight * FIELD_WEIGHT_OF_MASK[fields]!;
        if (wordMark[slot] !== stamp) {
          wordMark[slot] = stamp;
          wordBest[slot] = score;
          wordLiteral[slot] = literal;
          wordFields[slot] = fields;
          touchedWord[touched++] = slot;
        } else {
          if (score > wordBest[slot]!) wordBest[slot] = score;
          wordLiteral[slot]! |= literal;
          wordFields[slot]! |= fields;
        }
      }
      const extra: number[] | undefined = this.overlay[term];
      if (!extra) continue;
      for (let i = 0; i < extra.length; i++) {
        const posting: number = extra[i]!;
        const fields = posting & fieldFilter;
        if (fields === 0) continue;
        const slot = posting >>> 5;
        if (!alive[slot] || (allowed && !allowed[slot])) continue;
        const score = weight * FIELD_WEIGHT_OF_MASK[fields]!;
        if (wordMark[slot] !== stamp) {
          wordMark[slot] = stamp;
          wordBest[slot] = score;
          wordLiteral[slot] = literal;
          wordFields[slot] = fields;
          touchedWord[touched++] = slot;
        } else {
          if (score > wordBest[slot]!) wordBest[slot] = score;
          wordLiteral[slot]! |= literal;
          wordFields[slot]! |= fields;
        }
      }
    }
    return touched;
  }

  private prepareScratch(): SearchScratch {
    if (this.scratch.capacity < this.slotCount) this.scratch = new SearchScratch(this.alive.length);
    return this.scratch;
  }

  private allowedSlots(ids: ReadonlySet<string>): Uint8Array {
    const cached = this.restriction;
    if (cached && cached.ids === ids && cached.generation === this.generation) return cached.allowed;
    const allowed = new Uint8Array(this.alive.length);
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined) allowed[slot] = 1;
    }
    this.restriction = { ids, generation: this.generation, allowed };
    return allowed;
  }

  private ensureSlotCapacity(slots: number): void {
    if (slots <= this.alive.length) return;
    const capacity = Math.max(slots, this.alive.length * 2);
    this.alive = grown(this.alive, new Uint8Array(capacity));
    this.fingerprints = grown(this.fingerprints, new Uint32Array(capacity));
  }

  private ensureTermCapacity(terms: number): void {
    if (terms <= this.documentFrequency.length) return;
    this.documentFrequency = grown(this.documentFrequency, new Uint32Array(Math.max(terms, this.documentFrequency.length * 2)));
  }
}

/** Query words to search: folded, deduplicated, stop-words dropped when other words remain, capped. */
export function queryWords(folded: string): string[] {
  const words = tokenizeQuery(folded);
  const content = words.filter((word) => !isStopWord(word));
  return (content.length > 0 ? content : words).slice(0, MAX_QUERY_WORDS);
}

/** Per-search accumulators, kept between searches so a keystroke allocates nothing per paper. */
class SearchScratch {
  readonly wordMark: Int32Array;
  readonly wordBest: Float64Array;
  readonly wordLiteral: Uint8Array;
  readonly wordFields: Uint8Array;
  readonly touchedWord: Int32Array;
  readonly docMark: Int32Array;
  readonly docScore: Float64Array;
  readonly docMatched: Uint8Array;
  readonly docLiteral: Uint8Array;
  readonly docFields: Uint8Array;
  readonly touchedDoc: Int32Array;
  private stamp = 0;

  constructor(readonly capacity: number) {
    this.wordMark = new Int32Array(capacity);
    this.wordBest = new Float64Array(capacity);
    this.wordLiteral = new Uint8Array(capacity);
    this.wordFields = new Uint8Array(capacity);
    this.touchedWord = new Int32Array(capacity);
    this.docMark = new Int32Array(capacity);
    this.docScore = new Float64Array(capacity);
    this.docMatched = new Uint8Array(capacity);
    this.docLiteral = new Uint8Array(capacity);
    this.docFields = new Uint8Array(capacity);
    this.touchedDoc = new Int32Array(capacity);
  }

  /** A fresh mark; marks from older searches never equal it, so nothing needs clearing. */
  nextStamp(): number {
    if (this.stamp >= 0x7fffffff) {
      this.stamp = 0;
      this.wordMark.fill(0);
      this.docMark.fill(0);
    }
    return ++this.stamp;
  }
}

function grown<T extends Uint8Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function assertSerializedIndex(data: SerializedWordIndex): void {
  const typed = (value: unknown): value is Uint32Array => value instanceof Uint32Array;
  const ok =
    data?.format === SERIALIZED_FORMAT &&
    data.version === SERIALIZED_VERSION &&
    Array.isArray(data.words) &&
    Array.isArray(data.paperIds) &&
    Array.isArray(data.rankFields) &&
    data.rankFields.length === data.paperIds.length &&
    data.rankFields.every((text) => typeof text === 'string') &&
    Number.isInteger(data.baseWordCount) &&
    data.baseWordCount >= 0 &&
    data.baseWordCount <= data.words.length &&
    [data.postingOffsets, data.postings, data.documentFrequency, data.overlayTerms, data.overlayOffsets, data.overlayPostings, data.trigramOffsets, data.trigramTerms, data.deadSlots, data.fingerprints].every(typed) &&
    data.postingOffsets.length === data.baseWordCount + 1 &&
    data.postingOffsets[data.baseWordCount] === data.postings.length &&
    data.documentFrequency.length === data.words.length &&
    data.overlayOffsets.length === data.overlayTerms.length + 1 &&
    data.overlayOffsets[data.overlayTerms.length] === data.overlayPostings.length &&
    data.overlayTerms.every((term) => term < data.words.length) &&
    data.trigramOffsets.length === TRIGRAM_BUCKETS + 1 &&
    data.trigramOffsets[TRIGRAM_BUCKETS] === data.trigramTerms.length &&
    data.fingerprints.length === data.paperIds.length &&
    data.deadSlots.every((slot) => slot < data.paperIds.length);
  if (!ok) throw new Error('Not a serialized word index of this version');
}
