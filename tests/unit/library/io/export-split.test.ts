/**
 * A large whole-library JSON or CSV export is shared with a worker (the second half of the ids). Here the
 * worker is a fake running the worker's own code (`formatLines`) on the same database, or one that fails:
 * the file must be the same as the page alone makes, whatever the worker does.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PaperdexDB } from '@/utils/library/schema';
import { exportLibrary } from '@/utils/library/io';
import { formatLines, isWorkerRequest, type WorkerReply } from '@/utils/library/io/export-lines';
import { SPLIT_FROM_PAPERS } from '@/utils/library/io/export';
import { storedPaper, T0 } from '../../support/sample-library';

let db: PaperdexDB;
beforeEach(async () => {
  db = new PaperdexDB(`split-${Math.random()}`);
  await db.papers.bulkPut(
    Array.from({ length: SPLIT_FROM_PAPERS + 101 }, (_, at) =>
      storedPaper({ id: `2402.${String(10000 + at)}`, title: `Paper "${at}", with a comma`, authors: ['Ada Lovelace'], abstract: `Abstract ${at}\nsecond line` }),
    ),
  );
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

type Behaviour = 'works' | 'fails' | 'garbage' | 'throws' | 'silent' | 'drops';

/** A stand-in for the export worker: what it was asked, and its replies as the real one sends them. */
class FakeWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  requests: unknown[] = [];
  terminated = false;

  constructor(private readonly behaviour: Behaviour) {}

  postMessage(request: unknown): void {
    this.requests.push(request);
    const reply = (data: WorkerReply | unknown) => setTimeout(() => this.onmessage?.({ data }));
    if (this.behaviour === 'silent') return;
    if (this.behaviour === 'fails') return void reply({ type: 'failed', error: 'the disk is gone' });
    if (this.behaviour === 'garbage') return void reply({ type: 'part', bytes: 'not bytes' });
    if (!isWorkerRequest(request)) return void reply({ type: 'failed', error: 'bad request' });
    const encoder = new TextEncoder();
    let parts = 0;
    void formatLines(
      db,
      request.format,
      { range: { from: request.from } },
      (text) => {
        // The one that drops a part sends all but its first.
        if (parts++ > 0 || this.behaviour !== 'drops') reply({ type: 'part', bytes: encoder.encode(text) });
      },
      (done) => reply({ type: 'progress', done }),
    ).then((count) => reply({ type: 'done', count, parts }));
  }

  terminate(): void {
    this.terminated = true;
  }
}

async function exported(format: 'json' | 'csv', behaviour?: Behaviour) {
  const workers: FakeWorker[] = [];
  const startWorker = behaviour
    ? () => {
        if (behaviour === 'throws') throw new Error('workers are not allowed here');
        const worker = new FakeWorker(behaviour);
        workers.push(worker);
        return worker as unknown as Worker;
      }
    : undefined;
  const progress: [number, number][] = [];
  // (A short wait only for the worker that never answers: a working one is never given up on here.)
  const workerSilenceMs = behaviour === 'silent' ? 300 : undefined;
  const result = await exportLibrary(db, { format, now: T0, startWorker, ...(workerSilenceMs ? { workerSilenceMs } : {}), onProgress: (done, total) => progress.push([done, total]) });
  return { text: await result.blob.text(), count: result.count, workers, progress };
}

describe('a large export shared with a worker', () => {
  it.each(['json', 'csv'] as const)('%s: the worker formats the second half; the file is the one the page alone makes', async (format) => {
    const warn = vi.spyOn(console, 'warn');
    const alone = await exported(format);
    const shared = await exported(format, 'works');
    expect(warn).not.toHaveBeenCalled(); // the worker's half was used, not redone by the page
    expect(shared.workers).toHaveLength(1);
    const ids = (await db.papers.orderBy('id').primaryKeys()) as string[];
    expect(shared.workers[0]!.requests).toEqual([{ format, from: ids[Math.floor(ids.length / 2)] }]);
    expect(shared.workers[0]!.terminated).toBe(true);
    expect(shared.count).toBe(ids.length);
    expect(shared.text).toBe(alone.text);
    if (format === 'json') expect((JSON.parse(shared.text) as { papers: { id: string }[] }).papers.map((paper) => paper.id)).toEqual(ids);
    // Progress counts both halves, up to every paper.
    expect(shared.progress.at(-1)).toEqual([ids.length, ids.length]);
    for (let at = 1; at < shared.progress.length; at++) expect(shared.progress[at]![0]).toBeGreaterThanOrEqual(shared.progress[at - 1]![0]);
    expect(shared.progress.length).toBeGreaterThan(2);
  });

  it.each([
    ['says it failed', 'fails'],
    ['answers with something that is not its parts', 'garbage'],
    ['loses a part on the way', 'drops'],
    ['cannot be started', 'throws'],
    ['never answers', 'silent'],
  ] as const)('a worker that %s: the page formats that half too, same file', async (_what, behaviour) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const alone = await exported('json');
    const fallback = await exported('json', behaviour);
    expect(fallback.text).toBe(alone.text);
    expect(fallback.count).toBe(alone.count);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('export worker failed'), expect.any(Error));
    for (const worker of fallback.workers) expect(worker.terminated).toBe(true);
  });

  it('a selection, BibTeX, or a library under the threshold is not shared', async () => {
    const starts = vi.fn(() => new FakeWorker('works') as unknown as Worker);
    await exportLibrary(db, { format: 'json', ids: ['2402.10001', '2402.10002'], startWorker: starts });
    await exportLibrary(db, { format: 'bibtex', startWorker: starts });
    await db.papers.where('id').aboveOrEqual('2402.12000').delete();
    await exportLibrary(db, { format: 'csv', startWorker: starts });
    expect(starts).not.toHaveBeenCalled();
  });
});
