/**
 * "Save to Paperdex" in the context menu of any link to an arXiv paper (`/abs/`, `/pdf/`, `/html/`) or
 * a Hugging Face paper page, on any site. The menu appears only on such links (`targetUrlPatterns`,
 * matched by the browser: no page access needed); the click saves the paper by id (`saveById`), as a
 * saved stub when the library has never seen it.
 */
import { saveById, type SaveByIdResult } from '../library/save-by-id';
import type { PaperdexDB } from '../library/schema';
import { paperRefFromLine } from '../library/io/id-list';
import { relayToListingTabs } from '../library/feed/announce-to-tabs';
import type { StorageHealthMonitor } from '../library/storage/storage-health';
import { failureText } from '../library/storage/write-failure';
import { browser } from 'wxt/browser';

export const SAVE_LINK_MENU_ID = 'paperdex-save-link';

/** Match patterns for paper links (`*.arxiv.org` also matches arxiv.org itself). */
export const PAPER_LINK_PATTERNS = [
  '*://*.arxiv.org/abs/*',
  '*://*.arxiv.org/pdf/*',
  '*://*.arxiv.org/html/*',
  '*://huggingface.co/papers/*',
  '*://www.huggingface.co/papers/*',
  '*://hf.co/papers/*',
];

/** The subset of `contextMenus` used here (`browser.contextMenus` in Chrome MV3 and Firefox MV2). */
export interface MenusApi {
  create(properties: { id: string; title: string; contexts: ['link']; targetUrlPatterns: string[] }): unknown;
  removeAll(): Promise<void> | void;
}

export async function createSaveLinkMenu(menus: MenusApi): Promise<void> {
  // Recreated from scratch: creating an id that exists already is an error.
  await menus.removeAll();
  menus.create({ id: SAVE_LINK_MENU_ID, title: 'Save to Paperdex', contexts: ['link'], targetUrlPatterns: PAPER_LINK_PATTERNS });
}

export interface MenuClick {
  menuItemId: string | number;
  linkUrl?: string;
}

/**
 * Saves the paper a clicked link points to. Returns what was done, or undefined when the click was not
 * ours or the link is not a paper (an HF listing such as `/papers/trending` matches the patterns too).
 */
export async function saveClickedLink(db: PaperdexDB, info: MenuClick, now = Date.now()): Promise<(SaveByIdResult & { id: string }) | undefined> {
  if (info.menuItemId !== SAVE_LINK_MENU_ID || typeof info.linkUrl !== 'string' || !/^https?:\/\//i.test(info.linkUrl)) return undefined;
  const ref = paperRefFromLine(info.linkUrl);
  if (!ref) return undefined;
  return { id: ref.id, ...(await saveById(db, [ref], now)) };
}

/**
 * Wires the menu into the background: created at install/update (Chrome keeps menus across worker and
 * browser restarts), and at every start of Firefox's MV2 background page (there menus live as long as
 * the page). A click saves the link's paper and marks the tab's toolbar icon for a moment ("✓", or "✗"
 * with a title that says why it failed; a storage failure also pauses capture through `storage`).
 */
export function registerSaveLinkMenu(
  db: PaperdexDB,
  api: typeof browser = browser,
  persistentBackground = import.meta.env.MANIFEST_VERSION === 2,
  storage?: Pick<StorageHealthMonitor, 'writeFailed'>,
): void {
  const menus = api.contextMenus;
  if (!menus) return;
  const create = () => createSaveLinkMenu(menus).catch((error: unknown) => console.error('[Paperdex] context menu', error));
  if (persistentBackground) void create();
  else api.runtime.onInstalled.addListener(() => void create());
  menus.onClicked.addListener((info, tab) => {
    void saveClickedLink(db, info).then(
      (saved) => {
        if (!saved) return;
        // Open listing pages show the paper's card as saved (utils/library/feed/announce-to-tabs).
        void relayToListingTabs(api.tabs, { type: 'library-changed', ids: [saved.id] }).catch(() => undefined);
        if (tab?.id !== undefined) flash(api, tab.id, '✓');
      },
      (error: unknown) => {
        console.error('[Paperdex] could not save the link', error);
        storage?.writeFailed(error);
        if (tab?.id !== undefined) flash(api, tab.id, '✗', failureText('Not saved to Paperdex', error));
      },
    );
  });
}

/** `text` on the toolbar icon of the tab for a moment ("✓" saved, "✗" not, with `title` saying why). */
function flash(api: typeof browser, tabId: number, text: string, title?: string): void {
  const action = api.action ?? api.browserAction;
  if (!action) return;
  const quietly = (call: () => unknown) => void Promise.resolve().then(call).catch(() => undefined);
  quietly(() => action.setBadgeText({ text, tabId }));
  if (title) quietly(() => action.setTitle({ title, tabId }));
  // null, not '': the tab shows the global badge and title again (the storage notice's "!", when set).
  setTimeout(() => {
    quietly(() => action.setBadgeText({ text: null as unknown as string, tabId }));
    if (title) quietly(() => action.setTitle({ title: null as unknown as string, tabId }));
  }, title ? 6_000 : 2_000);
}
