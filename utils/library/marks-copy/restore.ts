/**
 * Rebuilding marked papers from the copy, through the change contract (`writeLibrary`: stamped
 * records, one `LibraryChange`, so every cache and open page follows). What is safe:
 * - a paper with a tombstone in the database was deleted by the user there: never brought back;
 * - a paper the database has with any mark of its own is left exactly as it is (the user decided
 *   after the loss, or the copy is behind it): a mark the database has is never overwritten;
 * - a paper the database has without marks gets the copy's marks only when the database is a new one
 *   (`ontoUnmarked`: the database the copy followed is gone, so this record is a capture made since).
 *   In the database the copy follows, an unmarked paper is one the user unmarked: left alone.
 * All entries in one transaction: a restore happens whole or not at all.
 */
import type { PaperRecord } from '../../paper/record';
import { nextStamp } from '../feed/cursor';
import { stamped, writeLibrary } from '../feed/write';
import type { PaperdexDB } from '../schema';
import { isMarked, type MarkEntry } from './format';

export interface RestoreCounts {
  papers: number;
  saved: number;
  tagged: number;
  read: number;
  noted: number;
}

const CHUNK = 500;

/** The user fields of `entry`, as a record's changes (absent ones left out). */
function marksOf(entry: MarkEntry): Partial<PaperRecord> {
  const marks: Partial<PaperRecord> = { tags: entry.tags };
  if (entry.savedAt !== undefined) marks.savedAt = entry.savedAt;
  if (entry.readAt !== undefined) marks.readAt = entry.readAt;
  if (entry.note !== undefined) marks.note = entry.note;
  return marks;
}

/**
 * A paper known only from its entry: seen as often and on the sites the copy says (where exactly is not
 * kept), or, never shown, as a paper saved by id, until a page shows it again.
 */
export function recordFromEntry(entry: MarkEntry, stamp: number): PaperRecord {
  const record: PaperRecord = {
    id: entry.id,
    title: entry.title,
    links: entry.links,
    firstSeenAt: entry.firstSeenAt,
    lastSeenAt: entry.lastSeenAt,
    seenCount: entry.seenCount ?? 0,
    seenOn: [],
    sites: entry.sites ?? [],
    ...marksOf(entry),
    tags: entry.tags,
    updatedAt: stamp,
  };
  if (entry.authors) record.authors = entry.authors;
  if (entry.publishedAt) record.publishedAt = entry.publishedAt;
  return record;
}

function count(counts: RestoreCounts, record: Partial<PaperRecord>): void {
  counts.papers++;
  if (record.savedAt !== undefined) counts.saved++;
  if (record.tags?.length) counts.tagged++;
  if (record.readAt !== undefined) counts.read++;
  if (record.note !== undefined) counts.noted++;
}

export interface Restored {
  counts: RestoreCounts;
  /** The papers written from their entries. */
  ids: string[];
}

/** Writes the entries the database lacks (see above); resolves to what was restored. */
export function restoreEntries(db: PaperdexDB, entries: readonly MarkEntry[], now: number, ontoUnmarked: boolean): Promise<Restored> {
  return writeLibrary(db, [db.papers, db.removedPapers], async (log) => {
    const counts: RestoreCounts = { papers: 0, saved: 0, tagged: 0, read: 0, noted: 0 };
    const ids: string[] = [];
    // Past every stamp the database has, as any write (a reader's cursor may be ahead of the clock).
    const stamp = nextStamp((await db.papers.orderBy('updatedAt').last())?.updatedAt, now);
    for (let at = 0; at < entries.length; at += CHUNK) {
      const chunk = entries.slice(at, at + CHUNK);
      const ids = chunk.map((entry) => entry.id);
      const [present, tombstones] = await Promise.all([db.papers.bulkGet(ids), db.removedPapers.bulkGet(ids)]);
      const writes: PaperRecord[] = [];
      chunk.forEach((entry, i) => {
        const record = present[i];
        if (tombstones[i]) return;
        if (!record) writes.push(recordFromEntry(entry, stamp));
        else if (ontoUnmarked && !isMarked(record)) writes.push(stamped(record, marksOf(entry), stamp));
        else return;
        count(counts, marksOf(entry));
      });
      if (writes.length) await db.papers.bulkPut(writes);
      log.wrote(writes.map((record) => record.id), true);
      ids.push(...writes.map((record) => record.id));
    }
    return { counts, ids };
  });
}
