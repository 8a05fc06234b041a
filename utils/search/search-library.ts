/**
 * Search over the whole library, as the popup calls it on every keystroke:
 * empty query → nothing (the popup shows recents); a pasted arXiv id or paper URL → that paper;
 * otherwise the word index picks ~50 candidates and Fuse.js ranks them.
 * Never throws on any query string.
 */
import type { PaperRecord } from '../paper';
import { fieldNames, type FieldName } from './index-fields';
import { rerankWithFuse } from './fuse-rerank';
import { arxivIdFromQuery } from './query-id';
import type { CandidateSearch, WordIndex } from './word-index';

/** Fetches records by id, in the same order; `undefined` for ids it no longer has. */
export type RecordLookup = (ids: readonly string[]) => readonly (PaperRecord | undefined)[];
export type AsyncRecordLookup = (ids: readonly string[]) => Promise<readonly (PaperRecord | undefined)[]> | readonly (PaperRecord | undefined)[];

export interface SearchOptions {
  /** Most hits returned (default 50). */
  limit?: number;
  /** Candidates the prefilter hands to Fuse (default 50, at least `limit`). */
  candidates?: number;
  /** Only these paper ids (a tag, "saved", "unread"): applied inside the prefilter, so it costs nothing. */
  restrictTo?: ReadonlySet<string>;
  /** A check on the loaded records, applied after the prefilter (may leave fewer than `limit` hits). */
  filter?: (record: PaperRecord) => boolean;
  /** Where an unexpected failure is reported (default `console.error`); the search then returns no hits. */
  onError?: (error: unknown) => void;
}

export interface SearchHit {
  record: PaperRecord;
  /** Fields that matched, for highlighting. */
  matchedFields: FieldName[];
  /** Fuse score, 0 best; `undefined` for abstract-only matches and pasted ids. */
  fuseScore: number | undefined;
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** Set when the query was an arXiv id or paper URL, whether or not the paper is in the library. */
  pastedId?: string;
  /** Papers matching every query word (for "N matches"); for a pasted id, 0 or 1. */
  matchCount: number;
  /** Folded vocabulary words the query matched; a result list may highlight words whose fold is in here. */
  highlightTerms: string[];
}

const DEFAULT_LIMIT = 50;
const DEFAULT_CANDIDATES = 50;
const NOTHING: SearchOutcome = { hits: [], matchCount: 0, highlightTerms: [] };

type Plan =
  | { kind: 'empty' }
  | { kind: 'id'; id: string }
  | { kind: 'words'; search: CandidateSearch };

function plan(index: WordIndex, query: string, options: SearchOptions): Plan {
  if (typeof query !== 'string' || query.trim() === '') return { kind: 'empty' };
  const id = arxivIdFromQuery(query);
  if (id) return { kind: 'id', id };
  const limit = options.limit ?? DEFAULT_LIMIT;
  const k = Math.max(limit, options.candidates ?? DEFAULT_CANDIDATES);
  return { kind: 'words', search: index.search(query, k, options.restrictTo) };
}

function idsToLoad(index: WordIndex, planned: Plan, options: SearchOptions): string[] {
  if (planned.kind === 'id') {
    const allowed = index.has(planned.id) && (!options.restrictTo || options.restrictTo.has(planned.id));
    return allowed ? [planned.id] : [];
  }
  return planned.kind === 'words' ? planned.search.candidates.map((candidate) => candidate.id) : [];
}

function finish(planned: Plan, ids: readonly string[], records: readonly (PaperRecord | undefined)[], options: SearchOptions): SearchOutcome {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const keep = (record: PaperRecord | undefined): record is PaperRecord => record !== undefined && (!options.filter || options.filter(record));
  if (planned.kind === 'empty') return NOTHING;
  if (planned.kind === 'id') {
    const record = records[0];
    const hits = ids.length > 0 && keep(record) ? [{ record, matchedFields: ['id' as FieldName], fuseScore: undefined }] : [];
    return { hits, pastedId: planned.id, matchCount: hits.length, highlightTerms: [] };
  }
  const { search } = planned;
  const found = search.candidates.flatMap((candidate, at) => {
    const record = records[at];
    return keep(record) && record.id === ids[at] ? [{ record, candidate }] : [];
  });
  const hits = rerankWithFuse(search.words, found)
    .slice(0, limit)
    .map(({ record, candidate, fuseScore }) => ({ record, matchedFields: fieldNames(candidate.fields), fuseScore }));
  return { hits, matchCount: search.matchCount, highlightTerms: search.terms };
}

function report(options: SearchOptions, error: unknown): SearchOutcome {
  (options.onError ?? ((e: unknown) => console.error('Paperdex search failed', e)))(error);
  return NOTHING;
}

/** Search with records already in memory (tests, benches, a popup that holds the records). */
export function searchPapersSync(index: WordIndex, lookup: RecordLookup, query: string, options: SearchOptions = {}): SearchOutcome {
  try {
    const planned = plan(index, query, options);
    const ids = idsToLoad(index, planned, options);
    return finish(planned, ids, ids.length > 0 ? lookup(ids) : [], options);
  } catch (error) {
    return report(options, error);
  }
}

/** Search that loads the candidates' records, e.g. with Dexie's `bulkGet`. */
export async function searchPapers(index: WordIndex, lookup: AsyncRecordLookup, query: string, options: SearchOptions = {}): Promise<SearchOutcome> {
  try {
    const planned = plan(index, query, options);
    const ids = idsToLoad(index, planned, options);
    return finish(planned, ids, ids.length > 0 ? await lookup(ids) : [], options);
  } catch (error) {
    return report(options, error);
  }
}
