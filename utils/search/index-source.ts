/**
 * What `LibraryIndex` reads and writes in the library, as a small interface: the library page and the
 * background pass their Dexie database (`dexieIndexSource`), the popup its plain IndexedDB connection
 * (`utils/ui/popup/plain-library-db.ts`), so the popup ships without Dexie. Both read changes with the change
 * feed's one reader (`utils/library/feed/cursor.ts`).
 */
import { type ChangeCursor, type Changes, changesSince, cursorRecord, readCursor } from '../library/feed';
import { backendTransaction } from '../library/feed/backend';
import type { PaperdexDB, SearchIndexRecord } from '../library/schema';
import type { PaperRecord } from '../paper/record';

export interface IndexSource {
  /** The stored index, if any. */
  storedIndex(): Promise<SearchIndexRecord | undefined>;
  /** Stores the index and registers its cursor with the change feed (one transaction). */
  storeIndex(record: SearchIndexRecord, cursor: ChangeCursor): Promise<void>;
  /** The library's cursor now (`readCursor`). */
  cursor(): Promise<ChangeCursor>;
  countPapers(): Promise<number>;
  /** Up to `limit` papers in id order, after the id `after` (from the first when undefined). */
  papersAfter(after: string | undefined, limit: number): Promise<PaperRecord[]>;
  /** What changed past `cursor`, in one read (`changesSince`). */
  changesSince(cursor: ChangeCursor): Promise<Changes>;
  /** Those of `ids` the library has (keys only). */
  presentIds(ids: readonly string[]): Promise<string[]>;
  getPapers(ids: readonly string[]): Promise<(PaperRecord | undefined)[]>;
}

export function dexieIndexSource(db: PaperdexDB): IndexSource {
  return {
    storedIndex: () => db.searchIndex.get('words'),
    storeIndex: async (record, cursor) => {
      await db.searchIndex.bulkPut([record, cursorRecord('search-index', cursor)]);
    },
    cursor: async () => readCursor(await backendTransaction(db)),
    countPapers: () => db.papers.count(),
    papersAfter: (after, limit) => (after === undefined ? db.papers.orderBy('id') : db.papers.where('id').above(after)).limit(limit).toArray(),
    changesSince: async (cursor) => changesSince(await backendTransaction(db), cursor),
    presentIds: (ids) => db.papers.where('id').anyOf([...ids]).primaryKeys(),
    getPapers: (ids) => db.papers.bulkGet([...ids]),
  };
}
