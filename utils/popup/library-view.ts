/**
 * What the popup lists, loaded from the library: with an empty query the most recently seen papers,
 * otherwise the search hits, both within a filter (all, saved, unread, one tag) and with the count of
 * matches. Not UI: the popup renders what `PaperViewLoader.load` returns.
 *
 * The loader keeps what depends only on the library's state (the filter's paper ids, the index's
 * catch-up) until the library changes, so a keystroke costs one search and nothing else.
 */
import type { PaperdexDB } from '../db/schema';
import type { PaperRecord } from '../paper';
import type { SearchOutcome } from '../search/search-library';

export type PaperFilter = { kind: 'all' } | { kind: 'saved' } | { kind: 'unread' } | { kind: 'tag'; tag: string };

export const ALL_PAPERS: PaperFilter = { kind: 'all' };

export function filterKey(filter: PaperFilter): string {
  return filter.kind === 'tag' ? `tag:${filter.tag}` : filter.kind;
}

/** The part of `LibraryIndex` the popup uses. */
export interface PaperSearch {
  search(query: string, options?: { limit?: number; restrictTo?: ReadonlySet<string> }): Promise<SearchOutcome>;
  /** Catches up with the library; resolves to the number of papers re-indexed. */
  refresh(): Promise<number>;
}

/** The search index as the popup holds it: searched, caught up, and stored for the next open. */
export interface PopupIndex extends PaperSearch {
  save(): Promise<void>;
  /** Changes not stored yet. */
  readonly unsaved: boolean;
}

/** Changes whenever any paper is written, added or removed. */
export interface LibraryStamp {
  count: number;
  lastUpdate: number;
}

/** Read inside Dexie's `liveQuery`: both reads cover every paper, so any write re-runs it. */
export async function libraryStamp(db: PaperdexDB): Promise<LibraryStamp> {
  const [count, last] = await Promise.all([db.papers.count(), db.papers.orderBy('updatedAt').reverse().limit(1).keys()]);
  return { count, lastUpdate: Number(last[0] ?? 0) };
}

export interface PaperView {
  kind: 'recent' | 'search';
  query: string;
  filter: PaperFilter;
  papers: PaperRecord[];
  /** Papers the query (or, with no query, the filter) matches; more than `papers` can hold. */
  matches: number;
  /** Papers in the whole library. */
  libraryCount: number;
  /** Folded words the search matched, for highlighting. */
  highlightTerms: ReadonlySet<string>;
  /** Set when the query was an arXiv id or paper URL. */
  pastedId?: string;
  /** The query waits for the search index to open. */
  indexPending?: boolean;
}

interface Restriction {
  /** Undefined: every paper. */
  ids?: ReadonlySet<string>;
  count: number;
}

export interface PaperViewOptions {
  recentLimit?: number;
  searchLimit?: number;
}

const NO_TERMS: ReadonlySet<string> = new Set();
/** Above this many ids, a filter's recent papers are found by walking `lastSeenAt` instead of loading them all. */
const LOAD_ALL_BELOW = 2_000;

const byLastSeen = (a: PaperRecord, b: PaperRecord) => b.lastSeenAt - a.lastSeenAt;

export class PaperViewLoader {
  private index: PaperSearch | undefined;
  private stampKey = '';
  private restrictions = new Map<string, Promise<Restriction>>();
  private caughtUp: Promise<number> | undefined;
  private readonly recentLimit: number;
  private readonly searchLimit: number;

  constructor(
    private readonly db: PaperdexDB,
    options: PaperViewOptions = {},
  ) {
    this.recentLimit = options.recentLimit ?? 100;
    this.searchLimit = options.searchLimit ?? 50;
  }

  setIndex(index: PaperSearch): void {
    this.index = index;
    this.caughtUp = undefined;
  }

  get hasIndex(): boolean {
    return this.index !== undefined;
  }

  /**
   * Resolves when the index has caught up with the library as of `stamp`, to how many papers that
   * re-indexed (0 when nothing changed or there is no index yet).
   */
  catchUp(stamp: LibraryStamp): Promise<number> {
    this.sync(stamp);
    if (!this.index) return Promise.resolve(0);
    this.caughtUp ??= this.index.refresh();
    return this.caughtUp;
  }

