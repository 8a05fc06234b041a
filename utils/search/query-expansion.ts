/**
 * Turns one query word into the vocabulary words it stands for: itself, its completions, its likely
 * misspellings' targets, and (for the word being typed) completions of a misspelled start.
 * Each comes with a quality in (0, 1] that scales its score, and whether it is a typo match.
 */
import { boundedDamerau, boundedPrefixDamerau } from './edit-distance';
import { isNumericWord, isShortWord } from './normalize';
import { TopK } from './top-k';
import { hasTrigrams, trigramBuckets, type Vocabulary } from './vocabulary';

export interface ExpandedWord {
  word: string;
  /** 1–2-letter word: matched against titles, authors, tags and ids only. */
  short: boolean;
  terms: number[];
  qualities: number[];
  /** Per term: the query word is the term, or a prefix of it of 3+ letters (not a typo). */
  literal: boolean[];
}

/** A single letter says least and has the most completions: fewer of them keeps "e a i o u" cheap. */
const LIMIT = { prefix: 64, prefixOfLetter: 16, typo: 24, prefixTypo: 24 };
const QUALITY = { exact: 1, inflection: 0.9, prefixBase: 0.7, prefixSpan: 0.2, typo1: 0.65, typo2: 0.45, prefixTypo1: 0.55, prefixTypo2: 0.4 };

/** Edits allowed for a word of this length: none below 4 letters, 1 for 4–5, 2 from 6. */
export function allowedEdits(length: number): number {
  return length < 4 ? 0 : length < 6 ? 1 : 2;
}

/**
 * A trigram count below which a word can't be within `edits` (each edit, a transposition at worst,
 * spoils up to 4 trigrams), but never below 2 so one shared common trigram is not enough.
 */
function minSharedTrigrams(bucketCount: number, edits: number): number {
  return Math.max(2, bucketCount - 4 * edits);
}

/**
 * English singular/plural forms of a word, found by exact lookup: "policy" must find "policies" (not a
 * completion, and 3 edits away), "models" must find "model".
 */
export function inflections(word: string): string[] {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return [];
  const forms = [`${word}s`, `${word}es`];
  if (word.endsWith('y')) forms.push(`${word.slice(0, -1)}ies`);
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1));
  return forms;
}

export function expandWord(vocabulary: Vocabulary, documentFrequency: (term: number) => number, word: string, partial: boolean): ExpandedWord {
  const best = new Map<number, { quality: number; literal: boolean }>();
  const offer = (term: number, quality: number, literal: boolean): void => {
    const known = best.get(term);
    if (!known || known.quality < quality) best.set(term, { quality, literal: literal || (known?.literal ?? false) });
  };

  const exact = vocabulary.lookup(word);
  if (exact >= 0) offer(exact, QUALITY.exact, true);
  for (const variant of inflections(word)) {
    const term = vocabulary.lookup(variant);
    if (term >= 0) offer(term, QUALITY.inflection, true);
  }

  // Completions, the most frequent first when there are too many ("d" has thousands).
  const completions = new TopK(word.length === 1 ? LIMIT.prefixOfLetter : LIMIT.prefix);
  vocabulary.forEachWithPrefix(word, (term) => {
    if (term !== exact) completions.push(documentFrequency(term), term);
  });
  const short = isShortWord(word);
  for (const term of completions.drainDescending()) {
    const ratio = word.length / vocabulary.word(term).length;
    // Completing one or two letters says little: such a match must not outrank a typo-tolerant one.
    offer(term, QUALITY.prefixBase + QUALITY.prefixSpan * ratio, !short);
  }

  const edits = allowedEdits(word.length);
  if (!short && edits > 0 && hasTrigrams(word) && !isNumericWord(word)) {
    const typos = new TopK(LIMIT.typo);
    const buckets = trigramBuckets(word, true, word.length < 6);
    vocabulary.forEachSharingTrigrams(buckets, minSharedTrigrams(buckets.length, edits), (term) => {
      const candidate = vocabulary.word(term);
      if (Math.abs(candidate.length - word.length) > edits) return;
      const distance = boundedDamerau(word, candidate, edits);
      if (distance >= 1 && distance <= edits) typos.push((edits - distance) * 1e9 + documentFrequency(term), term);
    });
    for (const term of typos.drainDescending()) {
      const distance = boundedDamerau(word, vocabulary.word(term), edits);
      offer(term, distance === 1 ? QUALITY.typo1 : QUALITY.typo2, false);
    }

    if (partial) {
      const prefixTypos = new TopK(LIMIT.prefixTypo);
      const startBuckets = trigramBuckets(word, false, word.length < 6);
      vocabulary.forEachSharingTrigrams(startBuckets, minSharedTrigrams(startBuckets.length, edits), (term) => {
        const candidate = vocabulary.word(term);
        if (candidate.length < word.length - edits) return;
        const distance = boundedPrefixDamerau(word, candidate, edits);
        if (distance >= 1 && distance <= edits) prefixTypos.push((edits - distance) * 1e9 + documentFrequency(term), term);
      });
      for (const term of prefixTypos.drainDescending()) {
        const distance = boundedPrefixDamerau(word, vocabulary.word(term), edits);
        offer(term, distance === 1 ? QUALITY.prefixTypo1 : QUALITY.prefixTypo2, false);
      }
    }
  }

  const expanded: ExpandedWord = { word, short, terms: [], qualities: [], literal: [] };
  for (const [term, { quality, literal }] of best) {
    expanded.terms.push(term);
    expanded.qualities.push(quality);
    expanded.literal.push(literal);
  }
  return expanded;
}
