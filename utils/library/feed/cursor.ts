/**
 * The change contract's rule and its one reader, in plain IndexedDB (no Dexie: the popup loads this).
 *
 * The rule: every write of a paper stamps its `updatedAt` later than the value it replaces
 * (`stamped`), and every delete writes a tombstone (`removedPapers`, `{ id, at }`). So what changed
 * since a reader last looked is "papers with `updatedAt` above its cursor, tombstones with `at` above
 * its cursor" (`changesSince`), and the newest of each (`readCursor`) changes with every write.
 */
import type { PaperRecord } from '../../paper/record';

/** How far a reader has followed the library: every write up to `updatedThrough`, every delete up to `removedThrough`. */
export interface ChangeCursor {
  updatedThrough: number;
  removedThrough: number;
}

/** A tombstone: paper `id` was deleted at `at` (`removedPapers`). */
export interface Tombstone {
  id: string;
  at: number;
}

/** The stores a change touches; a reader's transaction covers both. */
export const CHANGE_STORES = ['papers', 'removedPapers'] as const;

/** Stands for the library's state before its cursor is first read. */
export const CURSOR_NOT_READ: ChangeCursor = { updatedThrough: -1, removedThrough: -1 };

/** The cursor as a string (equal cursors, equal keys). */
export const cursorKey = (cursor: ChangeCursor): string => `${cursor.updatedThrough}|${cursor.removedThrough}`;

/**
 * `record` with `changes` applied (a field set to `undefined` is removed) and an `updatedAt` past the
 * one it had: never behind `now`, never equal to or behind the old value (a clock set back, two writes
 * in one millisecond), so a reader whose cursor saw the old value sees the new one.
 */
export function stamped(record: PaperRecord, changes: Partial<PaperRecord>, now: number): PaperRecord {
  const updated: PaperRecord = { ...record, ...changes, updatedAt: nextStamp(record.updatedAt, now) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete (updated as unknown as Record<string, unknown>)[key];
  }
  return updated;
}

/** The `updatedAt` of a write at `now` over a record stamped `previous` (any of them, for a write over several). */
export function nextStamp(previous: number | undefined, now: number, ...others: (number | undefined)[]): number {
  return Math.max(now, (previous ?? 0) + 1, ...others.map((other) => (other ?? 0) + 1));
}

/**
 * The stamp a merged sighting carries before it is written (`utils/capture/merge.ts`): the later of the stored
 * stamp and the time the card was seen. Not a write stamp: the capture's write replaces it with
 * `stamped(merged, {}, writtenAt)`, which is past it.
 */
export function sightingStamp(previous: number | undefined, seenAt: number): number {
  return Math.max(previous ?? 0, seenAt);
}

/** A plain IndexedDB request as a promise. */
export const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** Keys above `low`. */
const above = (low: number) => IDBKeyRange.lowerBound(low, true);

/**
 * The library's cursor now: the newest `updatedAt` and tombstone time (0 when none). Cheap on purpose
 * (one key of each index): readers read it after every change. `transaction` covers `CHANGE_STORES`.
 */
export async function readCursor(transaction: IDBTransaction): Promise<ChangeCursor> {
  const newest = (source: IDBIndex) => done(source.openKeyCursor(null, 'prev')).then((cursor) => Number(cursor?.key ?? 0));
  const [updatedThrough, removedThrough] = await Promise.all([
    newest(transaction.objectStore('papers').index('updatedAt')),
    newest(transaction.objectStore('removedPapers').index('at')),
  ]);
  return { updatedThrough, removedThrough };
}

export interface Changes {
  /** Tombstones past the cursor. Apply them first: a paper deleted, then written again, is in `updated` too. */
  removed: Tombstone[];
  /** Papers written past the cursor. */
  updated: PaperRecord[];
  /** The cursor after applying both. */
  cursor: ChangeCursor;
}

/** What changed past `cursor`, in one read (`transaction` covers `CHANGE_STORES`). */
export async function changesSince(transaction: IDBTransaction, cursor: ChangeCursor): Promise<Changes> {
  const [removed, updated] = await Promise.all([
    done<Tombstone[]>(transaction.objectStore('removedPapers').index('at').getAll(above(cursor.removedThrough))),
    done<PaperRecord[]>(transaction.objectStore('papers').index('updatedAt').getAll(above(cursor.updatedThrough))),
  ]);
  let { updatedThrough, removedThrough } = cursor;
  for (const { at } of removed) removedThrough = Math.max(removedThrough, at);
  for (const { updatedAt } of updated) updatedThrough = Math.max(updatedThrough, updatedAt);
  return { removed, updated, cursor: { updatedThrough, removedThrough } };
}