  async load(query: string, filter: PaperFilter, stamp: LibraryStamp): Promise<PaperView> {
    this.sync(stamp);
    const restriction = await this.restriction(filter, stamp);
    const base = { query, filter, libraryCount: stamp.count };
    if (query.trim() === '') {
      const papers = await this.recent(filter, restriction);
      return { ...base, kind: 'recent', papers, matches: restriction.count, highlightTerms: NO_TERMS };
    }
    const index = this.index;
    if (!index) return { ...base, kind: 'search', papers: [], matches: 0, highlightTerms: NO_TERMS, indexPending: true };
    await this.catchUp(stamp);
    const outcome = await index.search(query, { limit: this.searchLimit, restrictTo: restriction.ids });
    return {
      ...base,
      kind: 'search',
      papers: outcome.hits.map((hit) => hit.record),
      // Typo matches can rank papers that don't match every word: never show fewer than are listed.
      matches: Math.max(outcome.matchCount, outcome.hits.length),
      highlightTerms: new Set(outcome.highlightTerms),
      ...(outcome.pastedId ? { pastedId: outcome.pastedId } : {}),
    };
  }

  /** Drops everything computed for an older state of the library. */
  private sync(stamp: LibraryStamp): void {
    const key = `${stamp.count}:${stamp.lastUpdate}`;
    if (key === this.stampKey) return;
    this.stampKey = key;
    this.restrictions.clear();
    this.caughtUp = undefined;
  }

  /** The filter's paper ids, the same Set object for every keystroke (the index caches by identity). */
  private restriction(filter: PaperFilter, stamp: LibraryStamp): Promise<Restriction> {
    const key = filterKey(filter);
    let found = this.restrictions.get(key);
    if (!found) {
      found = this.computeRestriction(filter, stamp);
      this.restrictions.set(key, found);
      found.catch(() => this.restrictions.delete(key));
    }
    return found;
  }

  private async computeRestriction(filter: PaperFilter, stamp: LibraryStamp): Promise<Restriction> {
    const { papers } = this.db;
    switch (filter.kind) {
      case 'all':
        return { count: stamp.count };
      case 'saved': {
        const ids = new Set(await papers.where('savedAt').above(0).primaryKeys());
        return { ids, count: ids.size };
      }
      case 'tag': {
        const ids = new Set(await papers.where('tags').equals(filter.tag).primaryKeys());
        return { ids, count: ids.size };
      }
      case 'unread': {
        // `readAt` has no index: the read papers are found by one scan, kept until the library changes.
        const [all, read] = await Promise.all([
          papers.toCollection().primaryKeys(),
          papers.filter((paper) => paper.readAt !== undefined).primaryKeys(),
        ]);
        const readIds = new Set(read);
        const ids = new Set(all.filter((id) => !readIds.has(id)));
        return { ids, count: ids.size };
      }
    }
  }

  private async recent(filter: PaperFilter, restriction: Restriction): Promise<PaperRecord[]> {
    const { papers } = this.db;
    const limit = this.recentLimit;
    const newestFirst = papers.orderBy('lastSeenAt').reverse();
    if (filter.kind === 'all') return newestFirst.limit(limit).toArray();
    if (filter.kind === 'unread') return newestFirst.filter((paper) => paper.readAt === undefined).limit(limit).toArray();
    const ids = restriction.ids!;
    if (ids.size === 0) return [];
    if (ids.size > LOAD_ALL_BELOW) return newestFirst.filter((paper) => ids.has(paper.id)).limit(limit).toArray();
    const loaded = await papers.bulkGet([...ids]);
    return loaded.filter((paper): paper is PaperRecord => paper !== undefined).sort(byLastSeen).slice(0, limit);
  }
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** The count line above the list: "1,204 papers" (the filter's), "12 matches" (the query's). */
export function viewStatus(view: PaperView): string {
  if (view.indexPending) return 'Preparing search…';
  return view.kind === 'search' ? plural(view.matches, 'match', 'matches') : plural(view.matches, 'paper', 'papers');
}
