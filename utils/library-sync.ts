/**
 * Keeping open listing pages in step with the library. A change made anywhere (popup, library page, a card
 * in another tab) is announced as the ids that changed; the background relays the announcement to the
 * tabs where Paperdex's content scripts run, and each page asks for the new state of those of its cards.
 * Announcements carry no data, so a lost one costs only staleness: pages also refresh when shown again.
 */
import { type LibraryChangedMessage, parseMessage, type SenderLike, type SettingsChangedMessage } from './messages';

/** Where the content scripts run: the tabs to tell, when a tab's URL is visible at all. */
const LISTING_URL = /^https:\/\/(huggingface\.co\/papers|arxiv\.org\/)/;

type Announcement = LibraryChangedMessage | SettingsChangedMessage;

function send(message: Announcement): void {
  // No listener (the background is starting) is not an error worth showing: pages refresh when shown.
  try {
    void Promise.resolve(browser.runtime.sendMessage(message)).catch(() => {});
  } catch {
    // No runtime (a test without the extension APIs).
  }
}

/** From an extension page, after a user action wrote these papers (e.g. the popup's save, tag, read). */
export function announcePapersChanged(ids: string[]): void {
  if (ids.length) send({ type: 'library-changed', ids: ids.slice(0, 2_500) });
}

/** For a user action's promise: `setSaved(db, id, true).then(announced(paper))` passes the result through. */
export function announced<T>(paper: { id: string }): (result: T) => T {
  return (result) => {
    announcePapersChanged([paper.id]);
    return result;
  };
}

/** From the settings UI, after `updateSettings`: open pages re-read `dimSeen`. */
export function announceSettingsChanged(): void {
  send({ type: 'settings-changed' });
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
