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
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** A page's record in memory. */
interface ViewState {
  view: string;
  /** Papers the page listed (asked their state) or captured. */
  shown: Set<string>;
  captured: Set<string>;
  /** Papers first captured under each listing URL of the page. */
  listings: Map<string, number>;
  /** Stored chunks of ids (see `persist`). */
  chunks: number;
}

/** A page's record as stored: a header, and the ids in chunks, one per change (append only). */
interface StoredHeader {
  view: string;
  listings: Record<string, number>;
  chunks: number;
}
interface StoredChunk {
  shown: string[];
  captured: string[];
}

interface HourBudget {
  start: number;
  used: number;
}

export interface CaptureAdmission {
  /** Ids this page may capture. */
  admitted: Set<string>;
  /** Papers over the listing's or the page's limit. */
  overView: number;
}

export interface PageViews {
  /** Registers ids a page lists; answers those it may read (over the limit are left out). */
  list(sender: PageViewSender, ids: readonly string[]): Promise<string[]>;
  /** Registers a capture's ids; those over the listing's or the page's limit are not admitted. */
  capture(sender: PageViewSender, listingUrl: string, ids: readonly string[]): Promise<CaptureAdmission>;
  /** Papers this tab may still queue in full this hour. */
  hourBudget(sender: PageViewSender, now: number): Promise<number>;
  /** Counts papers queued in full against the tab's and every tab's hour. */
  spend(sender: PageViewSender, papers: number, now: number): Promise<void>;
  /** Whether a card action on this paper comes from the page that captured it. */
  captured(sender: PageViewSender, id: string): Promise<boolean>;
  /** Forgets a closed tab. */
  tabClosed(tabId: number): Promise<void>;
  /** Resolves once every change so far is stored (tests; the worker does not wait for it). */
  flushed(): Promise<void>;
}

/** `tab:frame`, or undefined for a sender that is not a tab's frame. */
function frameKey(sender: PageViewSender): string | undefined {
  const tabId = sender.tab?.id;
  return typeof tabId === 'number' && tabId >= 0 ? `${tabId}:${sender.frameId ?? 0}` : undefined;
}

