// Bundled by the Stats/retention bench and injected into an extension page: fills the real library with
// a synthetic corpus (first seen over the last year, some seen again, saved, read, tagged, some from
// arXiv), and times the background's retention run (no rows there: candidates from the indexes).
import { pruneExpired } from '@/utils/library/retention';
import { PaperdexDB } from '@/utils/library/schema';
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl } from '@/utils/paper/arxiv-id';
import type { PaperRecord } from '@/utils/paper/record';
import { generateCorpus, mulberry32 } from './search-corpus';

const FILL_PAGE = 2_000;
const DAY = 86_400_000;

async function fillLibrary(size: number): Promise<{ fillMs: number }> {
  const started = performance.now();
  const corpus = generateCorpus(size);
  const random = mulberry32(11);
  const db = new PaperdexDB();
  const now = Date.now();
  const records: PaperRecord[] = corpus.records.map((record, at) => {
    const firstSeenAt = now - (corpus.records.length - at) * ((365 * DAY) / corpus.records.length);
    const lastSeenAt = random() < 0.3 ? Math.min(now, firstSeenAt + random() * 60 * DAY) : firstSeenAt;
    const paper: PaperRecord = {
      ...record,
      links: { hf: hfPaperUrl(record.id), arxiv: arxivAbsUrl(record.id), pdf: arxivPdfUrl(record.id) },
      firstSeenAt,
      lastSeenAt,
      updatedAt: lastSeenAt,
      sites: random() < 0.2 ? ['hf', 'arxiv'] : ['hf'],
      seenOn: [{ site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers', lastAt: lastSeenAt, count: 1 }],
    };
    if (random() < 0.1) paper.savedAt = lastSeenAt;
    if (random() < 0.15) paper.readAt = lastSeenAt;
    if (random() < 0.02) paper.note = 'A note.';
    return paper;
  });
  for (let at = 0; at < records.length; at += FILL_PAGE) await db.papers.bulkPut(records.slice(at, at + FILL_PAGE));
  await db.captureProblems.put({
    key: 'hf:card-invalid',
    site: 'hf',
    reason: 'card-invalid',
    count: 12,
    firstAt: now - 20 * DAY,
    lastAt: now - DAY,
    lastUrl: 'https://huggingface.co/papers',
  });
  db.close();
  return { fillMs: performance.now() - started };
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/**
 * The background's run (`pruneIfDue` → `pruneExpired` without candidates), timed, with the longest gap
 * between its steps' callbacks as a proxy for how long it holds the thread at once.
 */
async function backgroundPrune(days: number): Promise<{ pruneMs: number; removed: number; left: number; expected: number }> {
  const db = new PaperdexDB();
  await db.open();
  const cutoff = Date.now() - days * DAY;
  const expected = await db.papers
    .where('lastSeenAt')
    .below(cutoff)
    .filter((paper) => paper.savedAt === undefined && paper.readAt === undefined && !paper.tags.length && !paper.note?.trim())
    .count();
  const prune = await time(() => pruneExpired(db, { retentionDays: days }));
  const left = await db.papers.count();
  db.close();
  return { pruneMs: prune.ms, removed: prune.value.removed, left, expected };
}

async function count(): Promise<number> {
  const db = new PaperdexDB();
  const papers = await db.papers.count();
  db.close();
  return papers;
}

(globalThis as unknown as { paperdexStatsBench: unknown }).paperdexStatsBench = { fillLibrary, backgroundPrune, count };
