/**
 * Writes one captured batch (one page view's new or changed cards) to the library in a single
 * transaction: one bulkGet, one bulkPut, and the drift counters.
 */
import type { CaptureMessage, CaptureProblem, StoredPaperSummary } from '../messages';
import { mergeSighting } from '../merge';
import type { PaperRecord } from '../paper';
import type { CaptureProblemRecord, PaperdexDB } from './schema';

export interface RecordResult {
  stored: StoredPaperSummary[];
}

export async function recordCapture(
  db: PaperdexDB,
  { listing, papers, problems }: Pick<CaptureMessage, 'listing' | 'papers' | 'problems'>,
  now = Date.now(),
): Promise<RecordResult> {
  return db.transaction('rw', db.papers, db.captureProblems, async () => {
    const ids = [...new Set(papers.map((paper) => paper.id))];
    const existing = await db.papers.bulkGet(ids);
    const records = new Map<string, PaperRecord>();
    const known = new Set<string>();
    ids.forEach((id, index) => {
      const record = existing[index];
      if (record) {
        records.set(id, record);
        known.add(id);
      }
    });
    for (const paper of papers) {
      records.set(paper.id, mergeSighting(records.get(paper.id), paper, listing, now));
    }
    const merged = [...records.values()];
    if (merged.length) await db.papers.bulkPut(merged);
    if (problems.length) await countProblems(db, listing.site, listing.url, problems, now);
    return {
      stored: merged.map((record) => ({
        id: record.id,
        isNew: !known.has(record.id),
        seenCount: record.seenCount,
        firstSeenAt: record.firstSeenAt,
        saved: record.savedAt !== undefined,
        tags: record.tags,
      })),
    };
  });
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