/** The page: the document and the URL it loaded with, without fragment. */
function viewOf(sender: PageViewSender): string {
  const url = (sender.url ?? sender.tab?.url ?? '').replace(/#.*$/, '');
  return `${sender.documentId ?? ''} ${url}`;
}

function isHeader(value: unknown): value is StoredHeader {
  const header = value as StoredHeader | undefined;
  return !!header && typeof header.view === 'string' && Number.isSafeInteger(header.chunks) && typeof header.listings === 'object' && header.listings !== null;
}

function isChunk(value: unknown): value is StoredChunk {
  const chunk = value as StoredChunk | undefined;
  return !!chunk && Array.isArray(chunk.shown) && Array.isArray(chunk.captured);
}

function isBudget(value: unknown): value is HourBudget {
  const budget = value as HourBudget | undefined;
  return !!budget && typeof budget.start === 'number' && typeof budget.used === 'number';
}

/** An in-memory area: tests, and browsers without `storage.session`. */
export function memoryArea(): SessionArea {
  const items = new Map<string, unknown>();
  const list = (keys: string | string[]) => (Array.isArray(keys) ? keys : [keys]);
  return {
    get: async (keys) => Object.fromEntries(list(keys).filter((key) => items.has(key)).map((key) => [key, structuredClone(items.get(key))])),
    set: async (values) => {
      for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
    },
    remove: async (keys) => {
      for (const key of list(keys)) items.delete(key);
    },
  };
}

export function createPageViews(area: SessionArea): PageViews {
  // One operation at a time: each reads and changes a tab's record.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => {});
    return result;
  };
  // Writes go out in order but are not awaited by the message they serve: a capture's answer does not
  // wait for storage.session (each set is an IPC to the browser: `npm run bench -- capture` showed
  // +10 ms for a 100-paper batch when awaited with whole records). A worker stopped in the instant
  // between an answer and its write forgets that change; the content script then captures again.
  let writes: Promise<unknown> = Promise.resolve();
  const write = (items: Record<string, unknown>, remove: string[] = []) => {
    writes = writes
      .then(async () => {
        if (remove.length) await area.remove(remove);
        if (Object.keys(items).length) await area.set(items);
      })
      .catch((error: unknown) => console.warn('[Paperdex] page views not stored', error));
  };
  // Read through: the worker's memory, else the session area (after a restart).
  const views = new Map<string, ViewState>();
  const budgets = new Map<string, HourBudget>();

  async function loadView(key: string): Promise<ViewState | undefined> {
    const cached = views.get(key);
    if (cached) return cached;
    const header = (await area.get(key))[key];
    if (!isHeader(header)) return undefined;
    const chunkKeys = Array.from({ length: header.chunks }, (_, at) => `${key}:${at}`);
    const chunks = chunkKeys.length ? await area.get(chunkKeys) : {};
    const state: ViewState = { view: header.view, shown: new Set(), captured: new Set(), listings: new Map(Object.entries(header.listings)), chunks: header.chunks };
    for (const chunkKey of chunkKeys) {
      const chunk = chunks[chunkKey];
      if (!isChunk(chunk)) continue;
      for (const id of chunk.shown) state.shown.add(id);
      for (const id of chunk.captured) state.captured.add(id);
    }
    views.set(key, state);
    return state;
  }

  /** The sender's page: a new, empty one when the tab moved on (the old one's chunks are dropped). */
  async function currentView(sender: PageViewSender): Promise<{ key: string; state: ViewState } | undefined> {
    const frame = frameKey(sender);
    if (!frame) return undefined;
    const key = `pageview:${frame}`;
    const view = viewOf(sender);
    const stored = await loadView(key);
    if (stored?.view === view) return { key, state: stored };
    const state: ViewState = { view, shown: new Set(), captured: new Set(), listings: new Map(), chunks: 0 };
    views.set(key, state);
    // The old page's record goes; the new one is stored with its first ids (`persist`).
    if (stored?.view) write({}, [key, ...Array.from({ length: stored.chunks }, (_, at) => `${key}:${at}`)]);
    return { key, state };
  }

  /** Stores what a change added: the header and one new chunk. */
  function persist(key: string, state: ViewState, added: StoredChunk): void {
    if (!added.shown.length && !added.captured.length) return;
    const chunk = state.chunks++;
    write({
      [key]: { view: state.view, listings: Object.fromEntries(state.listings), chunks: state.chunks } satisfies StoredHeader,
      [`${key}:${chunk}`]: added,
    });
  }

  async function budgetOf(key: string, now: number): Promise<HourBudget> {
    let stored = budgets.get(key);
    if (!stored) {
      const value = (await area.get(key))[key];
      if (isBudget(value)) budgets.set(key, (stored = value));
    }
    return stored && now - stored.start < HOUR_MS && stored.start <= now ? stored : { start: now, used: 0 };
  }

  const tabOf = (frame: string) => frame.slice(0, frame.indexOf(':'));

  return {
    list: (sender, ids) =>
      serial(async () => {
        const current = await currentView(sender);
        if (!current) return [];
        const { shown } = current.state;
        const added: string[] = [];
        const allowed = ids.filter((id) => {
          if (!shown.has(id) && shown.size < DOCUMENT_LIMIT) {
            shown.add(id);
            added.push(id);
          }
          return shown.has(id);
        });
        persist(current.key, current.state, { shown: added, captured: [] });
        return allowed;
      }),
    capture: (sender, listingUrl, ids) =>
      serial(async () => {
        const current = await currentView(sender);
        if (!current) return { admitted: new Set(), overView: ids.length };
        const { shown, captured, listings } = current.state;
        let listed = listings.get(listingUrl) ?? 0;
        const admitted = new Set<string>();
        const added: StoredChunk = { shown: [], captured: [] };
        let overView = 0;
        for (const id of ids) {
          if (!captured.has(id)) {
            if (listed >= PAGE_VIEW_LIMIT || (!shown.has(id) && shown.size >= DOCUMENT_LIMIT)) {
              overView++;
              continue;
            }
            listed++;
            if (!shown.has(id)) {
              shown.add(id);
              added.shown.push(id);
            }
            captured.add(id);
            added.captured.push(id);
          }
          admitted.add(id);
        }
        listings.set(listingUrl, listed);
        persist(current.key, current.state, added);
        return { admitted, overView };
      }),
    hourBudget: (sender, now) =>
      serial(async () => {
        const frame = frameKey(sender);
        if (!frame) return 0;
        const tab = await budgetOf(`budget:${tabOf(frame)}`, now);
        const all = await budgetOf('budget:all', now);
        return Math.max(0, Math.min(TAB_HOUR_LIMIT - tab.used, ALL_TABS_HOUR_LIMIT - all.used));
      }),
    spend: (sender, papers, now) =>
      serial(async () => {
        const frame = frameKey(sender);
        if (!frame || papers <= 0) return;
        const updated: Record<string, HourBudget> = {};
        for (const key of [`budget:${tabOf(frame)}`, 'budget:all']) {
          const budget = await budgetOf(key, now);
          updated[key] = { start: budget.start, used: budget.used + papers };
          budgets.set(key, updated[key]!);
        }
        write(updated);
      }),
    captured: (sender, id) =>
      serial(async () => {
        const current = await currentView(sender);
        return !!current && current.state.captured.has(id);
      }),
    tabClosed: (tabId) =>
      serial(async () => {
        const prefix = `pageview:${tabId}:`;
        const remove = [`budget:${tabId}`];
        // Frames this worker never loaded: the top frame's is the one that matters.
        const frames = new Set([...views.keys()].filter((key) => key.startsWith(prefix)));
        frames.add(`${prefix}0`);
        for (const key of frames) {
          const state = await loadView(key);
          remove.push(key, ...Array.from({ length: state?.chunks ?? 0 }, (_, at) => `${key}:${at}`));
          // An empty record, not none: a read before the removal is stored must not load the old one.
          views.set(key, { view: '', shown: new Set(), captured: new Set(), listings: new Map(), chunks: 0 });
        }
        budgets.set(`budget:${tabId}`, { start: 0, used: 0 });
        write({}, remove);
      }),
    flushed: () =>
      serial(async () => {
        await writes;
      }),
  };
}
