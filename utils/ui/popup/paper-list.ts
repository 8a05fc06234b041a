/**
 * What the popup lists, loaded from the library: with an empty query the most recently seen papers,
 * otherwise the search hits, both within a filter (all, saved, unread, one tag) and with the count of
 * matches. Not UI: the popup renders what `PaperListLoader.load` returns.
 *
 * The loader keeps what depends only on the library's state (the filter's paper ids, the index's
 * catch-up) until the library changes, so a keystroke costs one search and nothing else.
 */
import { type ChangeCursor, CURSOR_NOT_READ, cursorKey } from '../../library/feed/cursor';
import type { PaperRecord } from '../../paper/record';
import { type ResultRow, toResultRow } from '../../search/result-row-table';
import type { SearchOutcome } from '../../search/search-library';
import { plural } from '../shared/plural';

export type PaperFilter = { kind: 'all' } | { kind: 'saved' } | { kind: 'unread' } | { kind: 'tag'; tag: string };

export const ALL_PAPERS: PaperFilter = { kind: 'all' };

export function filterKey(filter: PaperFilter): string {
  return filter.kind === 'tag' ? `tag:${filter.tag}` : filter.kind;
}

/** The part of `LibraryIndex` the popup uses. */
export interface PaperSearch {
  /** Hits as result rows, kept by the index: no record is read. */
  searchRows(query: string, options?: { limit?: number; candidates?: number; restrictTo?: ReadonlySet<string> }): SearchOutcome<ResultRow>;
  /** Catches up with the library; resolves to the number of papers re-indexed or dropped. */
  refresh(): Promise<number>;
}

/** The search index as the popup holds it: searched, caught up, and stored for the next open. */
export interface PopupIndex extends PaperSearch {
  /** Drops papers found gone from the library. */
  forget(ids: Iterable<string>): number;
  /** Checks ids against the library (keys only) and drops those it no longer has. */
  dropMissing(ids: readonly string[]): Promise<number>;
  save(): Promise<void>;
  /** Papers indexed: all the library's once caught up. */
  readonly size: number;
  /** Changes not stored yet. */
  readonly unsaved: boolean;
}

export { CURSOR_NOT_READ } from '../../library/feed/cursor';

/** The library reads the lists need (`PlainLibraryDb`, the popup's plain IndexedDB connection). */
export interface PaperListSource {
  /** The `limit` most recently seen papers, newest first, with the library's cursor read in the same transaction. */
  recentAndCursor(limit: number): Promise<{ papers: PaperRecord[]; cursor: ChangeCursor }>;
  /** Ids among `ids`, newest seen first, at most `limit`. */
  recentAmong(ids: ReadonlySet<string>, limit: number): Promise<string[]>;
  idsWith(index: 'savedAt' | 'readAt'): Promise<string[]>;
  idsTagged(tag: string): Promise<string[]>;
  allIds(): Promise<string[]>;
  getPapers(ids: readonly string[]): Promise<(PaperRecord | undefined)[]>;
}

export interface PaperList {
  kind: 'recent' | 'search';
  query: string;
  filter: PaperFilter;
  papers: ResultRow[];
  /**
   * Papers the query (or, with no query, the filter) matches; more than `papers` can hold. Undefined
   * for the whole library (the popup counts it apart).
   */
  matches: number | undefined;
  /** Folded words the search matched, for highlighting. */
  highlightTerms: ReadonlySet<string>;
  /** Set when the query was an arXiv id or paper URL. */
  pastedId?: string;
  /** The query waits for the search index to open. */
  indexPending?: boolean;
  /** The papers are the snapshot kept from the last open (`./snapshot`), not read from the library. */
  fromSnapshot?: true;
  /**
   * Set on the popup's first recent list, read short (the papers the list renders at first): reads
   * the whole list (once, however often called), to be shown in its place. The popup calls it once
   * the short list is painted, so that reading and deserializing the rest is not on the way to it.
   */
  complete?: () => Promise<PaperList>;
}

interface Restriction {
  /** Undefined: every paper. */
  ids?: ReadonlySet<string>;
  /** Undefined: every paper. */
  count?: number;
}

export interface PaperListOptions {
  recentLimit?: number;
  /** Papers read for the popup's first recent list, before the rest of it (`FIRST_RECENT`). */
  firstRecent?: number;
  searchLimit?: number;
}

