/**
 * Final ranking of the prefilter's few dozen candidates with Fuse.js (the ranker the owner chose).
 * Fuse is rebuilt per keystroke over the candidates only: ~50 papers, not the whole library.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { PaperRecord } from '../paper';
import { foldText } from './normalize';
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
  useTokenSearch: true,
  ignoreLocation: true,
  includeScore: true,
  shouldSort: false,
};

export interface RankedCandidate {
  record: PaperRecord;
  candidate: Candidate;
  /** Fuse score (0 best, 1 worst); `undefined` when Fuse found nothing in title/authors/tags/id. */
  fuseScore: number | undefined;
}

/**
 * Orders candidates by: query words matched in any field (typos included: Fuse's bitap scores a
 * transposition as two errors, so "tabluar" alone would let lookalikes win), then words matched as
 * typed or completed (so an exact word beats a lookalike), then Fuse score over title/authors/tags/id
 * (so title and author hits come before abstract-only ones), then the prefilter's order.
 * `words` are the prefilter's query words (already folded and capped, which keeps Fuse fast on junk).
 */
export function rerankWithFuse(words: readonly string[], found: readonly { record: PaperRecord; candidate: Candidate }[]): RankedCandidate[] {
  const documents: FuseDocument[] = found.map(({ record }, position) => ({
    title: foldText(record.title ?? ''),
    authors: (record.authors ?? []).map(foldText),
    tags: (record.tags ?? []).map(foldText),
    id: record.id,
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
  const ranked = found.map(({ record, candidate }, position) => ({ record, candidate, fuseScore: scores.get(position), position }));
  ranked.sort(
    (a, b) =>
      b.candidate.matchedWords - a.candidate.matchedWords ||
      b.candidate.literalWords - a.candidate.literalWords ||
      (a.fuseScore ?? 2) - (b.fuseScore ?? 2) ||
      a.position - b.position,
  );
  return ranked.map(({ record, candidate, fuseScore }) => ({ record, candidate, fuseScore }));
}
