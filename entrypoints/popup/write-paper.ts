/**
 * How the popup changes a paper: it asks the background (`change-paper`), which writes through the one
 * write rule (`utils/library/user-actions.ts`) and tells open tabs. The popup carries no write rule and no
 * Dexie; its reads stay plain IndexedDB (`utils/ui/popup/plain-library-db.ts`). A stopped worker is woken by
 * the message.
 */
import { browser } from 'wxt/browser';
import type { ChangePaperMessage, ChangePaperResponse, PaperChange } from '@/utils/messaging/messages';

/** Resolves once the change is stored: to the paper's title, or undefined when the library has no such paper. */
export type WritePaper = (id: string, change: PaperChange) => Promise<{ title: string } | undefined>;

type Send = (message: ChangePaperMessage) => Promise<unknown>;

/**
 * The background's answer to a change it could not write, with its reason in plain words. The background
 * has recorded any storage failure behind it (`StorageHealthMonitor.writeFailed`), so the popup says it
 * and does not report it again. (Its name stays `Error`: the reason is shown as it is, `failureReason`.)
 */
export class RecordedWriteFailure extends Error {}

export function writeThroughBackground(send: Send = (message) => browser.runtime.sendMessage(message)): WritePaper {
  return async (id, change) => {
    const response = (await send({ type: 'change-paper', id, change })) as ChangePaperResponse | undefined;
    // The background answers every message; nothing at all means it was not there to write.
    if (!response) throw new Error('Paperdex’s background did not answer. Try again');
    // Its reason is in plain words already ("the disk is full. …"), and names a storage failure as such.
    if (!response.ok) throw new RecordedWriteFailure(response.error);
    return response.found ? { title: response.title } : undefined;
  };
}
