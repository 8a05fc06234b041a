/**
 * The backup worker (built to `/backup-worker.js`): builds one backup file (export, gzip, read-back:
 * `utils/library/backup/build-backup.ts`) off the main thread of every page, and posts the Blob back.
 * Started by the offscreen document in Chrome and by the background page in Firefox.
 */
import { PaperdexDB } from '@/utils/library/schema';
import { buildBackup } from '@/utils/library/backup/build-backup';
import { type BuildReply, isBuildRequest } from '@/utils/library/backup/backup-worker-client';
import { errorMessage } from '@/utils/messaging/error-message';

export default defineUnlistedScript(() => {
  const scope = self as unknown as Worker;
  const reply = (message: BuildReply) => scope.postMessage(message);
  self.onmessage = (event: MessageEvent<unknown>) => {
    if (!isBuildRequest(event.data)) return reply({ type: 'failed', error: 'not a backup request' });
    const db = new PaperdexDB();
    buildBackup(db, event.data.now)
      .then((built) => reply(built.ok ? { type: 'built', blob: built.blob, papers: built.papers, bytes: built.bytes } : { type: 'failed', error: built.error }))
      .catch((error: unknown) => reply({ type: 'failed', error: `the library could not be read (${errorMessage(error)})` }))
      .finally(() => db.close());
  };
});
