/**
 * The background's answer to every runtime message: validate, store, reply. Nothing here is kept in
 * memory between messages (the MV3 worker is stopped when idle).
 */
import { applyPaperAction, readPaperStates } from './db/paper-states';
import { queueCapture } from './db/record-capture';
import type { PaperdexDB } from './db/schema';
import {
  type CaptureResponse,
  isAllowedSender,
  listingOnSenderPage,
  type LibraryChangedMessage,
  type Message,
  parseMessage,
  type ResponseOf,
  type SenderLike,
  type SettingsChangedMessage,
} from './messages';

export interface HandleOptions {
  /** Origin of the extension's own pages (differs from the id in Firefox). */
  extensionOrigin?: string;
  /** Runs library reads and card actions after the captures queued before them are merged. */
  afterFold?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Tells open listing pages what changed (the background relays to tabs). */
  announce?: (message: LibraryChangedMessage | SettingsChangedMessage) => void;
}

export type AnyResponse = ResponseOf[Message['type']];

function failure(error: unknown, what: string): { ok: false; error: string } {
  console.error(`[Paperdex] ${what}`, error);
  return { ok: false, error: error instanceof Error ? error.message : `${what}` };
}

export async function handleMessage(
  db: PaperdexDB,
  raw: unknown,
  sender: SenderLike,
  extensionId: string,
  now = Date.now(),
  options: HandleOptions = {},
): Promise<AnyResponse> {
  // Only this extension's content scripts and pages; which of them may send what is checked once parsed.
  if (sender.id !== extensionId) return { ok: false, error: 'untrusted sender' };
  const parsed = parseMessage(raw, now);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  if (!isAllowedSender(parsed.message.type, sender, extensionId, options.extensionOrigin)) {
    return { ok: false, error: 'untrusted sender' };
  }
  if (!listingOnSenderPage(parsed.message, sender)) return { ok: false, error: 'the listing is not the page that sent it' };
  if (parsed.message.type !== 'capture') return handleControlMessage(db, parsed.message, now, options);
  const { message, invalidPapers } = parsed;
  const problems = invalidPapers
    ? [...message.problems, { reason: 'card-invalid' as const, count: invalidPapers, detail: 'rejected by the background' }]
    : message.problems;
  if (!message.papers.length && !problems.length) return { ok: true, accepted: 0, skipped: 0 };
  try {
    await queueCapture(db, { listing: message.listing, papers: message.papers, problems }, now);
    return { ok: true, accepted: message.papers.length, skipped: invalidPapers };
  } catch (error) {
    console.error('[Paperdex] could not store a capture', error);
    return { ok: false, error: error instanceof Error ? error.message : 'write failed' };
  }
}

async function handleControlMessage(
  db: PaperdexDB,
  message: Exclude<Message, { type: 'capture' }>,
  now: number,
  options: HandleOptions,
): Promise<AnyResponse> {
  const afterFold = options.afterFold ?? (<T>(work: () => Promise<T>) => work());
  switch (message.type) {
    case 'library-changed':
    case 'settings-changed':
      options.announce?.(message);
      return { ok: true };
    case 'paper-states':
      try {
        return { ok: true, ...(await afterFold(() => readPaperStates(db, message.ids, message.withTags))) };
      } catch (error) {
        return failure(error, 'could not read paper states');
      }
    default:
      try {
        const state = await afterFold(() => applyPaperAction(db, message, now));
        options.announce?.({ type: 'library-changed', ids: [message.id] });
        return { ok: true, state };
      } catch (error) {
        return failure(error, `${message.type} failed`);
      }
  }
}
