/**
 * What `LibraryIndex` reads and writes in the library, as a small interface: the library page and the
 * background pass their Dexie database (`dexieIndexStore`), the popup its plain IndexedDB connection
 * (`utils/popup/library-store.ts`), so the popup ships without Dexie. Both read changes with the change
 * feed's one reader (`utils/change-feed/cursor.ts`).
 */
import { type ChangeCursor, type Changes, changesSince, cursorRecord, readCursor } from '../change-feed';
import { backendTransaction } from '../change-feed/backend';
import type { PaperdexDB, SearchIndexRecord } from '../db/schema';
import type { PaperRecord } from '../paper';

export interface IndexStore {
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

export function dexieIndexStore(db: PaperdexDB): IndexStore {
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
