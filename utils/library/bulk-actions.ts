/**
 * The library page's actions on many papers at once: save, read, tag, delete and its undo. Each is one
 * transaction (all or nothing), read and written a chunk at a time so no single request holds the page
 * for long; only papers that really change are written, and only those get a new `updatedAt`.
 */
import { type BulkResult, changePapers, removePapers, writeLibrary } from './feed/write';
import { nextStamp } from './feed/cursor';
import { skipRefused, tagToAdd, userChanges } from './feed/user-changes';
import { mergeImportedPaper } from './io/merge-import';
import { MAX_PLACES } from '../capture/merge';
import type { PaperRecord, SeenPlace } from '../paper/record';
import type { PaperdexDB } from './schema';

export type { BulkResult };

const CHUNK = 500;

export function bulkSetSaved(db: PaperdexDB, ids: readonly string[], saved: boolean, now = Date.now()): Promise<BulkResult> {
  return changePapers(db, ids, userChanges.saved(saved, now), now);
}

export function bulkSetRead(db: PaperdexDB, ids: readonly string[], read: boolean, now = Date.now()): Promise<BulkResult> {
  return changePapers(db, ids, userChanges.read(read, now), now);
}

/** Adds a tag (normalized) to every paper; papers already at the tag limit are skipped. Rejects an unusable tag. */
export function bulkAddTag(db: PaperdexDB, ids: readonly string[], raw: string, now = Date.now()): Promise<BulkResult> {
  let tag: string;
  try {
    tag = tagToAdd(raw);
  } catch (error) {
    return Promise.reject(error);
  }
  return changePapers(db, ids, skipRefused(userChanges.addTag(tag)), now);
}

export function bulkRemoveTag(db: PaperdexDB, ids: readonly string[], tag: string, now = Date.now()): Promise<BulkResult> {
  return changePapers(db, ids, userChanges.removeTag(tag), now);
}

/**
 * Deletes papers from the library and writes their tombstones (`removedPapers`) in the same
 * transaction, so the stored search index drops them too. Resolves to the records removed, exactly as
 * they were, for `restorePapers` (undo).
 */
export function deletePapers(db: PaperdexDB, ids: readonly string[], now = Date.now()): Promise<PaperRecord[]> {
  const unique = [...new Set(ids)];
  return writeLibrary(db, [db.papers, db.removedPapers], async (log) => {
    const removed: PaperRecord[] = [];
    for (let at = 0; at < unique.length; at += CHUNK) {
      const records = (await db.papers.bulkGet(unique.slice(at, at + CHUNK))).filter((record): record is PaperRecord => record !== undefined);
      if (!records.length) continue;
      await removePapers(db, log, records.map((record) => record.id), now, true);
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
  return writeLibrary(db, [db.papers, db.removedPapers], async (log) => {
    let restored = 0;
    for (let at = 0; at < records.length; at += CHUNK) {
      const chunk = records.slice(at, at + CHUNK);
      const present = await db.papers.bulkGet(chunk.map((record) => record.id));
      await db.removedPapers.bulkDelete(chunk.map((record) => record.id));
      const back = chunk.map((record, i) => {
        const current = present[i];
        const restoredRecord = current ? restoredOnto(current, record) : record;
        // Past both stamps: the deleted record's (readers saw it) and the current one's.
        return { ...restoredRecord, updatedAt: nextStamp(record.updatedAt, now, current?.updatedAt) };
      });
      await db.papers.bulkPut(back);
      log.wrote(chunk.map((record) => record.id), true);
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
