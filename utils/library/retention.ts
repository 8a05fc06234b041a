/**
 * History retention: papers the user never acted on are removed some days after they were last seen
 * (`Settings.retentionDays`; `null` keeps everything). A paper that is saved, tagged, read or has a note
 * is never removed: every user field is a decision worth keeping (see `hasUserFields`).
 *
 * Each removal writes a tombstone (`removedPapers`) in the same transaction, so the stored search index
 * and open library pages drop the paper too; tombstones themselves are pruned once every cache that
 * registered its cursor has applied them (see `pruneTombstones`).
 */
import { oldestRegisteredCursor, removePapers, writeLibrary } from './feed/write';
import type { PaperRecord } from '../paper/record';
import { USER_FIELD_KEYS } from '../paper/record';
import { readSettings, type Settings } from './settings';
import type { TableRow } from '../ui/library-page/table-rows';
import type { PaperdexDB } from './schema';

export const DAY_MS = 86_400_000;

/** Papers removed per transaction: short transactions leave captures and the UI free in between. */
const CHUNK = 500;

/**
 * Per transaction when the library page runs it (with candidates from its rows): every commit makes the
 * open page catch up and refresh its views, which costs more than the deletes, so fewer, larger steps.
 */
const PAGE_CHUNK = 2_000;

/**
 * Tombstones are kept at least this long even once the stored search index has applied them: a page
 * open since before that may still hold an older index in memory.
 */
export const TOMBSTONE_GRACE_DAYS = 14;

/** Pruning runs at most this often in the background (the user changing the setting runs it at once). */
export const PRUNE_INTERVAL_MS = DAY_MS;

/** Field of the settings row that remembers the last background run (unknown fields survive updates). */
const LAST_RUN_FIELD = 'retentionRunAt';

/** Whether the user has decided anything about this paper (saved, tagged, read, a note...). */
export function hasUserFields(paper: PaperRecord): boolean {
  return USER_FIELD_KEYS.some((key) => {
    const value: unknown = paper[key];
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === 'string') return value.trim() !== '';
    return value !== undefined && value !== null;
  });
}

/** The last-seen time below which an untouched paper is removed: "older than N days", exactly N days is kept. */
export function retentionCutoff(days: number, now: number): number {
  return now - days * DAY_MS;
}

export function isExpired(paper: PaperRecord, cutoff: number): boolean {
  return paper.lastSeenAt < cutoff && !hasUserFields(paper);
}

/** `hasUserFields` for the library page's light rows (which carry `hasNote` for the note). */
export function rowHasUserFields(row: TableRow): boolean {
  return row.savedAt != null || row.readAt != null || row.tags.length > 0 || row.hasNote === true;
}

/**
 * Ids of the papers retention of `days` would remove now, from the rows the library page holds (a pass in
 * memory: the settings' preview, and the candidates handed to `pruneExpired`).
 */
export function expiredRowIds(rows: Iterable<TableRow>, days: number | null, now = Date.now()): string[] {
  if (days === null) return [];
  const cutoff = retentionCutoff(days, now);
  const ids: string[] = [];
  for (const row of rows) if (row.lastSeenAt < cutoff && !rowHasUserFields(row)) ids.push(row.id);
  return ids;
}

/**
 * Ids of papers last seen before `cutoff` and neither saved, read nor tagged, from indexes only (no
 * record is read): a superset of what retention removes (a note can still keep one).
 */
async function candidateIds(db: PaperdexDB, cutoff: number): Promise<string[]> {
  const [old, saved, read, tagged] = await db.transaction('r', db.papers, () =>
    Promise.all([
      db.papers.where('lastSeenAt').below(cutoff).primaryKeys(),
      db.papers.orderBy('savedAt').primaryKeys(),
      db.papers.orderBy('readAt').primaryKeys(),
      db.papers.orderBy('tags').primaryKeys(),
    ]),
  );
  const kept = new Set<string>([...saved, ...read, ...tagged]);
  return old.filter((id) => !kept.has(id));
}

export interface Progress {
  (done: number, total: number): void;
}

export interface PruneResult {
  /** Papers removed from the library. */
  removed: number;
  /** Tombstones no longer needed, deleted. */
  tombstonesDropped: number;
}

