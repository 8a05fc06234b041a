/**
 * Recording a capture is two steps, both in IndexedDB:
 * 1. `queueCapture`: the validated batch is written as a few rows of `pendingCaptures` (papers the same
 *    listing showed before with the same content as a few bytes each), so the content script gets its
 *    answer in milliseconds and the batch is safe even if the worker stops.
 * 2. `foldPendingCaptures`: queued rows are merged into `papers` (one bulkGet, one bulkPut, the drift
 *    counters) and deleted in the same transaction, so each is applied exactly once.
 * Chromium's IndexedDB costs ~0.15 ms per request, so merging 100 papers (200 requests) cannot answer
 * within a revisit's budget; a few queued rows can.
 */
import { type ChangeLog, stamped, withStoredUserFields, writeLibrary } from '../library/feed/write';
import type { CaptureMessage, CaptureProblem } from '../messaging/messages';
import { contentFingerprint, countersOf, type PaperCounters } from './fingerprint';
import { mergeRevisit, mergeSighting } from './merge';
import type { CapturedPaper, PaperRecord } from '../paper/record';
import type { CaptureProblemRecord, ListingDigestRecord, PaperdexDB, PendingCaptureRecord } from '../library/schema';

export type CaptureBatch = Pick<CaptureMessage, 'listing' | 'papers' | 'problems'>;

/**
 * Chromium moves IndexedDB values over 64 KiB out into blob files, which costs several milliseconds
 * more; a page's batch is therefore queued as a few rows that stay under that size (4 rows of 25 papers
 * commit in ~5 ms where one row of 100 takes ~11 ms).
 */
export const QUEUE_ROW_BYTES = 56 * 1024;

function approximateBytes(paper: CapturedPaper): number {
  // V8 stores Latin-1 text at one byte per character; the allowance covers authors, links and keys.
  return paper.title.length + (paper.abstract?.length ?? 0) + (paper.aiSummary?.length ?? 0) + 768;
}

/**
 * Splits a batch into queue rows of at most `QUEUE_ROW_BYTES` (a single larger paper gets a row of its
 * own). The first row carries the problems and the papers seen again unchanged (`seen`, a few bytes each).
 */
export function queueRows(batch: CaptureBatch, now: number, seen: PaperCounters[] = [], positions?: ReadonlyMap<string, number>): PendingCaptureRecord[] {
  const rows: PendingCaptureRecord[] = [];
  let papers: CapturedPaper[] = [];
  let bytes = 0;
  const flush = () => {
    const first = rows.length === 0;
    const rowSeen = first ? seen : [];
    const order = positions && [...papers, ...rowSeen].map((entry, at) => positions.get(entry.id) ?? at);
    rows.push({
      at: now,
      listing: batch.listing,
      papers,
      problems: first ? batch.problems : [],
      ...(rowSeen.length ? { seen: rowSeen } : {}),
      ...(order?.some((position) => position > 0) ? { order } : {}),
    });
    papers = [];
    bytes = 0;
  };
  for (const paper of batch.papers) {
    const size = approximateBytes(paper);
    if (papers.length && bytes + size > QUEUE_ROW_BYTES) flush();
    papers.push(paper);
    bytes += size;
  }
  if (papers.length || !rows.length) flush();
  return rows;
}

/** How long a listing's digest is kept: a revisit after that sends its cards in full again. */
export const LISTING_DIGEST_DAYS = 14;

/** Cards remembered per listing (an arXiv listing shows up to 2,000). */
export const MAX_DIGEST_CARDS = 3_000;

/**
 * Splits a batch by the listing's last digest: what changed goes in full, the rest as counters. The new
 * digest keeps the listing's earlier cards too (a batch may hold only cards added to the page later).
 */
export function splitByDigest(
  papers: CapturedPaper[],
  previous: ListingDigestRecord | undefined,
): { changed: CapturedPaper[]; unchanged: PaperCounters[]; cards: Record<string, string> } {
  const changed: CapturedPaper[] = [];
  const unchanged: PaperCounters[] = [];
  const kept = Object.entries(previous?.cards ?? {}).slice(-Math.max(0, MAX_DIGEST_CARDS - papers.length));
  const cards: Record<string, string> = Object.fromEntries(kept);
  for (const paper of papers) {
    const fingerprint = contentFingerprint(paper);
    if (previous?.cards[paper.id] === fingerprint) unchanged.push(countersOf(paper));
    else changed.push(paper);
    delete cards[paper.id]; // re-inserted last: the newest cards are the ones kept past the cap
    cards[paper.id] = fingerprint;
  }
  return { changed, unchanged, cards };
}

/** A cap on the papers one capture may queue in full (new or changed), and how a refusal is counted. */
export interface FullPaperLimit {
  maxFull: number;
  problem: (refused: number) => CaptureProblem;
}

