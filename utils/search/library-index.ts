/**
 * The popup's search over the whole library: the word index and each paper's result row (what a hit
 * shows), restored from IndexedDB, not rebuilt, when the popup opens, and kept up to date from
 * `updatedAt` (changed papers) and `removedPapers` (deleted ones). A search reads nothing from
 * IndexedDB: candidates are ranked on the fields the index keeps, and hits are rendered from rows.
 */
import type { ChangeCursor } from '../library/feed';
import type { PaperdexDB, SearchIndexRecord } from '../library/schema';
import type { PaperRecord } from '../paper/record';
import { cachesMayWrite } from '../library/storage/storage-health';
import { rerankWithFuse } from './fuse-rerank';
import { dexieIndexSource, type IndexSource } from './index-source';
import { type ResultRow, ResultRowTable } from './result-row-table';
import { matchingPaperIds, searchPapers, searchPapersSync, type SearchOptions, type SearchOutcome } from './search-library';
import { type SerializedWordIndex, WordIndex } from './word-index';

/**
 * Format of the stored record (`SearchIndexRecord.format`): 3 = the word index (its own version 2),
 * the result rows and the tombstone cursor. Anything else is rebuilt.
 */
export const STORED_FORMAT = 3;

interface StoredData {
  words: SerializedWordIndex;
  rows: unknown;
  /** Every tombstone up to this `at` has been applied. */
  removedThrough: number;
}

/** Papers read per step while building an index from scratch. */
const BUILD_PAGE = 2_000;

export interface LibraryIndexOptions {
  /** Called while a first build runs (papers indexed so far, total). */
  onBuildProgress?: (done: number, total: number) => void;
}

export class LibraryIndex {
  private changedSinceSave = false;

  private constructor(
    private readonly db: IndexSource,
    private readonly index: WordIndex,
    private readonly rows: ResultRowTable,
    private indexedThrough: number,
    private removedThrough: number,
  ) {}

  /**
   * Restores the stored index and catches up with what changed since; builds it when there is none.
   * `source`: the Dexie database, or any `IndexSource` (the popup's plain IndexedDB connection).
   */
  static async open(source: PaperdexDB | IndexSource, options: LibraryIndexOptions = {}): Promise<LibraryIndex> {
    const db = 'storedIndex' in source ? source : dexieIndexSource(source);
    const stored = await db.storedIndex();
    let library: LibraryIndex | undefined;
    if (stored?.format === STORED_FORMAT) {
      try {
        library = LibraryIndex.restore(db, stored);
      } catch (error) {
        console.warn('[Paperdex] the stored search index is unreadable; rebuilding it', error);
      }
    }
    if (!library) {
      const built = await LibraryIndex.build(db, options.onBuildProgress);
      library = new LibraryIndex(db, built.index, built.rows, built.indexedThrough, built.removedThrough);
      library.changedSinceSave = built.index.size > 0;
    }
    await library.refresh();
    library.warmUp();
    return library;
  }

  /**
   * A search and a Fuse ranking that read no record, so the popup's first keystroke does not pay for
   * compiling that code and allocating the search's scratch arrays (a cold first query took ~50 ms in
   * Chromium at 10k papers).
   */
  private warmUp(): void {
    searchPapersSync(this.index, () => [], 'warm up', { onError: () => undefined });
    const candidate = { id: '0', matchedWords: 1, literalWords: 1, score: 1, fields: 1 };
    rerankWithFuse(['warm'], [{ rank: { id: '0', title: 'warm up', authors: ['a b'], tags: ['c'] }, candidate }]);
  }

  private static restore(db: IndexSource, stored: SearchIndexRecord): LibraryIndex {
    const data = stored.data as Partial<StoredData> | undefined;
    if (typeof data?.removedThrough !== 'number' || !data.words) throw new Error('Stored search index is incomplete');
    const index = WordIndex.restore(data.words);
    const rows = ResultRowTable.restore(data.rows);
    if (rows.size !== index.size) throw new Error('Stored search index and result rows disagree');
    return new LibraryIndex(db, index, rows, stored.indexedThrough, data.removedThrough);
  }

  /** How far the index has followed the change feed. */
  get cursor(): ChangeCursor {
    return { updatedThrough: this.indexedThrough, removedThrough: this.removedThrough };
  }

  get size(): number {
    return this.index.size;
  }

  /** Whether the index has changes not yet stored. */
  get unsaved(): boolean {
    return this.changedSinceSave;
  }