/**
 * Removes every paper last seen more than `settings.retentionDays` days before `now` that the user never
 * acted on, one transaction per chunk: each record is checked again inside the transaction that deletes
 * it (a save or a new sighting since the candidates were listed keeps it), and its tombstone is written
 * there too. Idempotent: running it again removes nothing more. Then prunes tombstones.
 *
 * `candidates`: the ids to consider, when the caller already knows them (the library page, from its rows:
 * `expiredRowIds`); without them they are listed from the indexes. Either way only what is expired inside
 * the deleting transaction goes.
 */
export async function pruneExpired(
  db: PaperdexDB,
  settings: Pick<Settings, 'retentionDays'>,
  now = Date.now(),
  onProgress?: Progress,
  candidates?: readonly string[],
): Promise<PruneResult> {
  let removed = 0;
  if (settings.retentionDays !== null) {
    const cutoff = retentionCutoff(settings.retentionDays, now);
    const ids = candidates ?? (await candidateIds(db, cutoff));
    const chunk = candidates ? PAGE_CHUNK : CHUNK;
    for (let at = 0; at < ids.length; at += chunk) {
      removed += await removeChunk(db, ids.slice(at, at + chunk), cutoff, now);
      onProgress?.(Math.min(at + chunk, ids.length), ids.length);
    }
  }
  return { removed, tombstonesDropped: await pruneTombstones(db, now) };
}

async function removeChunk(db: PaperdexDB, ids: string[], cutoff: number, now: number): Promise<number> {
  return writeLibrary(db, [db.papers, db.removedPapers, db.pendingCaptures, db.listingDigests], async (log) => {
    const records = await db.papers.bulkGet(ids);
    // A paper in a captured batch not merged yet was just seen again: it stays.
    const queued = await queuedIds(db);
    const doomed = records.filter((record): record is PaperRecord => !!record && isExpired(record, cutoff) && !queued.has(record.id)).map((record) => record.id);
    if (!doomed.length) return 0;
    await removePapers(db, log, doomed, now, false);
    await forgetInDigests(db, doomed);
    return doomed.length;
  });
}

/** Ids in the capture queue (normally empty: batches are merged right after they arrive). */
async function queuedIds(db: PaperdexDB): Promise<Set<string>> {
  const ids = new Set<string>();
  await db.pendingCaptures.each((row) => {
    for (const paper of row.papers) ids.add(paper.id);
    for (const seen of row.seen ?? []) ids.add(seen.id);
  });
  return ids;
}

/**
 * Listing digests let a revisit send known, unchanged cards as counters only, and counters cannot
 * bring back a paper that is gone. So a removed paper leaves every digest: if a listing shows it again,
 * its card is sent in full and it returns to the library.
 */
async function forgetInDigests(db: PaperdexDB, ids: string[]): Promise<void> {
  const gone = new Set(ids);
  const digests = await db.listingDigests.toArray();
  const changed = digests.filter((digest) => {
    const cards = Object.keys(digest.cards).filter((id) => gone.has(id));
    for (const id of cards) delete digest.cards[id];
    return cards.length > 0;
  });
  if (changed.length) await db.listingDigests.bulkPut(changed);
}

/**
 * Deletes tombstones nobody needs any more: older than the grace period, and applied by every cache
 * that registered its cursor with the change feed (the stored search index, the library's rows; each
 * registers when it stores itself). Without any registered cursor only the grace period applies.
 */
export async function pruneTombstones(db: PaperdexDB, now = Date.now()): Promise<number> {
  const applied = (await oldestRegisteredCursor(db))?.removedThrough ?? Infinity;
  const before = Math.min(applied, now - TOMBSTONE_GRACE_DAYS * DAY_MS);
  // `at <= before`: a tombstone at exactly `removedThrough` has been applied.
  return db.removedPapers.where('at').belowOrEqual(before).delete();
}

/**
 * The background's daily run, with the stored settings: prunes when the last run is a day old (or the
 * clock went back), and remembers when. Returns undefined when it was not due.
 */
export async function pruneIfDue(db: PaperdexDB, now = Date.now()): Promise<PruneResult | undefined> {
  const last = (await db.settings.get('settings'))?.[LAST_RUN_FIELD];
  if (typeof last === 'number' && last <= now && now - last < PRUNE_INTERVAL_MS) return undefined;
  const result = await pruneExpired(db, await readSettings(db), now);
  await db.transaction('rw', db.settings, async () => {
    const current = await db.settings.get('settings');
    await db.settings.put({ ...(current ?? {}), key: 'settings', [LAST_RUN_FIELD]: now });
  });
  return result;
}
