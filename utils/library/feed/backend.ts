/**
 * A Dexie database's own IndexedDB connection, for the plain readers of this folder (one reader for
 * every context). Only types from Dexie: the popup's lazy search chunk imports this through
 * `utils/search/index-source.ts` and must not load Dexie.
 */
import type { PaperdexDB } from '../schema';
import { CHANGE_STORES } from './cursor';
import { readTagCounts, type TagCount } from './tag-counts';

/** A read-only transaction of `db`'s IndexedDB connection (opened first when needed). */
export async function backendTransaction(db: PaperdexDB, stores: readonly string[] = CHANGE_STORES): Promise<IDBTransaction> {
  if (!db.isOpen()) await db.open();
  return db.backendDB().transaction([...stores], 'readonly');
}

/** Every tag with how many papers carry it, in the one order (`tag-counts.ts`). */
export async function tagCounts(db: PaperdexDB): Promise<TagCount[]> {
  return readTagCounts(await backendTransaction(db, ['papers']));
}
