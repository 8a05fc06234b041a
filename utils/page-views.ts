/**
 * What each tab's content script has shown in its current page, kept by the background. Content scripts
 * read pages whose own scripts are hostile, so a message from a tab is held to what that tab's page
 * genuinely listed:
 * - card states are answered only for papers the page listed (at most `DOCUMENT_LIMIT` over its life),
 * - card actions (save, tag) are accepted only for papers the page captured,
 * - one listing of a page adds at most `PAGE_VIEW_LIMIT` papers, a page `DOCUMENT_LIMIT`, and a tab at
 *   most `TAB_HOUR_LIMIT` papers an hour queued in full (new or changed; a revisit of an unchanged
 *   listing is counters only and free), all tabs together `ALL_TABS_HOUR_LIMIT`. What is refused is
 *   counted as a capture problem.
 * A page is one document: Chromium names it (`documentId`), and keeps the sender's URL at the one the
 * document loaded with when HF switches listings client-side, so a page view (one listing shown) is told
 * apart by the capture's listing URL.
 *
 * Kept in `storage.session` (memory when the browser has none), so a worker stopped while idle still
 * knows the page a user clicks Save on a minute later; a browser restart forgets it with the tabs.
 */

/**
 * Distinct papers one page view may list or capture: arXiv's longest listing (`show=2000`) lands
 * whole, with room for the few cards a page adds later; a page that keeps appending cards stops here.
 */
export const PAGE_VIEW_LIMIT = 2_500;
/** Distinct papers one page (document) may list or capture over its life: HF's client-side listings add up. */
export const DOCUMENT_LIMIT = 10_000;
/** Papers one tab may queue in full per hour: five full 2,000-entry arXiv listings. */
export const TAB_HOUR_LIMIT = 10_000;
/** Papers all tabs together may queue in full per hour. */
export const ALL_TABS_HOUR_LIMIT = 20_000;
const HOUR_MS = 3_600_000;

export interface PageViewSender {
  tab?: { id?: number; url?: string };
  frameId?: number;
  url?: string;
  /** Chromium names each document; a reload is a new page view even at the same URL. */
  documentId?: string;
}

/** The few storage calls this needs (`browser.storage.session` has them). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

interface ViewRecord {
  view: string;
  /** Papers the page listed (asked their state) or captured. */
  shown: string[];
  captured: string[];
  /** Papers first captured under each listing URL of the page. */
  listings: Record<string, number>;
}

interface HourBudget {
  start: number;
  used: number;
}

export interface CaptureAdmission {
  /** Ids this page view may capture. */
  admitted: Set<string>;
  /** Papers over the page view's limit. */
  overView: number;
}

export interface PageViews {
  /** Registers ids a page view lists; answers those it may read (over the limit are left out). */
  list(sender: PageViewSender, ids: readonly string[]): Promise<string[]>;
  /** Registers a capture's ids; those over the listing's or the page's limit are not admitted. */
  capture(sender: PageViewSender, listingUrl: string, ids: readonly string[]): Promise<CaptureAdmission>;
  /** Papers this tab may still queue in full this hour. */
  hourBudget(sender: PageViewSender, now: number): Promise<number>;
  /** Counts papers queued in full against the tab's and every tab's hour. */
  spend(sender: PageViewSender, papers: number, now: number): Promise<void>;
  /** Whether a card action on this paper comes from the page view that captured it. */
  captured(sender: PageViewSender, id: string): Promise<boolean>;
  /** Forgets a closed tab. */
  tabClosed(tabId: number): Promise<void>;
}

/** `tab:frame`, or undefined for a sender that is not a tab's frame. */
function frameKey(sender: PageViewSender): string | undefined {
  const tabId = sender.tab?.id;
  return typeof tabId === 'number' && tabId >= 0 ? `${tabId}:${sender.frameId ?? 0}` : undefined;
}

