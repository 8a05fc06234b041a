/**
 * Keeping open listing pages in step with the library. A change to the user's fields made anywhere
 * (popup, library page, a card in another tab) is announced as the ids that changed: the change feed
 * does it for every write (`utils/library/feed/feed.ts`: from a page by a message to the background, in
 * the background directly); the background relays the announcement to the tabs where Paperdex's
 * content scripts run, and each page asks for the new state of those of its cards. No page announces
 * its own writes: the feed tells each committed change once. Announcements carry no data, so a lost one
 * costs only staleness (pages also refresh when shown again).
 */
import { type LibraryChangedMessage, parseMessage, type SenderLike, type SettingsChangedMessage } from '../../messaging/messages';

/** Where the content scripts run: the tabs to tell, when a tab's URL is visible at all. */
const LISTING_URL = /^https:\/\/(huggingface\.co\/papers|arxiv\.org\/)/;

export type Announcement = LibraryChangedMessage | SettingsChangedMessage;

/** Ids one announcement carries at most (`messages.ts` validates as many). */
export const MAX_ANNOUNCED_IDS = 2_500;

/**
 * From an extension page to the background, which relays it to the listing tabs. Only the change feed
 * calls it (`utils/library/feed/feed.ts`, for every committed user change and settings change), so no
 * write path has to remember to.
 */
export function announceToBackground(message: Announcement): void {
  // No listener (the background is starting) is not an error worth showing: pages refresh when shown.
  try {
    void Promise.resolve(browser.runtime.sendMessage(message)).catch(() => {});
  } catch {
    // No runtime (a test without the extension APIs).
  }
}

/** How long the background's relay gathers announcements before sending them as one. */
export const RELAY_WINDOW_MS = 50;

/**
 * The background's relay, gathering: the announcements that arrive within `windowMs` of the first are
 * sent as one (their ids united), so a burst of changes (several quick writes, from the popup, the library
 * page or cards in other tabs) costs each tab one message and one state read.
 */
export function gatheringRelay(send: (message: Announcement) => void, windowMs = RELAY_WINDOW_MS): (message: Announcement) => void {
  let ids = new Set<string>();
  let settings = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const changed = [...ids];
    ids = new Set();
    for (let at = 0; at < changed.length; at += MAX_ANNOUNCED_IDS) send({ type: 'library-changed', ids: changed.slice(at, at + MAX_ANNOUNCED_IDS) });
    if (settings) send({ type: 'settings-changed' });
    settings = false;
  };
  return (message) => {
    if (message.type === 'library-changed') for (const id of message.ids) ids.add(id);
    else settings = true;
    timer ??= setTimeout(flush, windowMs);
  };
}

export interface TabsApi {
  query(filter: Record<string, never>): Promise<{ id?: number; url?: string; discarded?: boolean }[]>;
  sendMessage(tabId: number, message: unknown): Promise<unknown>;
}

/**
 * The background's relay. Without the `tabs` permission Chromium hides tab URLs (and ignores a `url`
 * filter), so every live tab is told, except those whose URL is visible and not a listing site; tabs
 * without the content script refuse the message, which is expected and ignored. A few messages per user
 * action, never per capture.
 */
export async function relayToListingTabs(tabs: TabsApi, message: Announcement): Promise<number> {
  const targets = (await tabs.query({})).filter(
    (tab) => tab.id !== undefined && !tab.discarded && (!tab.url || LISTING_URL.test(tab.url)),
  );
  await Promise.all(targets.map((tab) => tabs.sendMessage(tab.id!, message).catch(() => undefined)));
  return targets.length;
}

/** In a content script: an announcement relayed by this extension's background (validated), or undefined. */
export function readAnnouncement(raw: unknown, sender: SenderLike, extensionId: string): Announcement | undefined {
  // The background sends from no tab; anything else (a page, another extension) is not listened to.
  if (sender.id !== extensionId || sender.tab) return undefined;
  const parsed = parseMessage(raw);
  if (!parsed.ok) return undefined;
  const { message } = parsed;
  return message.type === 'library-changed' || message.type === 'settings-changed' ? message : undefined;
}
