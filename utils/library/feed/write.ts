/**
 * Writing a change (Dexie contexts: background, library page; only Dexie's types are imported, so a
 * module that imports this loads no Dexie of its own): every write path of the library goes
 * through here, so each follows the rule of `cursor.ts` (stamp past the old value, tombstone on delete)
 * and posts its `LibraryChange` once its transaction has committed, never for one that failed.
 *
 * A newcomer adding a write path: `writeLibrary(db, tables, async (log) => { … })`, stamp each record
 * with `stamped`, delete with `removePapers`, and tell `log` which papers changed (`log.wrote`).
 */
import type { Table } from 'dexie';
import type { PaperRecord } from '../../paper/record';
import { USER_FIELD_KEYS } from '../../paper/record';
import type { PaperdexDB } from '../schema';
import { type ChangeCursor, stamped } from './cursor';
import { type CacheName, cursorRecord, CURSOR_KEY_PREFIX, registeredCursor } from './cursor-registry';
import { postLibraryChange } from './feed';

export { stamped } from './cursor';
export { backendTransaction, tagCounts } from './backend';

/** What a write changed, posted as one `LibraryChange` when its transaction commits. */
export class ChangeLog {
  private readonly ids = new Set<string>();
  private user = false;
  private touched = false;

  /** Papers written or deleted; `user`: the user's own fields changed (relayed to listing tabs). */
  wrote(ids: Iterable<string>, user: boolean): void {
    for (const id of ids) this.ids.add(id);
    this.user ||= user;
    this.touched = true;
  }

  /** The write changed something readers show besides papers (a capture's problem counts). */
  touch(): void {
    this.touched = true;
  }

  post(): void {
    if (this.touched) postLibraryChange({ kind: 'papers', ids: [...this.ids], user: this.user });
  }
}

/**
 * Runs `work` in a read-write transaction over `tables` and posts what it logged once the transaction
 * has committed (inside a caller's transaction: once that one commits). A failed or aborted write posts nothing.
 */
export function writeLibrary<T>(db: PaperdexDB, tables: Table[], work: (log: ChangeLog) => Promise<T>): Promise<T> {
  return db.transaction('rw', tables, (transaction) => {
    const log = new ChangeLog();
    // The IndexedDB transaction's own end (a caller's, when nested): Dexie's promise is not (only) that.
    transaction.idbtrans.addEventListener('complete', () => log.post(), { once: true });
    return work(log);
  });
}

/** What a user action changes in a record (undefined: nothing to change; 'skip': not allowed here, e.g. the tag limit). */
export type UserChange = (record: PaperRecord) => Partial<PaperRecord> | 'skip' | undefined;

/**
 * Applies `apply` to one paper in one transaction. Resolves to the record as written (as it was when
 * nothing changed), or undefined when the library has no such paper.
 */
export function changePaper(db: PaperdexDB, id: string, apply: (record: PaperRecord) => Partial<PaperRecord> | undefined, now: number): Promise<PaperRecord | undefined> {
  return writeLibrary(db, [db.papers], async (log) => {
    const record = await db.papers.get(id);
    if (!record) return undefined;
    const changes = apply(record);
    if (!changes) return record;
    const updated = stamped(record, changes, now);
    await db.papers.put(updated);
    log.wrote([id], true);
    return updated;
  });
}

export interface BulkResult {
  /** Papers written. */
  changed: number;
  /** Papers left as they were because the change was not allowed (e.g. already at the tag limit). */
  skipped: number;
}

const CHUNK = 500;

/**
 * Applies `apply` to many papers in one transaction (all or nothing), read and written a chunk at a
 * time so no single request holds the page for long; only papers that really change are written.
 */
export function changePapers(db: PaperdexDB, ids: readonly string[], apply: UserChange, now: number): Promise<BulkResult> {
  const unique = [...new Set(ids)];
  return writeLibrary(db, [db.papers], async (log) => {
    const result: BulkResult = { changed: 0, skipped: 0 };
    for (let at = 0; at < unique.length; at += CHUNK) {
      const records = await db.papers.bulkGet(unique.slice(at, at + CHUNK));
      const updated: PaperRecord[] = [];
      for (const record of records) {
        if (!record) continue;
        const changes = apply(record);
        if (changes === 'skip') result.skipped++;
        else if (changes) updated.push(stamped(record, changes, now));
      }
      if (updated.length) await db.papers.bulkPut(updated);
      log.wrote(updated.map((record) => record.id), true);
      result.changed += updated.length;
    }
    return result;
  });
}

/**
 * Deletes papers and writes their tombstones, inside a `writeLibrary` over `papers` and
 * `removedPapers`. `user`: the user deleted them (not retention).
 */
export async function removePapers(db: PaperdexDB, log: ChangeLog, ids: readonly string[], now: number, user: boolean): Promise<void> {
  if (!ids.length) return;
  await db.papers.bulkDelete([...ids]);
  await db.removedPapers.bulkPut(ids.map((id) => ({ id, at: now })));
  log.wrote(ids, user);
}

/**
 * The user-field rule of a capture: a merged sighting keeps the stored record's user fields exactly
 * (saved, tags, read, note: a page has no way to write them), whatever the merge produced.
 */
export function withStoredUserFields(merged: PaperRecord, stored: PaperRecord | undefined): PaperRecord {
  const record = merged as unknown as Record<string, unknown>;
  const source = (stored ?? { tags: [] }) as unknown as Record<string, unknown>;
  for (const key of USER_FIELD_KEYS) {
    if (source[key] === undefined) delete record[key];
    else record[key] = source[key];
  }
  return merged;
}

/** Registers `cache` as caught up through `cursor` (inside the cache's own save transaction, when it has one). */
export async function registerCursor(db: PaperdexDB, cache: CacheName, cursor: ChangeCursor): Promise<void> {
  await db.searchIndex.put(cursorRecord(cache, cursor));
}

/** The oldest cursor any cache registered, or undefined when none has. */
export async function oldestRegisteredCursor(db: PaperdexDB): Promise<ChangeCursor | undefined> {
  const records = await db.searchIndex.where('key').startsWith(CURSOR_KEY_PREFIX).toArray();
  let oldest: ChangeCursor | undefined;
  for (const record of records) {
    const cursor = registeredCursor(record);
    if (!cursor) continue;
    oldest = oldest
      ? { updatedThrough: Math.min(oldest.updatedThrough, cursor.updatedThrough), removedThrough: Math.min(oldest.removedThrough, cursor.removedThrough) }
      : cursor;
  }
  return oldest;
}