/** The page view: the document and its URL without fragment (an SPA navigation starts a new one). */
function viewOf(sender: PageViewSender): string {
  const url = (sender.url ?? sender.tab?.url ?? '').replace(/#.*$/, '');
  return `${sender.documentId ?? ''} ${url}`;
}

function isViewRecord(value: unknown): value is ViewRecord {
  const record = value as ViewRecord | undefined;
  return !!record && typeof record.view === 'string' && Array.isArray(record.shown) && Array.isArray(record.captured) && typeof record.listings === 'object';
}

function isBudget(value: unknown): value is HourBudget {
  const budget = value as HourBudget | undefined;
  return !!budget && typeof budget.start === 'number' && typeof budget.used === 'number';
}

/** An in-memory area: tests, and browsers without `storage.session`. */
export function memoryArea(): SessionArea {
  const items = new Map<string, unknown>();
  return {
    get: async (key) => (items.has(key) ? { [key]: items.get(key) } : {}),
    set: async (values) => {
      for (const [key, value] of Object.entries(values)) items.set(key, value);
    },
    remove: async (key) => {
      items.delete(key);
    },
  };
}

export function createPageViews(area: SessionArea): PageViews {
  // One operation at a time: each reads, changes and writes a tab's record.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => {});
    return result;
  };
  // Read through: the worker's memory, else the session area (after a restart).
  const views = new Map<string, ViewRecord>();
  const budgets = new Map<string, HourBudget>();

  async function load<T>(cache: Map<string, T>, key: string, check: (value: unknown) => value is T): Promise<T | undefined> {
    if (cache.has(key)) return cache.get(key);
    const stored = (await area.get(key))[key];
    const value = check(stored) ? stored : undefined;
    if (value) cache.set(key, value);
    return value;
  }

  /** The sender's current page view: a new, empty one when the tab moved on. */
  async function currentView(sender: PageViewSender): Promise<{ key: string; record: ViewRecord } | undefined> {
    const frame = frameKey(sender);
    if (!frame) return undefined;
    const key = `pageview:${frame}`;
    const view = viewOf(sender);
    const stored = await load(views, key, isViewRecord);
    const record = stored?.view === view ? stored : { view, shown: [], captured: [], listings: {} };
    return { key, record };
  }

  async function saveView(key: string, record: ViewRecord): Promise<void> {
    views.set(key, record);
    await area.set({ [key]: record });
  }

  async function budgetOf(key: string, now: number): Promise<HourBudget> {
    const stored = await load(budgets, key, isBudget);
    return stored && now - stored.start < HOUR_MS && stored.start <= now ? stored : { start: now, used: 0 };
  }

  return {
    list: (sender, ids) =>
      serial(async () => {
        const current = await currentView(sender);
        if (!current) return [];
        const shown = new Set(current.record.shown);
        const allowed = ids.filter((id) => {
          if (!shown.has(id) && shown.size < DOCUMENT_LIMIT) shown.add(id);
          return shown.has(id);
        });
        if (shown.size !== current.record.shown.length) await saveView(current.key, { ...current.record, shown: [...shown] });
        return allowed;
      }),
    capture: (sender, listingUrl, ids) =>
      serial(async () => {
        const current = await currentView(sender);
        if (!current) return { admitted: new Set(), overView: ids.length };
        const shown = new Set(current.record.shown);
        const captured = new Set(current.record.captured);
        let listed = current.record.listings[listingUrl] ?? 0;
        const admitted = new Set<string>();
        let overView = 0;
        for (const id of ids) {
          if (!captured.has(id)) {
            if (listed >= PAGE_VIEW_LIMIT || (!shown.has(id) && shown.size >= DOCUMENT_LIMIT)) {
              overView++;
              continue;
            }
            listed++;
          }
          shown.add(id);
          captured.add(id);
          admitted.add(id);
        }
        if (captured.size !== current.record.captured.length || shown.size !== current.record.shown.length) {
          const listings = { ...current.record.listings, [listingUrl]: listed };
          await saveView(current.key, { view: current.record.view, shown: [...shown], captured: [...captured], listings });
        }
        return { admitted, overView };
      }),
    hourBudget: (sender, now) =>
      serial(async () => {
        const frame = frameKey(sender);
        if (!frame) return 0;
        const tab = await budgetOf(`budget:${frame.split(':')[0]}`, now);
        const all = await budgetOf('budget:all', now);
        return Math.max(0, Math.min(TAB_HOUR_LIMIT - tab.used, ALL_TABS_HOUR_LIMIT - all.used));
      }),
    spend: (sender, papers, now) =>
      serial(async () => {
        const frame = frameKey(sender);
        if (!frame || papers <= 0) return;
        const keys = [`budget:${frame.split(':')[0]}`, 'budget:all'];
        const updated: Record<string, HourBudget> = {};
        for (const key of keys) {
          const budget = await budgetOf(key, now);
          updated[key] = { start: budget.start, used: budget.used + papers };
          budgets.set(key, updated[key]!);
        }
        await area.set(updated);
      }),
    captured: (sender, id) =>
      serial(async () => {
        const current = await currentView(sender);
        return !!current && current.record.captured.includes(id);
      }),
    tabClosed: (tabId) =>
      serial(async () => {
        const prefix = `pageview:${tabId}:`;
        const keys = [...views.keys()].filter((key) => key.startsWith(prefix));
        // Frames this worker never loaded: the top frame's is the one that matters.
        if (!keys.includes(`${prefix}0`)) keys.push(`${prefix}0`);
        for (const key of keys) {
          views.delete(key);
          await area.remove(key);
        }
        budgets.delete(`budget:${tabId}`);
        await area.remove(`budget:${tabId}`);
      }),
  };
}