export interface QueuedCapture {
  /** Papers queued in full (new or changed since the listing's last capture). */
  full: number;
  /** Papers over the limit: not queued, not in the listing's digest (a later visit offers them again). */
  refused: number;
}

/**
 * Stores a validated batch for merging; resolves once it is committed. Papers this listing showed last
 * time with the same content are queued as counters only, so a revisit writes a few hundred bytes.
 * This is the capture hot path, so it uses the raw IndexedDB connection (half the time of Dexie's
 * bulkAdd here); no live query watches these tables, and the fold that empties the queue uses Dexie.
 */
export async function queueCapture(db: PaperdexDB, batch: CaptureBatch, now = Date.now(), limit?: FullPaperLimit): Promise<QueuedCapture> {
  if (!db.isOpen()) await db.open();
  const queued: QueuedCapture = { full: 0, refused: 0 };
  await new Promise<void>((resolve, reject) => {
    const transaction = db.backendDB().transaction(['pendingCaptures', 'listingDigests'], 'readwrite');
    const queue = transaction.objectStore('pendingCaptures');
    const digests = transaction.objectStore('listingDigests');
    const request = digests.get(batch.listing.url);
    request.onsuccess = () => {
      const { changed, unchanged, cards } = splitByDigest(batch.papers, request.result as ListingDigestRecord | undefined);
      const full = limit ? changed.slice(0, Math.max(0, limit.maxFull)) : changed;
      const refused = changed.slice(full.length);
      for (const paper of refused) delete cards[paper.id];
      const problems = refused.length && limit ? [...batch.problems, limit.problem(refused.length)] : batch.problems;
      const positions = new Map(batch.papers.map((paper, at) => [paper.id, at]));
      for (const row of queueRows({ ...batch, papers: full, problems }, now, unchanged, positions)) queue.add(row);
      if (batch.papers.length) digests.put({ url: batch.listing.url, at: now, cards } satisfies ListingDigestRecord);
      queued.full = full.length;
      queued.refused = refused.length;
    };
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new Error('the capture was not stored'));
  });
  return queued;
}

export interface FoldResult {
  batches: number;
  papers: number;
  failed: number;
}

/** How many queued papers one fold transaction merges at most. */
const FOLD_PAPERS_PER_TRANSACTION = 500;

/**
 * Merges every queued row into the library, oldest first, many rows per transaction. When such a
 * transaction fails, its rows are retried one by one: a row that fails alone stays queued (nothing is
 * dropped) and the others go on.
 */
export async function foldPendingCaptures(db: PaperdexDB): Promise<FoldResult> {
  const result: FoldResult = { batches: 0, papers: 0, failed: 0 };
  const failed = new Set<number>();
  await db.listingDigests.where('at').below(Date.now() - LISTING_DIGEST_DAYS * 86_400_000).delete();
  for (;;) {
    const seqs = ((await db.pendingCaptures.toCollection().primaryKeys()) as number[]).filter((seq) => !failed.has(seq));
    if (!seqs.length) return result;
    const groups = await groupRows(db, seqs);
    for (const group of groups) {
      try {
        const folded = await foldRows(db, group);
        result.batches += folded.rows;
        result.papers += folded.papers;
      } catch (error) {
        // Find the row at fault: fold the group's rows one at a time.
        if (group.length > 1) for (const seq of group) await foldAlone(db, seq, result, failed);
        else keepQueued(group[0]!, error, result, failed);
      }
    }
  }
}

async function foldAlone(db: PaperdexDB, seq: number, result: FoldResult, failed: Set<number>): Promise<void> {
  try {
    const folded = await foldRows(db, [seq]);
    result.batches += folded.rows;
    result.papers += folded.papers;
  } catch (error) {
    keepQueued(seq, error, result, failed);
  }
}

/** A row that fails to merge on its own is left in the queue (nothing is dropped) and skipped this fold. */
function keepQueued(seq: number, error: unknown, result: FoldResult, failed: Set<number>): void {
  failed.add(seq);
  result.failed++;
  console.error(`[Paperdex] could not merge captured row ${seq}; it stays queued`, error);
}

/** Groups queued rows, in order, into transactions of about `FOLD_PAPERS_PER_TRANSACTION` papers. */
async function groupRows(db: PaperdexDB, seqs: number[]): Promise<number[][]> {
  const rows = await db.pendingCaptures.bulkGet(seqs);
  const groups: number[][] = [];
  let group: number[] = [];
  let papers = 0;
  rows.forEach((row, index) => {
    if (!row) return;
    const size = row.papers.length + (row.seen?.length ?? 0);
    if (group.length && papers + size > FOLD_PAPERS_PER_TRANSACTION) {
      groups.push(group);
      group = [];
      papers = 0;
    }
    group.push(seqs[index]!);
    papers += size;
  });
  if (group.length) groups.push(group);
  return groups;
}

