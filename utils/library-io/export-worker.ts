/**
 * A dedicated worker of the library page: formats the second half of the library for a JSON or CSV export
 * while the page formats the first (reading and encoding 50k papers is CPU work; two threads share it).
 * It opens the same database (the extension's origin) and answers with Blob parts, which cost nothing to
 * pass back. See `export.ts`.
 */
import { PaperdexDB } from '../db/schema';
import { isWorkerRequest, joinParts, lineParts, PART_SEPARATOR, type WorkerReply } from './export-lines';

const reply = (message: WorkerReply) => (self as unknown as Worker).postMessage(message);

self.onmessage = (event: MessageEvent<unknown>) => {
  if (!isWorkerRequest(event.data)) {
    reply({ type: 'failed', error: 'not an export request' });
    return;
  }
  const db = new PaperdexDB();
  const { format } = event.data;
  lineParts(db, format, { range: { from: event.data.from } }, (done) => reply({ type: 'progress', done }))
    .then(async ({ parts, count }) => {
      // One Blob (one handle for the page to receive, not hundreds), answered only once it is complete:
      // the browser fills a Blob made here from this thread, and the page ends the worker when it has
      // the answer; a Blob whose thread ends before it is filled cannot be read (NotReadableError, seen
      // in the bench). Reading from it waits until it is complete.
      const whole = new Blob(joinParts(parts, PART_SEPARATOR[format]));
      if (whole.size) await whole.slice(whole.size - 1).arrayBuffer();
      reply({ type: 'done', parts: [whole], count });
    })
    .catch((error: unknown) => reply({ type: 'failed', error: error instanceof Error ? error.message : String(error) }))
    .finally(() => db.close());
};