/** Recent papers listed with no query (reading more records slows the popup's opening). */
export const RECENT_LIMIT = 50;
/**
 * The popup's first recent list is read in two: the papers it renders at first (7, `ResultList`) and
 * a few more, then all `RECENT_LIMIT`. Every record read is deserialized whole (abstract included) on
 * the page's main thread: reading 10 instead of 50 takes ~5-9 ms of it (10k papers, Chromium) off the
 * way to the library's own list on screen.
 */
export const FIRST_RECENT = 10;
/**
 * Hits listed for a query, and the candidates Fuse ranks per keystroke (passed as both: the search's
 * own default is 50 candidates): 30 instead of 50 made a keystroke's search ~40% cheaper (Node, 10k
 * papers) with the same planted papers in the top 5.
 */
export const SEARCH_LIMIT = 30;
const NO_TERMS: ReadonlySet<string> = new Set();
/** Above this many ids, a filter's recent papers are found by walking `lastSeenAt` instead of loading them all. */
const LOAD_ALL_BELOW = 2_000;

const NOT_READ_KEY = cursorKey(CURSOR_NOT_READ);

const withQuery = (view: PaperList, query: string): PaperList => {
  const { complete } = view;
  return { ...view, query, ...(complete ? { complete: () => complete().then((whole) => withQuery(whole, query)) } : {}) };
};

const byLastSeen = (a: PaperRecord, b: PaperRecord) => b.lastSeenAt - a.lastSeenAt;

export class PaperListLoader {
  private index: PaperSearch | undefined;
  private cursorAt = '';
  private restrictions = new Map<string, Promise<Restriction>>();
  private caughtUp: Promise<number> | undefined;
  /**
   * The last recent list of all papers, with the cursor of the library it was read from (`cursorAt`)
   * and the cursor it was asked for (`asked`; not read yet at the popup's first list).
   */
  private recentAll: { asked: string; read: Promise<{ view: PaperList; cursorAt: string }> } | undefined;
  private readonly recentLimit: number;
  private readonly firstRecent: number;
  private readonly searchLimit: number;

  constructor(
    private readonly db: PaperListSource,
    options: PaperListOptions = {},
  ) {
    this.recentLimit = options.recentLimit ?? RECENT_LIMIT;
    this.firstRecent = options.firstRecent ?? FIRST_RECENT;
    this.searchLimit = options.searchLimit ?? SEARCH_LIMIT;
  }

  setIndex(index: PaperSearch): void {
    this.index = index;
    this.caughtUp = undefined;
  }

  /**
   * Resolves when the index has caught up with the library as of `cursor`, to how many papers that
   * re-indexed (0 when nothing changed or there is no index yet).
   */
  catchUp(cursor: ChangeCursor): Promise<number> {
    this.sync(cursor);
    if (!this.index) return Promise.resolve(0);
    if (!this.caughtUp) {
      const caughtUp = this.index.refresh();
      caughtUp.catch(() => {
        if (this.caughtUp === caughtUp) this.caughtUp = undefined; // try again on the next load
      });
      this.caughtUp = caughtUp;
    }
    return this.caughtUp;
  }

