/**
 * A dedicated worker of the library page: formats the second half of the library for a JSON or CSV export
 * while the page formats the first (reading and encoding 50k papers is CPU work; two threads share it).
 * It opens the same database (the extension's origin) and answers with Blob parts, which cost nothing to
 * pass back. See `export.ts`.
 */
import { PaperdexDB } from '../db/schema';
import { isWorkerRequest, lineParts, type WorkerReply } from './export-lines';

const reply = (message: WorkerReply) => (self as unknown as Worker).postMessage(message);

self.onmessage = (event: MessageEvent<unknown>) => {
  if (!isWorkerRequest(event.data)) {
    reply({ type: 'failed', error: 'not an export request' });
    return;
  }
  const db = new PaperdexDB();
  lineParts(db, event.data.format, { range: { from: event.data.from } }, (done) => reply({ type: 'progress', done }))
    .then(
      ({ parts, count }) => reply({ type: 'done', parts, count }),
      (error: unknown) => reply({ type: 'failed', error: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => db.close());
};
