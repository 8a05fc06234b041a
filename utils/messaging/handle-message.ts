/**
 * The background's answer to every runtime message: validate, store, reply. Nothing here is kept in
 * memory between messages (the MV3 worker is stopped when idle).
 */
import { applyPaperAction, readPaperStates } from '../ui/card-controls/paper-states';
import { addTag, removeTag, setRead, setSaved } from '../library/user-actions';
import { type FoldResult, foldPendingCaptures, queueCapture } from '../capture/record-capture';
import type { PaperdexDB } from '../library/schema';
import { ALL_TABS_HOUR_LIMIT, DOCUMENT_LIMIT, PAGE_VIEW_LIMIT, type PageViews, TAB_HOUR_LIMIT } from '../capture/page-views';
import type { StorageHealthMonitor } from '../library/storage/storage-health';
import {
  type CaptureProblem,
  type CaptureResponse,
  type ChangePaperMessage,
  isAllowedSender,
  listingOnSenderPage,
  type LibraryChangedMessage,
  type Message,
  parseMessage,
  type ResponseOf,
  type SenderLike,
  type SettingsChangedMessage,
} from './messages';
import { failureReason } from '../library/storage/write-failure';
import { errorMessage } from './error-message';

export interface HandleOptions {
  /** Origin of the extension's own pages (differs from the id in Firefox). */
  extensionOrigin?: string;
  /** Runs library reads and card actions after the captures queued before them are merged. */
  afterFold?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Merges queued captures through the background's one fold chain (default: a fold of its own). */
  foldPending?: () => Promise<FoldResult>;
  /** Tells open listing pages what changed (the background relays to tabs). */
  announce?: (message: LibraryChangedMessage | SettingsChangedMessage) => void;
  /**
   * What each tab's page view listed and captured: card states and actions are held to it, captures to
   * its limits. The background always passes one; without it (unit tests of other rules) nothing is held.
   */
  pageViews?: PageViews;
  /** The storage-trouble state: capture waits while it is set, and failed writes set it. */
  storage?: Pick<StorageHealthMonitor, 'check' | 'capturePaused' | 'writeFailed' | 'reportFailure'>;
}

export type AnyResponse = ResponseOf[Message['type']];

function failure(error: unknown, what: string): { ok: false; error: string } {
  console.error(`[Paperdex] ${what}`, error);
  return { ok: false, error: errorMessage(error, what) };
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
  if (parsed.message.type !== 'capture') return handleControlMessage(db, parsed.message, sender, now, options);
  const { message, invalidPapers } = parsed;
  const problems = invalidPapers
    ? [...message.problems, { reason: 'card-invalid' as const, count: invalidPapers, detail: 'rejected by the background' }]
    : message.problems;
  if (!message.papers.length && !problems.length) return { ok: true, accepted: 0, skipped: 0 };
  // Low on space: not written (the state says why, in every view); the page's later scans try again.
  if (await options.storage?.capturePaused()) return { ok: false, error: 'capture paused: storage trouble' };
  const views = options.pageViews;
  try {
    let papers = message.papers;
    let refused = 0;
    if (views) {
      const { admitted, overView } = await views.capture(sender, message.listing.url, papers.map((paper) => paper.id));
      papers = papers.filter((paper) => admitted.has(paper.id));
      if (overView) problems.push(limitProblem(overView, `over ${PAGE_VIEW_LIMIT.toLocaleString('en-US')} papers in one listing, or ${DOCUMENT_LIMIT.toLocaleString('en-US')} in one page`));
      refused += overView;
    }
    const limit = views
      ? { maxFull: await views.hourBudget(sender, now), problem: (count: number) => limitProblem(count, `over ${TAB_HOUR_LIMIT.toLocaleString('en-US')} new papers an hour from one tab (${ALL_TABS_HOUR_LIMIT.toLocaleString('en-US')} from all)`) }
      : undefined;
    const queued = await queueCapture(db, { listing: message.listing, papers, problems }, now, limit);
    if (views) await views.spend(sender, queued.full, now);
    refused += queued.refused;
    return { ok: true, accepted: papers.length - queued.refused, skipped: invalidPapers, ...(refused ? { refused } : {}) };
  } catch (error) {
    console.error('[Paperdex] could not store a capture', error);
    options.storage?.writeFailed(error);
    return { ok: false, error: errorMessage(error, 'write failed') };
  }
}

/** An extension page's change, through the one write rule (`utils/library/user-actions.ts`). */
function changePaper(db: PaperdexDB, { id, change }: ChangePaperMessage, now: number) {
  if ('saved' in change) return setSaved(db, id, change.saved, now);
  if ('read' in change) return setRead(db, id, change.read, now);
  if ('addTag' in change) return addTag(db, id, change.addTag, now);
  return removeTag(db, id, change.removeTag, now);
}

function limitProblem(count: number, detail: string): CaptureProblem {
  return { reason: 'capture-limit', count, detail };
}

async function handleControlMessage(
  db: PaperdexDB,
  message: Exclude<Message, { type: 'capture' }>,
  sender: SenderLike,
  now: number,
  options: HandleOptions,
): Promise<AnyResponse> {
  const afterFold = options.afterFold ?? (<T>(work: () => Promise<T>) => work());
  switch (message.type) {
    case 'library-changed':
    case 'settings-changed':
      options.announce?.(message);
      return { ok: true };
    case 'merge-pending':
      try {
        const { papers, failed } = await (options.foldPending ?? (() => foldPendingCaptures(db)))();
        return { ok: true, papers, failed };
      } catch (error) {
        return failure(error, 'could not merge queued captures');
      }
    case 'storage-health':
      if (!options.storage) return { ok: true, health: {} };
      if (message.failure) options.storage.reportFailure(message.failure);
      return { ok: true, health: await options.storage.check() };
    case 'change-paper':
      try {
        const record = await afterFold(() => changePaper(db, message, now));
        // Open tabs are told by the change feed once written (`setUserChangeRelay`), as for card actions.
        if (!record) return { ok: true, found: false };
        return { ok: true, found: true, title: record.title };
      } catch (error) {
        // The popup says "Not saved: <this>", so the reason is in plain words.
        const reason = options.storage?.writeFailed(error) ?? failureReason(error);
        console.error('[Paperdex] change-paper failed', error);
        return { ok: false, error: reason };
      }
    case 'paper-states':
      try {
        // Only papers this page view listed: a page can't ask about the rest of the library.
        const ids = options.pageViews ? await options.pageViews.list(sender, message.ids) : message.ids;
        return { ok: true, ...(await afterFold(() => readPaperStates(db, ids, message.withTags))) };
      } catch (error) {
        return failure(error, 'could not read paper states');
      }
    default:
      if (options.pageViews && !(await options.pageViews.captured(sender, message.id))) {
        return { ok: false, error: 'This paper was not captured on this page; reload the page and try again.', notOnPage: true };
      }
      try {
        // Announced to the other tabs by the change feed once written (`setUserChangeRelay`).
        const state = await afterFold(() => applyPaperAction(db, message, now));
        return { ok: true, state };
      } catch (error) {
        // The card says "Not saved: <this>", so the reason is in plain words.
        const reason = options.storage?.writeFailed(error) ?? failureReason(error);
        console.error(`[Paperdex] ${message.type} failed`, error);
        return { ok: false, error: reason };
      }
  }
}
