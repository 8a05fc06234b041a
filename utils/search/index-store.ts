/**
 * What `LibraryIndex` reads and writes in the library, as a small interface: the library page and the
 * background pass their Dexie database (`dexieIndexStore`), the popup its plain IndexedDB connection
 * (`utils/popup/library-store.ts`), so the popup ships without Dexie.
 */
import type { PaperdexDB, RemovedPaperRecord, SearchIndexRecord } from '../db/schema';
import type { PaperRecord } from '../paper';

export interface IndexStore {
  /** The stored index, if any. */
  storedIndex(): Promise<SearchIndexRecord | undefined>;
  storeIndex(record: SearchIndexRecord): Promise<void>;
  /** The newest `updatedAt` of the papers and the newest tombstone's `at` (0 when there is none). */
  stamps(): Promise<{ lastUpdate: number; lastRemoval: number }>;
  countPapers(): Promise<number>;
  /** Up to `limit` papers in id order, after the id `after` (from the first when undefined). */
  papersAfter(after: string | undefined, limit: number): Promise<PaperRecord[]>;
  /** In one read: tombstones later than `removedThrough` and papers written later than `updatedThrough`. */
  changedSince(removedThrough: number, updatedThrough: number): Promise<[RemovedPaperRecord[], PaperRecord[]]>;
  /** Those of `ids` the library has (keys only). */
  presentIds(ids: readonly string[]): Promise<string[]>;
  getPapers(ids: readonly string[]): Promise<(PaperRecord | undefined)[]>;
}

export function dexieIndexStore(db: PaperdexDB): IndexStore {
  return {
    storedIndex: () => db.searchIndex.get('words'),
    storeIndex: async (record) => {
      await db.searchIndex.put(record);
    },
    stamps: async () => {
      const [last, removed] = await Promise.all([
        db.papers.orderBy('updatedAt').reverse().limit(1).keys(),
        db.removedPapers.orderBy('at').reverse().limit(1).keys(),
      ]);
      return { lastUpdate: Number(last[0] ?? 0), lastRemoval: Number(removed[0] ?? 0) };
    },
    countPapers: () => db.papers.count(),
    papersAfter: (after, limit) => (after === undefined ? db.papers.orderBy('id') : db.papers.where('id').above(after)).limit(limit).toArray(),
    changedSince: (removedThrough, updatedThrough) =>
      db.transaction('r', db.papers, db.removedPapers, () =>
        Promise.all([db.removedPapers.where('at').above(removedThrough).toArray(), db.papers.where('updatedAt').above(updatedThrough).toArray()]),
      ),
    presentIds: (ids) => db.papers.where('id').anyOf([...ids]).primaryKeys(),
    getPapers: (ids) => db.papers.bulkGet([...ids]),
  };
}
