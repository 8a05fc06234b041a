/**
 * Which database the copy followed. A record of the copy's own in the database (`searchIndex`, key
 * `marks-copy:db`) holds a random id the copy's meta holds too. When the browser deletes the database
 * and a new, empty one is opened, the record is gone: the copy knows the database it followed was lost
 * (its cursor means nothing for the new one) and restores from itself before following again.
 */
import type { PaperdexDB } from '../schema';

export const DB_MARKER_KEY = 'marks-copy:db';
const MARKER_FORMAT = 1;

/** The marker's id in `db`, or undefined when it has none (a new database, or one the copy never followed). */
export async function readDbMarker(db: PaperdexDB): Promise<string | undefined> {
  const record = await db.searchIndex.get(DB_MARKER_KEY);
  const id = (record?.data as { id?: unknown } | undefined)?.id;
  return record?.format === MARKER_FORMAT && typeof id === 'string' ? id : undefined;
}

/** Marks `db` as the database the copy follows, under a new id (returned). */
export async function writeDbMarker(db: PaperdexDB): Promise<string> {
  const id = crypto.randomUUID();
  await db.searchIndex.put({ key: DB_MARKER_KEY, format: MARKER_FORMAT, indexedThrough: 0, papers: 0, data: { id } });
  return id;
}