/** Merges the given queued rows and deletes them, in one transaction (so each is applied exactly once). */
async function foldRows(db: PaperdexDB, seqs: number[]): Promise<{ rows: number; papers: number }> {
  return writeLibrary(db, [db.pendingCaptures, db.papers, db.captureProblems], async (log) => {
    // Rows another context folded meanwhile are gone: skip them.
    const rows = (await db.pendingCaptures.bulkGet(seqs)).filter((row) => row !== undefined);
    if (!rows.length) return { rows: 0, papers: 0 };
    await mergeRows(db, log, rows);
    await db.pendingCaptures.bulkDelete(rows.map((row) => row.seq!));
    return { rows: rows.length, papers: rows.reduce((sum, row) => sum + row.papers.length + (row.seen?.length ?? 0), 0) };
  });
}

/**
 * When each entry of a row (its `papers`, then its `seen`) was seen: the row's time less the entry's
 * page position in ms. One page visit's papers then differ in `lastSeenAt`, top card newest, so every
 * "last seen, newest first" list (popup, library, omnibox) shows them in the page's order (2,000 cards
 * span 2 s, finer than any time a view shows).
 */
export function sightingTimes(row: Pick<PendingCaptureRecord, 'at' | 'order'>): (entry: number) => number {
  return (entry) => row.at - (row.order?.[entry] ?? 0);
}

/** Merges queued rows, in order, each at the time it was captured: one bulkGet and one bulkPut for all. */
async function mergeRows(db: PaperdexDB, log: ChangeLog, rows: PendingCaptureRecord[]): Promise<PaperRecord[]> {
  const ids = [...new Set(rows.flatMap((row) => [...row.papers.map((paper) => paper.id), ...(row.seen ?? []).map((seen) => seen.id)]))];
  const existing = await db.papers.bulkGet(ids);
  const records = new Map<string, PaperRecord>();
  ids.forEach((id, index) => {
    const record = existing[index];
    if (record) records.set(id, record);
  });
  for (const row of rows) {
    const seenAt = sightingTimes(row);
    row.papers.forEach((paper, at) => records.set(paper.id, mergeSighting(records.get(paper.id), paper, row.listing, row.at, seenAt(at))));
    (row.seen ?? []).forEach((counters, at) => {
      const previous = records.get(counters.id);
      // Gone since (deleted by the user): a sighting without its content can't bring it back.
      if (previous) records.set(counters.id, mergeRevisit(previous, counters, row.listing, row.at, seenAt(row.papers.length + at)));
    });
  }
  // Stamped with the time of writing, not of seeing: readers catch up from `updatedAt`. The user's
  // fields are the stored ones, whatever the merge made (a capture never writes them).
  const writtenAt = Date.now();
  const stored = new Map(existing.filter((record) => record !== undefined).map((record) => [record.id, record]));
  const merged = [...records.values()].map((record) => stamped(withStoredUserFields(record, stored.get(record.id)), {}, writtenAt));
  if (merged.length) await db.papers.bulkPut(merged);
  log.wrote(merged.map((record) => record.id), false);
  for (const row of rows) {
    if (!row.problems.length) continue;
    await countProblems(db, row.listing.site, row.listing.url, row.problems, row.at);
    log.touch();
  }
  return merged;
}

/** Merges a batch at once (a card's own paper, tests): the same rules as the capture path, all seen at `now`. */
export async function recordCapture(db: PaperdexDB, batch: CaptureBatch, now = Date.now()): Promise<PaperRecord[]> {
  return writeLibrary(db, [db.papers, db.captureProblems], (log) => mergeRows(db, log, [{ at: now, ...batch }]));
}

async function countProblems(
  db: PaperdexDB,
  site: CaptureProblemRecord['site'],
  url: string,
  problems: CaptureProblem[],
  now: number,
): Promise<void> {
  const keys = problems.map((problem) => `${site}:${problem.reason}`);
  const existing = await db.captureProblems.bulkGet(keys);
  const updated = new Map<string, CaptureProblemRecord>();
  problems.forEach((problem, index) => {
    const key = keys[index]!;
    const previous = updated.get(key) ?? existing[index];
    updated.set(key, {
      key,
      site,
      reason: problem.reason,
      count: (previous?.count ?? 0) + problem.count,
      firstAt: previous?.firstAt ?? now,
      lastAt: now,
      lastUrl: url,
      ...(problem.detail ? { lastDetail: problem.detail } : {}),
    });
  });
  await db.captureProblems.bulkPut([...updated.values()]);
}