  async load(query: string, filter: PaperFilter, cursor: ChangeCursor): Promise<PaperList> {
    this.sync(cursor);
    if (query.trim() === '' && filter.kind === 'all') return this.recentOfAll(query, cursor);
    const restriction = await this.restriction(filter);
    const base = { query, filter };
    if (query.trim() === '') {
      const papers = await this.recent(filter, restriction);
      return { ...base, kind: 'recent', papers, matches: restriction.count, highlightTerms: NO_TERMS };
    }
    const index = this.index;
    if (!index) return { ...base, kind: 'search', papers: [], matches: 0, highlightTerms: NO_TERMS, indexPending: true };
    await this.catchUp(cursor);
    const outcome = index.searchRows(query, { limit: this.searchLimit, candidates: this.searchLimit, restrictTo: restriction.ids });
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

  /**
   * The recent list of all papers. The popup's first list is asked for before the library's cursor is
   * read, and asked again once it is: read with its own cursor, it is not read again when that is the
   * same (one read and one render less on the way to the first list).
   */
  private async recentOfAll(query: string, cursor: ChangeCursor): Promise<PaperList> {
    const asked = cursorKey(cursor);
    const last = this.recentAll;
    if (last && (last.asked === asked || last.asked === NOT_READ_KEY)) {
      const found = await last.read.catch(() => undefined);
      // The same object when nothing changed: the popup's state is unchanged, so nothing renders again.
      if (found && (found.cursorAt === asked || asked === NOT_READ_KEY)) return found.view.query === query ? found.view : withQuery(found.view, query);
    }
    const read = (limit: number) =>
      this.db.recentAndCursor(limit).then(({ papers, cursor }) => ({
        view: { query, filter: ALL_PAPERS, kind: 'recent' as const, papers: papers.map(toResultRow), matches: undefined, highlightTerms: NO_TERMS } as PaperList,
        cursorAt: cursorKey(cursor),
      }));
    if (asked !== NOT_READ_KEY || this.firstRecent >= this.recentLimit) {
      const whole = read(this.recentLimit);
      this.recentAll = { asked, read: whole };
      return (await whole).view;
    }
    // The popup's first list: short, then whole when asked (a later load gets the whole one once read).
    let whole: Promise<{ view: PaperList; cursorAt: string }> | undefined;
    const recentAll = {
      asked,
      read: read(this.firstRecent).then((found) => {
        const complete = () => {
          if (!whole) {
            const reading = read(this.recentLimit);
            whole = reading;
            reading.then(
              (all) => {
                if (this.recentAll === recentAll) this.recentAll = { asked: all.cursorAt, read: reading };
              },
              () => {
                if (whole === reading) whole = undefined; // read again when next asked
              },
            );
          }
          return whole.then((all) => all.view);
        };
        return { ...found, view: { ...found.view, complete } };
      }),
    };
    this.recentAll = recentAll;
    return (await recentAll.read).view;
  }

  /** Drops everything computed for an older state of the library. */
  private sync(cursor: ChangeCursor): void {
    const key = cursorKey(cursor);
    if (key === this.cursorAt) return;
    this.cursorAt = key;
    this.restrictions.clear();
    this.caughtUp = undefined;
  }

  /** The filter's paper ids, the same Set object for every keystroke (the index caches by identity). */
  private restriction(filter: PaperFilter): Promise<Restriction> {
    const key = filterKey(filter);
    let found = this.restrictions.get(key);
    if (!found) {
      found = this.computeRestriction(filter);
      this.restrictions.set(key, found);
      found.catch(() => this.restrictions.delete(key));
    }
    return found;
  }

  private async computeRestriction(filter: PaperFilter): Promise<Restriction> {
    const { db } = this;
    switch (filter.kind) {
      case 'all':
        return {};
      case 'saved': {
        const ids = new Set(await db.idsWith('savedAt'));
        return { ids, count: ids.size };
      }
      case 'tag': {
        const ids = new Set(await db.idsTagged(filter.tag));
        return { ids, count: ids.size };
      }
      case 'unread': {
        // Keys only: every id, less the read ones from the `readAt` index (absent when unread).
        const [all, read] = await Promise.all([db.allIds(), db.idsWith('readAt')]);
        const readIds = new Set(read);
        const ids = new Set(all.filter((id) => !readIds.has(id)));
        return { ids, count: ids.size };
      }
    }
  }

  private async recent(filter: PaperFilter, restriction: Restriction): Promise<ResultRow[]> {
    return (await this.recentRecords(filter, restriction)).map(toResultRow);
  }

  private async recentRecords(filter: PaperFilter, restriction: Restriction): Promise<PaperRecord[]> {
    const { db } = this;
    const limit = this.recentLimit;
    const ids = restriction.ids!;
    if (ids.size === 0) return [];
    if (ids.size > LOAD_ALL_BELOW) {
      // Walk the `lastSeenAt` index by key, then read only the records listed.
      const loaded = await db.getPapers(await db.recentAmong(ids, limit));
      return loaded.filter((paper): paper is PaperRecord => paper !== undefined);
    }
    const loaded = await db.getPapers([...ids]);
    return loaded.filter((paper): paper is PaperRecord => paper !== undefined).sort(byLastSeen).slice(0, limit);
  }
}

/**
 * The count line above the list: "1,204 papers" (the filter's), "12 matches" (the query's); undefined
 * while the library is still being counted.
 */
export function viewStatus(view: PaperList, libraryCount: number | undefined): string | undefined {
  if (view.indexPending) return 'Preparing search…';
  if (view.kind === 'search') return plural(view.matches ?? 0, 'match', 'matches');
  const count = view.matches ?? libraryCount;
  return count === undefined ? undefined : plural(count, 'paper', 'papers');
}
