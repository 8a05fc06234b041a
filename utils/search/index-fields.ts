/**
 * Which parts of a paper are searchable, how much a hit in each is worth, and the words each holds.
 */
import type { PaperRecord } from '../paper/record';
import { foldText, isShortWord, isStopWord, tokenizeFolded } from './normalize';

/** Field bits stored in every posting. */
export const FIELD = { title: 1, authors: 2, tags: 4, id: 8, abstract: 16 } as const;
export type FieldName = keyof typeof FIELD;
export const FIELD_BITS = 5;
export const FIELD_MASK = (1 << FIELD_BITS) - 1;
/** Fields short words may match: an abstract has every 1–2-letter word. */
export const META_FIELDS = FIELD.title | FIELD.authors | FIELD.tags | FIELD.id;

const WEIGHT: Record<FieldName, number> = { title: 3, authors: 2, tags: 1.5, id: 2, abstract: 1 };
const FIELD_NAMES = Object.keys(FIELD) as FieldName[];

/** Weight of a posting: its best field. */
export const FIELD_WEIGHT_OF_MASK: Float64Array = (() => {
  const weights = new Float64Array(1 << FIELD_BITS);
  for (let mask = 1; mask < weights.length; mask++) {
    for (const name of FIELD_NAMES) if (mask & FIELD[name]) weights[mask] = Math.max(weights[mask]!, WEIGHT[name]);
  }
  return weights;
})();

export function fieldNames(mask: number): FieldName[] {
  return FIELD_NAMES.filter((name) => mask & FIELD[name]);
}

/** The fields the word index reads; anything else on a record does not change its postings. */
export type IndexedPaper = Pick<PaperRecord, 'id' | 'title' | 'abstract' | 'authors' | 'tags'>;

/** Each distinct word of a paper with the bits of the fields it occurs in. */
export function wordsOfPaper(paper: IndexedPaper): Map<string, number> {
  const words = new Map<string, number>();
  const addAll = (tokens: string[], field: number, skipCommon: boolean): void => {
    for (const word of tokens) {
      // Abstracts: short words and stop-words are never searched there, so they are not stored.
      if (skipCommon && (word.length <= 2 ? isShortWord(word) : word.length <= 7 && isStopWord(word))) continue;
      const known = words.get(word);
      if (known === undefined) words.set(word, field);
      else if ((known & field) === 0) words.set(word, known | field);
    }
  };
  addAll(tokenizeFolded(foldText(paper.title ?? '')), FIELD.title, false);
  for (const author of paper.authors ?? []) addAll(tokenizeFolded(foldText(author)), FIELD.authors, false);
  for (const tag of paper.tags ?? []) addAll(tokenizeFolded(foldText(tag)), FIELD.tags, false);
  addAll(tokenizeFolded(foldText(paper.id)), FIELD.id, false);
  if (paper.abstract) addAll(tokenizeFolded(foldText(paper.abstract)), FIELD.abstract, true);
  return words;
}

/**
 * A 32-bit FNV-1a hash of the indexed fields: lets `update` skip papers whose text did not change
 * (saves, reads). The abstract is sampled (its length, every 4th character and its end), which made
 * hashing 4× cheaper; a same-length edit that touches no sampled character goes unnoticed until the
 * paper's next indexed change.
 */
export function fingerprintPaper(paper: IndexedPaper): number {
  const parts = [paper.id, paper.title ?? '', (paper.authors ?? []).join('\u0001'), (paper.tags ?? []).join('\u0001')];
  let hash = 0x811c9dc5;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) hash = Math.imul(hash ^ part.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash ^ 0x1f, 0x01000193);
  }
  const abstract = paper.abstract ?? '';
  hash = Math.imul(hash ^ abstract.length, 0x01000193);
  for (let i = 0; i < abstract.length; i += 4) hash = Math.imul(hash ^ abstract.charCodeAt(i), 0x01000193);
  for (let i = Math.max(0, abstract.length - 32); i < abstract.length; i++) hash = Math.imul(hash ^ abstract.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** What the final ranking (Fuse.js) reads of a paper: its id and folded title, authors and tags. */
export interface RankFields {
  id: string;
  title: string;
  authors: string[];
  tags: string[];
}

const FIELD_SEPARATOR = '\u0001';
const ITEM_SEPARATOR = '\u0002';
const SEPARATORS = /[\u0001\u0002]/g;

function clean(text: string): string {
  return foldText(text).replace(SEPARATORS, ' ');
}

export function rankFieldsOf(paper: IndexedPaper): RankFields {
  return {
    id: paper.id,
    title: foldText(paper.title ?? ''),
    authors: (paper.authors ?? []).map(foldText),
    tags: (paper.tags ?? []).map(foldText),
  };
}

/**
 * A paper's rank fields as one string (kept per paper in the word index and stored with it, so ranking
 * needs no record from IndexedDB): title, authors and tags, folded, with control-character separators.
 */
export function encodeRankFields(paper: IndexedPaper): string {
  const list = (items: readonly string[] | undefined) => (items ?? []).map(clean).join(ITEM_SEPARATOR);
  return clean(paper.title ?? '') + FIELD_SEPARATOR + list(paper.authors) + FIELD_SEPARATOR + list(paper.tags);
}

export function decodeRankFields(id: string, text: string): RankFields {
  const [title = '', authors = '', tags = ''] = text.split(FIELD_SEPARATOR);
  return { id, title, authors: authors ? authors.split(ITEM_SEPARATOR) : [], tags: tags ? tags.split(ITEM_SEPARATOR) : [] };
}
