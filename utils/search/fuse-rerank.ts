/**
 * Final ranking of the prefilter's few dozen candidates with Fuse.js (the ranker the owner chose).
 * Fuse is rebuilt per keystroke over the candidates only: ~50 papers, not the whole library.
 */
// The basic build (no extended search, no token search): 1.6 kB less gzipped popup code, and the
// same ranking (the planted papers' top-5 hits and the ranking table are unchanged), a bit faster.
import Fuse, { type IFuseOptions } from 'fuse.js/basic';
import type { RankFields } from './index-fields';
import type { Candidate } from './word-index';

interface FuseDocument {
  title: string;
  authors: string[];
  tags: string[];
  id: string;
  position: number;
}

const FUSE_OPTIONS: IFuseOptions<FuseDocument> = {
  keys: [
    { name: 'title', weight: 3 },
    { name: 'authors', weight: 2 },
    { name: 'tags', weight: 1 },
    { name: 'id', weight: 1 },
  ],
  threshold: 0.4,
  ignoreLocation: true,
  includeScore: true,
  shouldSort: false,
};

/** A candidate with what Fuse reads of it (from the word index, or `rankFieldsOf(record)`). */
export interface RankInput {
  rank: RankFields;
  candidate: Candidate;
}

export type Ranked<T extends RankInput> = T & {
  /** Fuse score (0 best, 1 worst); `undefined` when Fuse found nothing in title/authors/tags/id. */
  fuseScore: number | undefined;
};

/**
 * Orders candidates by: query words matched in any field (typos included: Fuse's bitap scores a
 * transposition as two errors, so "tabluar" alone would let lookalikes win), then words matched as
 * typed or completed (so an exact word beats a lookalike), then Fuse score over title/authors/tags/id
 * (so title and author hits come before abstract-only ones), then the prefilter's order.
 * `words` are the prefilter's query words (already folded and capped, which keeps Fuse fast on junk).
 * Reads only `rank` (folded title, authors, tags, id): no record has to be loaded to rank.
 */
export function rerankWithFuse<T extends RankInput>(words: readonly string[], found: readonly T[]): Ranked<T>[] {
  const documents: FuseDocument[] = found.map(({ rank }, position) => ({
    title: rank.title,
    authors: rank.authors,
    tags: rank.tags,
    id: rank.id,
    position,
  }));
  // Single letters match nearly everything and cost Fuse a scan of every field each: leave them to the
  // prefilter unless they are all there is.
  const longer = words.filter((word) => word.length > 1);
  const fuseQuery = (longer.length > 0 ? longer : words).join(' ');
  const scores = new Map<number, number>();
  if (fuseQuery && documents.length > 0) {
    const fuse = new Fuse(documents, FUSE_OPTIONS);
    for (const result of fuse.search(fuseQuery)) scores.set(result.item.position, result.score ?? 1);
  }
  const ranked = found.map((item, position) => ({ item, fuseScore: scores.get(position), position }));
  ranked.sort(
    (a, b) =>
      b.item.candidate.matchedWords - a.item.candidate.matchedWords ||
      b.item.candidate.literalWords - a.item.candidate.literalWords ||
      (a.fuseScore ?? 2) - (b.fuseScore ?? 2) ||
      a.position - b.position,
  );
  return ranked.map(({ item, fuseScore }) => ({ ...item, fuseScore }));
}
