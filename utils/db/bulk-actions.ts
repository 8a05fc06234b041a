/**
 * The library page's actions on many papers at once: save, read, tag, delete and its undo. Each is one
 * transaction (all or nothing), read and written a chunk at a time so no single request holds the page
 * for long; only papers that really change are written, and only those get a new `updatedAt`.
 */
import { mergeImportedPaper } from '../library-io/merge-import';
import { MAX_PLACES } from '../merge';
import type { PaperRecord, SeenPlace } from '../paper';
import { MAX_TAGS_PER_PAPER, normalizeTag } from '../tags';
import type { PaperdexDB } from './schema';

const CHUNK = 500;

export interface BulkResult {
  /** Papers written. */
  changed: number;
  /** Papers left as they were because the change was not allowed (e.g. already at the tag limit). */
  skipped: number;
}

type Change = Partial<PaperRecord> | 'skip' | undefined;

/** `record` with `changes` applied (an `undefined` value removes the field) and a later `updatedAt`. */
export function withChanges(record: PaperRecord, changes: Partial<PaperRecord>, now: number): PaperRecord {
  const updated: PaperRecord = { ...record, ...changes, updatedAt: Math.max(now, (record.updatedAt ?? 0) + 1) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete (updated as unknown as Record<string, unknown>)[key];
  }
  return updated;
}

async function modifyMany(db: PaperdexDB, ids: readonly string[], apply: (record: PaperRecord) => Change, now: number): Promise<BulkResult> {
  const unique = [...new Set(ids)];
  return db.transaction('rw', db.papers, async () => {
    const result: BulkResult = { changed: 0, skipped: 0 };
    for (let at = 0; at < unique.length; at += CHUNK) {
      const records = await db.papers.bulkGet(unique.slice(at, at + CHUNK));
      const updated: PaperRecord[] = [];
      for (const record of records) {
        if (!record) continue;
        const changes = apply(record);
        if (changes === 'skip') result.skipped++;
        else if (changes) updated.push(withChanges(record, changes, now));
      }
      if (updated.length) await db.papers.bulkPut(updated);
      result.changed += updated.length;
    }
    return result;
  });
}

export function bulkSetSaved(db: PaperdexDB, ids: readonly string[], saved: boolean, now = Date.now()): Promise<BulkResult> {
  return modifyMany(db, ids, (record) => ((record.savedAt !== undefined) === saved ? undefined : { savedAt: saved ? now : undefined }), now);
}

export function bulkSetRead(db: PaperdexDB, ids: readonly string[], read: boolean, now = Date.now()): Promise<BulkResult> {
  return modifyMany(db, ids, (record) => ((record.readAt !== undefined) === read ? undefined : { readAt: read ? now : undefined }), now);
}

/** Adds a tag (normalized) to every paper; papers already at the tag limit are skipped. Rejects an unusable tag. */
export function bulkAddTag(db: PaperdexDB, ids: readonly string[], raw: string, now = Date.now()): Promise<BulkResult> {
  const tag = normalizeTag(raw);
  if (!tag) return Promise.reject(new Error('A tag needs at least one letter or digit.'));
  return modifyMany(db, ids, (record) => {
    if (record.tags.includes(tag)) return undefined;
    if (record.tags.length >= MAX_TAGS_PER_PAPER) return 'skip';
    return { tags: [...record.tags, tag] };
  }, now);
}

export function bulkRemoveTag(db: PaperdexDB, ids: readonly string[], tag: string, now = Date.now()): Promise<BulkResult> {
  return modifyMany(db, ids, (record) => (record.tags.includes(tag) ? { tags: record.tags.filter((t) => t !== tag) } : undefined), now);
}

/**
 * Deletes papers from the library and writes their tombstones (`removedPapers`) in the same
 * transaction, so the stored search index drops them too. Resolves to the records removed, exactly as
 * they were, for `restorePapers` (undo).
 */
export function deletePapers(db: PaperdexDB, ids: readonly string[], now = Date.now()): Promise<PaperRecord[]> {
  const unique = [...new Set(ids)];
  return db.transaction('rw', db.papers, db.removedPapers, async () => {
    const removed: PaperRecord[] = [];
    for (let at = 0; at < unique.length; at += CHUNK) {
      const records = (await db.papers.bulkGet(unique.slice(at, at + CHUNK))).filter((record): record is PaperRecord => record !== undefined);
      if (!records.length) continue;
      const gone = records.map((record) => record.id);
      await db.papers.bulkDelete(gone);
      await db.removedPapers.bulkPut(gone.map((id) => ({ id, at: now })));
      removed.push(...records);
    }
    return removed;
  });
}

/**
 * Undo of `deletePapers`: puts the records back as they were and drops their tombstones, in one
 * transaction. Only `updatedAt` moves forward (it must: the search index and open pages catch up from
 * it). A paper captured again since its deletion keeps that capture's page fields and gets the user's
 * fields and its earlier sightings back (`restoredOnto`). Resolves to the number of papers restored.
 */
export function restorePapers(db: PaperdexDB, records: readonly PaperRecord[], now = Date.now()): Promise<number> {
  return db.transaction('rw', db.papers, db.removedPapers, async () => {
    let restored = 0;
    for (let at = 0; at < records.length; at += CHUNK) {
      const chunk = records.slice(at, at + CHUNK);
      const present = await db.papers.bulkGet(chunk.map((record) => record.id));
      await db.removedPapers.bulkDelete(chunk.map((record) => record.id));
      const back = chunk.map((record, i) => {
        const current = present[i];
        const restoredRecord = current ? restoredOnto(current, record) : record;
        return { ...restoredRecord, updatedAt: Math.max(now, record.updatedAt + 1, (current?.updatedAt ?? 0) + 1) };
      });
      await db.papers.bulkPut(back);
      restored += back.length;
    }
    return restored;
  });
}

/**
 * A deleted record brought back onto the record a capture made of the same paper since: page fields
 * as the fresher copy gives them (a page that gives less erases nothing), the user's fields of both
 * (saved and read at the earlier time, tags united, notes kept; the import's rules), and the sightings
 * of both. Those are disjoint (before and after the delete), so their counts add up.
 */
export function restoredOnto(current: PaperRecord, deleted: PaperRecord): PaperRecord {
  return {
    ...mergeImportedPaper(current, deleted),
    seenCount: current.seenCount + deleted.seenCount,
    seenOn: addedPlaces(current.seenOn, deleted.seenOn),
  };
}

/** Listings of two disjoint histories: per URL the later entry, with both counts. */
function addedPlaces(a: readonly SeenPlace[], b: readonly SeenPlace[]): SeenPlace[] {
  const byUrl = new Map<string, SeenPlace>();
  for (const place of [...a, ...b]) {
    const known = byUrl.get(place.url);
    byUrl.set(place.url, known ? { ...(place.lastAt > known.lastAt ? place : known), count: known.count + place.count } : place);
  }
  return [...byUrl.values()].sort((x, y) => y.lastAt - x.lastAt).slice(0, MAX_PLACES);
}
