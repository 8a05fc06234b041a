/**
 * A dedicated worker of the library page: formats the second half of the library for a JSON or CSV export
 * while the page formats the first (reading and encoding 50k papers is CPU work; two threads share it).
 * It opens the same database (the extension's origin) and sends its text back as UTF-8 bytes, a part at a
 * time, transferring each buffer (no copy). See `export.ts`.
 */
import { PaperdexDB } from '../schema';
import { formatLines, isWorkerRequest, type WorkerReply } from './export-lines';
import { errorMessage } from '../../messaging/error-message';

const scope = self as unknown as Worker;
const reply = (message: WorkerReply, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

self.onmessage = (event: MessageEvent<unknown>) => {
  if (!isWorkerRequest(event.data)) {
    reply({ type: 'failed', error: 'not an export request' });
    return;
  }
  const db = new PaperdexDB();
  const encoder = new TextEncoder();
  let parts = 0;
  const sendPart = (text: string) => {
    const bytes = encoder.encode(text);
    parts++;
    reply({ type: 'part', bytes }, [bytes.buffer]);
  };
  formatLines(db, event.data.format, { range: { from: event.data.from } }, sendPart, (done) => reply({ type: 'progress', done }))
    .then((count) => reply({ type: 'done', count, parts }))
    .catch((error: unknown) => reply({ type: 'failed', error: errorMessage(error) }))
    .finally(() => db.close());
};
