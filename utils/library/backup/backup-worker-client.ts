/**
 * Building a backup in the backup worker (`entrypoints/backup-worker.ts`, built to `/backup-worker.js`),
 * from a page: the offscreen document in Chrome, the background page in Firefox. All the work (export,
 * gzip, read-back) runs in the worker, so the page's main thread, which every open extension page of
 * the same process shares, only posts a message and gets a Blob back.
 */
import { isRecord } from '../../paper/sanitize';
import type { BuildResult } from './build-backup';

export const BACKUP_WORKER_PATH = '/backup-worker.js';

export interface BuildRequest {
  type: 'build-backup';
  now: number;
}

export type BuildReply = { type: 'built'; blob: Blob; papers: number; bytes: number } | { type: 'failed'; error: string };

export function isBuildRequest(value: unknown): value is BuildRequest {
  return isRecord(value) && value.type === 'build-backup' && typeof value.now === 'number' && Number.isSafeInteger(value.now);
}

function isBuildReply(value: unknown): value is BuildReply {
  if (!isRecord(value)) return false;
  if (value.type === 'failed') return typeof value.error === 'string';
  return value.type === 'built' && value.blob instanceof Blob && typeof value.papers === 'number' && typeof value.bytes === 'number';
}

/** A backup takes seconds at 50k papers; a worker silent this long has failed. */
export const WORKER_TIMEOUT_MS = 10 * 60_000;

/** Runs one build in a new backup worker; any failure resolves to `{ ok: false }` with the reason. */
export function buildInWorker(workerUrl: string, now: number, timeoutMs = WORKER_TIMEOUT_MS): Promise<BuildResult> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(workerUrl);
    } catch (error) {
      resolve({ ok: false, error: `the backup worker could not start (${String(error)})` });
      return;
    }
    const finish = (result: BuildResult) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, error: 'the backup took too long and was stopped' }), timeoutMs);
    worker.onerror = (event) => {
      event.preventDefault();
      finish({ ok: false, error: `the backup worker stopped (${event.message || 'no reason given'})` });
    };
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const reply = event.data;
      if (!isBuildReply(reply)) return finish({ ok: false, error: 'the backup worker sent an unexpected message' });
      finish(reply.type === 'built' ? { ok: true, blob: reply.blob, papers: reply.papers, bytes: reply.bytes } : { ok: false, error: reply.error });
    };
    worker.postMessage({ type: 'build-backup', now } satisfies BuildRequest);
  });
}