  /** Indexes every paper, reading the library a page at a time so memory stays bounded. */
  private static async build(
    db: IndexSource,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ index: WordIndex; rows: ResultRowTable; indexedThrough: number; removedThrough: number }> {
    // Pages are read in separate transactions while captures may keep writing: a paper written during
    // the build can land behind the page cursor (its id sorts before it). So the index only claims what
    // was written (or deleted) before the build began; `refresh` then catches up with everything since.
    const { updatedThrough: indexedThrough, removedThrough } = await db.cursor();
    const total = await db.countPapers();
    const index = new WordIndex();
    const rows = new ResultRowTable();
    let done = 0;
    let last: string | undefined;
    for (;;) {
      const page = await db.papersAfter(last, BUILD_PAGE);
      if (!page.length) break;
      for (const record of page) {
        index.add(record);
        rows.put(record);
      }
      done += page.length;
      last = page.at(-1)!.id;
      onProgress?.(done, total);
    }
    index.compact();
    return { index, rows, indexedThrough, removedThrough };
  }

  /**
   * Catches up with every paper written since the index last looked (captures, saves, tags elsewhere)
   * and drops the papers deleted since (their tombstones). Resolves to the number of papers changed.
   */
  async refresh(): Promise<number> {
    const { db } = this;
    const { removed, updated: changed, cursor } = await db.changesSince(this.cursor);
    let count = 0;
    // Deletions first: a paper deleted, then captured again, is in `changed` and comes back below.
    for (const { id } of removed) if (this.drop(id)) count++;
    for (const record of changed) {
      this.index.update(record);
      this.rows.put(record);
    }
    this.indexedThrough = cursor.updatedThrough;
    this.removedThrough = cursor.removedThrough;
    count += changed.length;
    if (removed.length || changed.length) this.changedSinceSave = true;
    return count;
  }

  private drop(id: string): boolean {
    const dropped = this.index.remove(id);
    return this.rows.delete(id) || dropped;
  }

  /**
   * Drops papers no longer in the library (e.g. found gone by an action, or deleted while their
   * tombstone was pruned before this index caught up). Returns how many it dropped.
   */
  forget(ids: Iterable<string>): number {
    let count = 0;
    for (const id of ids) if (this.drop(id)) count++;
    if (count) this.changedSinceSave = true;
    return count;
  }

  /**
   * Checks `ids` (e.g. the hits on screen) against the library by key only, and forgets those it no
   * longer has. Resolves to how many were dropped.
   */
  async dropMissing(ids: readonly string[]): Promise<number> {
    const unique = [...new Set(ids)].filter((id) => this.rows.has(id));
    if (!unique.length) return 0;
    const present = new Set(await this.db.presentIds(unique));
    return this.forget(unique.filter((id) => !present.has(id)));
  }

  /** Stores the index so the next popup restores it instead of rebuilding. */
  async save(): Promise<void> {
    // Not while storage is in trouble (a full disk): still unsaved, stored by a later save.
    if (!this.changedSinceSave || !cachesMayWrite()) return;
    const data: StoredData = { words: this.index.serialize(), rows: this.rows.serialize(), removedThrough: this.removedThrough };
    const record: SearchIndexRecord = {
      key: 'words',
      format: STORED_FORMAT,
      indexedThrough: this.indexedThrough,
      papers: this.index.size,
      data,
    };
    this.changedSinceSave = false;
    try {
      await this.db.storeIndex(record, this.cursor);
    } catch (error) {
      this.changedSinceSave = true;
      throw error;
    }
  }

  /** The result row of an indexed paper. */
  row(id: string): ResultRow | undefined {
    return this.rows.get(id);
  }

  private lookupRows = (ids: readonly string[]): (ResultRow | undefined)[] => ids.map((id) => this.rows.get(id));

  /**
   * Ranked papers for a query as result rows (see `searchPapers`): reads nothing from IndexedDB, so
   * the popup renders a keystroke's hits in the same task. Never throws.
   */
  searchRows(query: string, options: Omit<SearchOptions<ResultRow>, 'onError' | 'onMissing'> = {}): SearchOutcome<ResultRow> {
    // A hit without a row can only come from an index and rows that disagree: drop it from both.
    return searchPapersSync(this.index, this.lookupRows, query, { ...options, onMissing: (ids) => this.forget(ids) });
  }

  /** Every paper matching all the query's words (see `matchingPaperIds`) that has a result row. */
  matchingIds(query: string, restrictTo?: ReadonlySet<string>): string[] {
    return matchingPaperIds(this.index, query, restrictTo).filter((id) => this.rows.has(id));
  }

  /** Full records for `ids`, in one read; a paper found gone is dropped from the index. */
  private lookupRecords = (ids: readonly string[]): Promise<(PaperRecord | undefined)[]> => this.db.getPapers(ids);

  /**
   * Ranked papers for a query with their full records (read with one `bulkGet` for the hits
   * returned), for callers that need more than a row (the omnibox). Never throws.
   */
  search(query: string, options: Omit<SearchOptions, 'onError' | 'onMissing'> = {}): Promise<SearchOutcome> {
    return searchPapers(this.index, this.lookupRecords, query, { ...options, onMissing: (ids) => this.forget(ids) });
  }
}
