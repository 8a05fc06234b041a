/**
 * Search over the whole library, as the popup calls it on every keystroke:
 * empty query → nothing (the popup shows recents); a pasted arXiv id or paper URL → that paper;
 * otherwise the word index picks ~50 candidates and Fuse.js ranks them on the title, authors and tags the
 * index keeps in memory; only the records of the hits returned are then read.
 * Never throws on any query string.
 */
import type { PaperRecord } from '../paper/record';
import { fieldNames, type FieldName } from './index-fields';
import { rerankWithFuse, type RankInput, type Ranked } from './fuse-rerank';
import { arxivIdFromQuery } from './query-id';
import type { Candidate, CandidateSearch, WordIndex } from './word-index';

/** What a hit carries: a full record, or a `ResultRow` kept in memory by the `LibraryIndex`. */
export interface Identified {
  id: string;
}

/** Fetches records (or rows) by id, in the same order; `undefined` for ids it no longer has. */
export type RecordLookup<T extends Identified = PaperRecord> = (ids: readonly string[]) => readonly (T | undefined)[];
export type AsyncRecordLookup<T extends Identified = PaperRecord> = (
  ids: readonly string[],
) => Promise<readonly (T | undefined)[]> | readonly (T | undefined)[];

export interface SearchOptions<T extends Identified = PaperRecord> {
  /** Most hits returned (default 50). */
  limit?: number;
  /** Candidates the prefilter hands to Fuse (default 50, at least `limit`). */
  candidates?: number;
  /** Only these paper ids (a tag, "saved", "unread"): applied inside the prefilter, so it costs nothing. */
  restrictTo?: ReadonlySet<string>;
  /** A check on the loaded records, applied after the prefilter (may leave fewer than `limit` hits). */
  filter?: (record: T) => boolean;
  /** Where an unexpected failure is reported (default `console.error`); the search then returns no hits. */
  onError?: (error: unknown) => void;
  /** Told the ranked ids the lookup had nothing for (papers deleted since they were indexed). */
  onMissing?: (ids: string[]) => void;
}

export interface SearchHit<T extends Identified = PaperRecord> {
  /** The record (or row) the lookup returned for the hit. */
  record: T;
  /** Fields that matched, for highlighting. */
  matchedFields: FieldName[];
  /** Fuse score, 0 best; `undefined` for abstract-only matches and pasted ids. */
  fuseScore: number | undefined;
}

export interface SearchOutcome<T extends Identified = PaperRecord> {
  hits: SearchHit<T>[];
  /** Set when the query was an arXiv id or paper URL, whether or not the paper is in the library. */
  pastedId?: string;
  /** Papers matching every query word (for "N matches"); for a pasted id, 0 or 1. */
  matchCount: number;
  /** Folded vocabulary words the query matched; a result list may highlight words whose fold is in here. */
  highlightTerms: string[];
}

const DEFAULT_LIMIT = 50;
const DEFAULT_CANDIDATES = 50;
const NOTHING: SearchOutcome<never> = { hits: [], matchCount: 0, highlightTerms: [] };

type Plan =
  | { kind: 'empty' }
  | { kind: 'id'; id: string }
  | { kind: 'words'; search: CandidateSearch };

function plan<T extends Identified>(index: WordIndex, query: string, options: SearchOptions<T>): Plan {
  if (typeof query !== 'string' || query.trim() === '') return { kind: 'empty' };
  const id = arxivIdFromQuery(query);
  if (id) return { kind: 'id', id };
  const limit = options.limit ?? DEFAULT_LIMIT;
  const k = Math.max(limit, options.candidates ?? DEFAULT_CANDIDATES);
  return { kind: 'words', search: index.search(query, k, options.restrictTo) };
}

/**
 * Hits being gathered: the ranked candidates' records are read a batch at a time, best first, only as
 * many as the limit still needs (more when some are filtered out or gone), so ranking reads none.
 */
class HitCollector<T extends Identified> {
  readonly hits: SearchHit<T>[] = [];
  private readonly missing: string[] = [];
  private next = 0;
  private readonly ranked: Ranked<RankInput>[];

