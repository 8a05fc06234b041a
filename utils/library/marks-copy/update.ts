/**
 * One run of the copy (the background runs one at a time: at start, and after each user change on the
 * feed): restore from the copy when the database it followed is gone (or lost marked papers), then
 * follow the database. See `format.ts` for what is stored, `restore.ts` for what restoring may write.
 */
import { CURSOR_NOT_READ } from '../feed/cursor';
import { registerCursor } from '../feed/write';
import type { PaperdexDB } from '../schema';
import type { LocalArea } from './area';
import { readDbMarker, writeDbMarker } from './db-marker';
import { followLibrary, IDS_KEY, idsValue, readIds } from './follow';
import { type CopyMeta, ENTRY_PREFIX, entryKey, isMarked, MARKS_COPY_FORMAT, type MarkEntry, META_KEY, parseMarkEntry, parseMeta } from './format';
import { nextNotice, NOTICE_KEY, parseRestoreNotice, type RestoreCause } from './notice';
import { type RestoreCounts, restoreEntries } from './restore';

/** How often the copy is checked against the database for marked papers missing from it. */
export const VERIFY_EVERY_MS = 24 * 60 * 60 * 1000;

export interface UpdateResult {
  restored?: RestoreCounts & { cause: RestoreCause };
  written: number;
  removed: number;
  /** Entries dropped as unreadable (corrupt, another format). */
  skipped: number;
}

/** Every valid entry of the copy, and the keys of those that are not. */
async function readEntries(area: LocalArea, now: number): Promise<{ entries: MarkEntry[]; invalid: string[] }> {
  const all = await area.get(null);
  const entries: MarkEntry[] = [];
  const invalid: string[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(ENTRY_PREFIX)) continue;
    const entry = parseMarkEntry(value, now);
    if (entry && entryKey(entry.id) === key) entries.push(entry);
    else invalid.push(key);
  }
  return { entries, invalid };
}

async function tell(area: LocalArea, counts: RestoreCounts, cause: RestoreCause, now: number): Promise<void> {
  if (!counts.papers) return;
  const previous = parseRestoreNotice((await area.get(NOTICE_KEY))[NOTICE_KEY]);
  await area.set({ [NOTICE_KEY]: nextNotice(counts, cause, now, previous) });
}

/**
 * The copy does not know this database (a first run, an unreadable meta, or the database it followed
 * is gone): restore what is safe, drop entries the database does not mark, and start following it.
 */
async function adopt(db: PaperdexDB, area: LocalArea, meta: CopyMeta | undefined, now: number, result: UpdateResult): Promise<{ meta: CopyMeta; current: Set<string> }> {
  const { entries, invalid } = await readEntries(area, now);
  result.skipped = invalid.length;
  // With a readable meta the database it names is gone; without one, only an empty database is surely a lost one.
  const lost = entries.length > 0 && (meta !== undefined || (await db.papers.count()) === 0);
  let restored: string[] = [];
  if (lost) {
    const { counts, ids } = await restoreEntries(db, entries, now, true);
    restored = ids;
    result.restored = { ...counts, cause: 'database-lost' };
    await tell(area, counts, 'database-lost', now);
  }
  // What stays in the copy is what the database marks now (a deleted or unmarked paper leaves it).
  const present = await db.papers.bulkGet(entries.map((entry) => entry.id));
  const stale = [...invalid, ...entries.filter((_, at) => !present[at] || !isMarked(present[at])).map((entry) => entryKey(entry.id))];
  if (stale.length) await area.remove(stale);
  // The marker first: a meta naming a database without it would read as a lost database next time.
  const dbId = await writeDbMarker(db);
  // Registered from the start: tombstone clean-up waits for the copy to apply the deletions it reads first.
  await registerCursor(db, 'marks-copy', CURSOR_NOT_READ);
  const dropped = new Set(stale);
  const kept = entries.filter((entry) => !dropped.has(entryKey(entry.id))).map((entry) => entry.id);
  const adopted: CopyMeta = { format: MARKS_COPY_FORMAT, cursor: CURSOR_NOT_READ, dbId, count: kept.length, verifiedAt: now };
  await area.set({ [META_KEY]: adopted, [IDS_KEY]: idsValue(kept) });
  return { meta: adopted, current: new Set(restored) };
}

/** The copy's marked papers the database has neither as a paper nor as a deletion: lost from it, restored. */
async function verify(db: PaperdexDB, area: LocalArea, meta: CopyMeta, now: number, result: UpdateResult): Promise<void> {
  // By the copy's ids: only the entries of missing papers are read (reading every entry is slow).
  const ids = [...(await readIds(area))];
  const [present, tombstones] = await Promise.all([db.papers.bulkGet(ids), db.removedPapers.bulkGet(ids)]);
  const lost = ids.filter((_, at) => !present[at] && !tombstones[at]).map(entryKey);
  const stored = lost.length ? await area.get(lost) : {};
  const missing = lost.map((key) => parseMarkEntry(stored[key], now)).filter((entry): entry is MarkEntry => entry !== undefined);
  if (missing.length) {
    const { counts } = await restoreEntries(db, missing, now, false);
    result.restored = { ...counts, cause: 'papers-lost' };
    await tell(area, counts, 'papers-lost', now);
  }
  await area.set({ [META_KEY]: { ...meta, verifiedAt: now } });
}

/** Restores when needed, then brings the copy up to date with `db`. */
export async function updateMarksCopy(db: PaperdexDB, area: LocalArea, now = Date.now()): Promise<UpdateResult> {
  const result: UpdateResult = { written: 0, removed: 0, skipped: 0 };
  let meta = parseMeta((await area.get(META_KEY))[META_KEY]);
  const marker = await readDbMarker(db);
  let current: Set<string> | undefined;
  if (!meta || meta.dbId !== marker) ({ meta, current } = await adopt(db, area, meta, now, result));
  // Entries just restored are what the new database holds for them: not written again.
  const followed = await followLibrary(db, area, meta, { current });
  result.written = followed.written;
  result.removed = followed.removed;
  // After following: every deletion the copy has not applied yet is applied, so what is still missing was lost.
  if (now - followed.meta.verifiedAt >= VERIFY_EVERY_MS || now < followed.meta.verifiedAt) await verify(db, area, followed.meta, now, result);
  return result;
}
