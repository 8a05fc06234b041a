/**
 * Captures are queued first and merged into the library right after (`utils/capture/record-capture.ts`); a
 * worker stopped in between leaves them queued until it runs again, which until now was the next
 * capture. Extension pages therefore ask for them to be merged: the popup and the library page as they
 * open (their live reads follow the write), an export before it reads.
 */
import { foldPendingCaptures } from './record-capture';
import type { PaperdexDB } from '../library/schema';
import type { MergePendingMessage, MergePendingResponse } from '../messaging/messages';

/** How long a page waits for the background's answer before it merges by itself (library page). */
export const MERGE_ANSWER_MS = 5_000;

/**
 * Asks the background to merge the queued captures. Resolves to its answer once they are merged, or to
 * undefined when there is no answer in `timeoutMs` (no runtime, as in tests, or no background).
 */
export async function requestMergePending(timeoutMs = MERGE_ANSWER_MS): Promise<MergePendingResponse | undefined> {
  const message: MergePendingMessage = { type: 'merge-pending' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const answer = Promise.resolve(browser.runtime.sendMessage(message) as Promise<MergePendingResponse | undefined>);
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    return await Promise.race([answer.catch(() => undefined), late]);
  } catch {
    return undefined; // no extension runtime
  } finally {
    clearTimeout(timer);
  }
}

/**
 * In the library page: the queued captures merged, by the background or, when it does not answer or
 * fails, by this page (safe alongside the background: each queued row is read and deleted in the
 * transaction that merges it, so two folders never apply it twice). Never rejects: what could not be
 * merged stays queued and is shown as soon as it is.
 */
export async function mergePendingCaptures(db: PaperdexDB, ask = requestMergePending): Promise<void> {
  const answer = await ask();
  if (answer?.ok && !answer.failed) return;
  try {
    await foldPendingCaptures(db);
  } catch (error) {
    console.error('[Paperdex] could not merge queued captures', error);
  }
}