  constructor(
    private readonly planned: Plan,
    index: WordIndex,
    private readonly options: SearchOptions<T>,
  ) {
    if (planned.kind === 'words') {
      const found = planned.search.candidates.flatMap((candidate) => {
        const rank = index.rankFields(candidate.id);
        return rank ? [{ rank, candidate }] : [];
      });
      this.ranked = rerankWithFuse(planned.search.words, found);
    } else if (planned.kind === 'id' && index.has(planned.id) && (!options.restrictTo || options.restrictTo.has(planned.id))) {
      this.ranked = [{ rank: { id: planned.id, title: '', authors: [], tags: [] }, candidate: ID_CANDIDATE, fuseScore: undefined }];
    } else {
      this.ranked = [];
    }
  }

  /** Ids of the records to read next; empty when done. */
  wanted(): string[] {
    const want = (this.options.limit ?? DEFAULT_LIMIT) - this.hits.length;
    if (want <= 0) return [];
    return this.ranked.slice(this.next, this.next + want).map((item) => item.rank.id);
  }

  accept(ids: readonly string[], records: readonly (T | undefined)[]): void {
    const { filter } = this.options;
    ids.forEach((id, at) => {
      const record = records[at];
      const item = this.ranked[this.next + at]!;
      if (!record || record.id !== id) {
        this.missing.push(id);
        return;
      }
      if (filter && !filter(record)) return;
      const matchedFields = this.planned.kind === 'id' ? ['id' as FieldName] : fieldNames(item.candidate.fields);
      this.hits.push({ record, matchedFields, fuseScore: item.fuseScore });
    });
    this.next += ids.length;
  }

  outcome(): SearchOutcome<T> {
    const { planned, hits } = this;
    if (this.missing.length) this.options.onMissing?.(this.missing);
    if (planned.kind === 'empty') return NOTHING;
    if (planned.kind === 'id') return { hits, pastedId: planned.id, matchCount: hits.length, highlightTerms: [] };
    return { hits, matchCount: planned.search.matchCount, highlightTerms: planned.search.terms };
  }
}

const ID_CANDIDATE: Candidate = { id: '', matchedWords: 1, literalWords: 1, score: 0, fields: 0 };

function report<T extends Identified>(options: SearchOptions<T>, error: unknown): SearchOutcome<T> {
  (options.onError ?? ((e: unknown) => console.error('Paperdex search failed', e)))(error);
  return NOTHING;
}

/** Search with records already in memory (tests, benches, a popup that holds the records). */
export function searchPapersSync<T extends Identified = PaperRecord>(
  index: WordIndex,
  lookup: RecordLookup<T>,
  query: string,
  options: SearchOptions<T> = {},
): SearchOutcome<T> {
  try {
    const collector = new HitCollector<T>(plan(index, query, options), index, options);
    for (let ids = collector.wanted(); ids.length > 0; ids = collector.wanted()) collector.accept(ids, lookup(ids));
    return collector.outcome();
  } catch (error) {
    return report(options, error);
  }
}

/**
 * Search that reads records, e.g. with Dexie's `bulkGet`: candidates are ranked on the fields the word
 * index keeps, and only the records of the hits returned (`limit`) are read.
 */
export async function searchPapers<T extends Identified = PaperRecord>(
  index: WordIndex,
  lookup: AsyncRecordLookup<T>,
  query: string,
  options: SearchOptions<T> = {},
): Promise<SearchOutcome<T>> {
  try {
    const collector = new HitCollector<T>(plan(index, query, options), index, options);
    for (let ids = collector.wanted(); ids.length > 0; ids = collector.wanted()) collector.accept(ids, await lookup(ids));
    return collector.outcome();
  } catch (error) {
    return report(options, error);
  }
}

/**
 * Every indexed paper matching all the query's words (or the pasted id): the papers "N matches"
 * counts, which may be far more than a result list shows, for acting on them all. Never throws.
 */
export function matchingPaperIds(index: WordIndex, query: string, restrictTo?: ReadonlySet<string>): string[] {
  try {
    if (typeof query !== 'string' || query.trim() === '') return [];
    const id = arxivIdFromQuery(query);
    if (id) return index.has(id) && (!restrictTo || restrictTo.has(id)) ? [id] : [];
    const found = index.search(query, index.size, restrictTo);
    return found.candidates.filter((candidate) => candidate.matchedWords === found.words.length).map((candidate) => candidate.id);
  } catch (error) {
    console.error('Paperdex search failed', error);
    return [];
  }
}
