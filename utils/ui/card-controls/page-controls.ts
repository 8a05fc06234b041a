/**
 * Drives the controls on one listing page: mount exactly one control per card (in idle-time slices, so
 * 2,000 cards never freeze the page), remove the controls of cards that left, keep each control's state
 * from the background, apply the dim-seen option. Site-independent: the adapter's card list, the transport
 * and the timers are passed in.
 */
import type { Message, ResponseOf } from '../../messaging/messages';
import { MAX_BATCH } from '../../messaging/messages';
import type { CapturedPaper, Listing } from '../../paper/record';
import { type CardControl, CONTROL_TAG, type ControlActions, type ControlTheme, createCardControl, type EventTrust } from './card-control';
import { type CardState, EMPTY_CARD_STATE, isDimmed, nextCardState } from './card-state';
import type { PageCard, Placement } from '../../capture/sites/site-adapter';
import type { NearWatch } from './near-viewport';
import { type Mounted, reconcile } from './registry';
import { CARD_ATTRIBUTE, CONTROLS_OFF_CSS, DIM_ATTRIBUTE, PAGE_CSS } from './style';
import { failureText } from '../../library/storage/write-failure';
import { DEFAULT_SETTINGS, type SiteCardControls } from '../../library/settings';
import type { SourceSite } from '../../paper/record';

/** The `<style>` with Paperdex's page rules (PAGE_CSS). */
export const PAGE_STYLE_ID = 'paperdex-page-style';
const CONTROLS_OFF_ID = 'paperdex-controls-off';

export type Requester = <M extends Message>(message: M) => Promise<ResponseOf[M['type']] | undefined>;


export interface PageControlsOptions {
  document: Document;
  /** The site, for its settings (controls and seen marks shown or hidden). */
  site?: SourceSite;
  /** The adapter's cards (`listCardElements`); a throw or an empty list means no controls. */
  listCards: (document: Document) => PageCard[];
  /** Where a card's control goes (default: after the card's title heading, else at the card's end). */
  place?: (card: PageCard) => Placement | undefined;
  theme: (document: Document) => ControlTheme;
  request: Requester;
  /** The card as captured, sent with an action so a paper not yet in the library can be saved. */
  cardData?: (id: string) => { paper: CapturedPaper; listing: Listing } | undefined;
  /**
   * Sends this page view's capture now: the background accepts a card action only for a paper its page
   * view captured, and a card clicked right after it appeared may not have been sent yet.
   */
  captureNow?: () => Promise<void>;
  /** Which events may act (default: trusted ones only; unit tests, whose events are synthetic, pass their own). */
  trustEvent?: EventTrust;
  setTimeout: (callback: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  /** Runs `work` when the page is idle; `timeRemaining` is the slice's budget in ms. */
  requestIdle: (work: (timeRemaining: () => number) => void) => void;
  now?: () => number;
  /** Longest mounting slice, in ms. */
  sliceMs?: number;
  /**
   * Given (content scripts), a control that sits in the page's lines (inline in a title, or a row) is
   * mounted when its card comes near the viewport (near-viewport.ts says why); an overlay at once.
   * Without it (unit tests), every card is queued at once.
   */
  near?: NearWatch;
  /** Quiet time after `schedule` (cards came or went) before the cards are listed again. */
  debounceMs?: number;
  onError?: (error: unknown) => void;
}

export interface PageControls {
  /** List the cards now: ask their state, mount controls for new cards, remove those of cards that left. */
  sync(): void;
  /** Cards may have come or gone (the tab's page watch says so): sync soon (debounced). */
  schedule(): void;
  /** Ask the state of these papers (all on the page when omitted) again, e.g. after an announcement. */
  refresh(ids?: readonly string[]): void;
  /** Settings changed somewhere: re-read them (with the states). */
  settingsChanged(): void;
  /** Removes every control and dim mark, and stops following the theme. */
  stop(): void;
  /** Cards with a control now (for tests and the bench). */
  mountedCount(): number;
  /** Cards still waiting for their control (queued, or waiting to come near the viewport). */
  pendingCount(): number;
}

/** A mutation made only of Paperdex controls coming or going (our own mounting): nothing to rescan. */
export function isOwnMutation(record: MutationRecord): boolean {
  if (record.type !== 'childList') return false;
  const ours = (node: Node) => node.nodeName === 'PAPERDEX-CONTROL';
  return [...record.addedNodes].every(ours) && [...record.removedNodes].every(ours);
}

/**
 * Card titles: arXiv's `p.title` (search results; their `p.list-title` is the id line) and `div.list-title`
 * (listings), an abstract page's `h1.title`; then any heading.
 */
const TITLE = ['p.title', 'div.list-title', 'h1.title', 'h1, h2, h3, h4'];

/**
 * Where a control sits without growing its card: an `article` card (HF's, with a thumbnail on top) gets
 * it as an overlay in its top-right corner; other cards at the end of their title's text (outside its
 * link), in the room left on the title's last line; a card without a title, a row at its end.
 */
/** A card whose control the default placement lays over it (HF's `article`, thumbnail on top). */
const isOverlayCard = (element: Element) => element.tagName === 'ARTICLE';

/** Whether a card's control changes a line of the page (inline or a row) and so waits to be near the viewport. */
function changesLines(card: PageCard, place: PageControlsOptions['place']): boolean {
  // The default placement is known from the card's tag (a querySelector per card costs ms on 2,000 cards).
  return place ? place(card)?.mode !== 'overlay' : !isOverlayCard(card.element);
}

export function defaultPlacement(card: PageCard): Placement | undefined {
  const { element } = card;
  if (element.tagName === 'A') return element.parentNode ? { parent: element.parentNode, before: element.nextSibling, mode: 'block' } : undefined;
  // Last: an overlay takes no room, and the page's `:first-child` rules keep matching what they did.
  if (isOverlayCard(element)) return { parent: element, before: null, mode: 'overlay' };
  for (const selector of TITLE) {
    const title = element.querySelector(selector);
    if (!title) continue;
    const link = title.closest('a');
    // A title inside a link: after the link (a click on the control must not be the link's).
    if (link && element.contains(link)) return link.parentNode ? { parent: link.parentNode, before: link.nextSibling, mode: 'inline' } : undefined;
    return { parent: title, before: null, mode: 'inline' };
  }
  return { parent: element, before: null, mode: 'block' };
}

export function createPageControls(options: PageControlsOptions): PageControls {
  const doc = options.document;
  const now = options.now ?? Date.now;
  const sliceMs = options.sliceMs ?? 8;
  const place = options.place ?? defaultPlacement;
  const mounted = new Map<Element, Mounted<CardControl>>();
  const views = new Map<string, CardState>();
  let queue: PageCard[] = [];
  let idleScheduled = false;
  let dimSeen = false;
  let siteControls: SiteCardControls = DEFAULT_SETTINGS.cardControls[options.site ?? 'hf'];
  let libraryTags: readonly string[] | undefined;
  let theme: ControlTheme = options.theme(doc);
  let timer: number | undefined;
  let stopped = false;
  let pageView: string | undefined;
  const report = (error: unknown) => options.onError?.(error);

  const themeObserver = new MutationObserver(() => {
    const next = options.theme(doc);
    if (next === theme) return;
    theme = next;
    for (const entry of mounted.values()) entry.host.setTheme(theme);
  });
  themeObserver.observe(doc.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });

  function viewOf(id: string): CardState {
    return views.get(id) ?? EMPTY_CARD_STATE;
  }

  function renderPaper(id: string) {
    renderPapers(new Set([id]));
  }

  /** One pass over the mounted controls (per paper it would be quadratic: 2,000 × 2,000 on a big listing). */
  function renderPapers(ids: ReadonlySet<string>) {
    const at = now();
    for (const entry of mounted.values()) {
      if (!ids.has(entry.id)) continue;
      entry.host.render(viewOf(entry.id), at);
      applyDim(entry);
    }
  }

  function applyDim(entry: Mounted<CardControl>) {
    const dim = dimSeen && isDimmed(views.get(entry.id));
    if (dim === entry.element.hasAttribute(DIM_ATTRIBUTE)) return;
    if (dim) entry.element.setAttribute(DIM_ATTRIBUTE, '');
    else entry.element.removeAttribute(DIM_ATTRIBUTE);
    // The control's mark darkens on a faded card, so it keeps its contrast (style.ts).
    entry.host.setDimmed(dim);
  }

  /** The page rules (hover reveal, overlay anchoring, dim-seen), added with the first control. */
  function ensurePageStyle() {
    if (doc.getElementById(PAGE_STYLE_ID)) return;
    const style = doc.createElement('style');
    style.id = PAGE_STYLE_ID;
    style.textContent = PAGE_CSS;
    (doc.head ?? doc.documentElement).append(style);
  }

  /** Hides every control while the site's "controls" setting is off (one page rule: no per-card attribute). */
  function applyControlsOff() {
    const rule = doc.getElementById(CONTROLS_OFF_ID);
    if (siteControls.controls) rule?.remove();
    else if (!rule) {
      const style = doc.createElement('style');
      style.id = CONTROLS_OFF_ID;
      style.textContent = CONTROLS_OFF_CSS;
      (doc.head ?? doc.documentElement).append(style);
    }
  }

  /** The site's settings changed: controls shown or hidden, seen marks shown or hidden, on every card. */
  function applySiteControls(next: SiteCardControls) {
    const changed = next.controls !== siteControls.controls || next.seenMarks !== siteControls.seenMarks;
    siteControls = next;
    if (!changed) return;
    applyControlsOff();
    for (const entry of mounted.values()) entry.host.showSeenMarks(next.seenMarks);
  }

  async function requestStates(ids: readonly string[], withTags = false): Promise<void> {
    for (let start = 0; start < ids.length || (withTags && start === 0); start += MAX_BATCH) {
      const chunk = ids.slice(start, start + MAX_BATCH);
      const response = await options.request({ type: 'paper-states', ids: chunk, ...(withTags ? { withTags } : {}) });
      if (stopped || !response?.ok) {
        if (response && !response.ok) report(new Error(response.error));
        return;
      }
      if (response.tags) libraryTags = response.tags;
      if (response.cardControls) applySiteControls(response.cardControls[options.site ?? 'hf']);
      const dimChanged = response.dimSeen !== dimSeen;
      dimSeen = response.dimSeen;
      for (const id of chunk) views.set(id, nextCardState(views.get(id), response.states[id]));
      renderPapers(new Set(chunk));
      if (dimChanged) for (const entry of mounted.values()) applyDim(entry);
      if (withTags) return;
    }
  }

  function mount(card: PageCard) {
    if (!card.element.isConnected) return;
    // Controls left by an earlier copy of this script (the extension was updated or reloaded), or copied
    // along with a card the page cloned.
    for (const stray of card.element.querySelectorAll(CONTROL_TAG)) stray.remove();
    const placement = place(card);
    if (!placement) return;
    const mode = placement.mode ?? 'inline';
    const control = createCardControl(doc, card.id, actions, theme, options.trustEvent, { place: mode, seenMarks: siteControls.seenMarks });
    const entry = { id: card.id, element: card.element, host: control };
    if (views.has(card.id)) control.render(viewOf(card.id), now());
    ensurePageStyle();
    try {
      placement.parent.insertBefore(control.host, placement.before);
    } catch (error) {
      report(error); // an odd card: it goes without a control
      return;
    }
    // Only an overlay's card is marked (it becomes the containing block): marking every card would
    // restyle each one's subtree, 2,000 on a big arXiv listing.
    if (mode === 'overlay') card.element.setAttribute(CARD_ATTRIBUTE, mode);
    mounted.set(card.element, entry);
    applyDim(entry);
  }

  function unmount(entry: Mounted<CardControl>) {
    entry.host.host.remove();
    entry.element.removeAttribute(DIM_ATTRIBUTE);
    entry.element.removeAttribute(CARD_ATTRIBUTE);
    if (mounted.get(entry.element) === entry) mounted.delete(entry.element);
  }

  /** Mounts queued cards until the slice's budget is spent; the rest waits for the next idle time. */
  function mountSlice(timeRemaining: () => number) {
    // At least half a slice: a callback run at its timeout (a busy page) has no idle time left, and
    // mounting one card per callback would take seconds on a 2,000-card page.
    const deadline = performance.now() + Math.max(sliceMs / 2, Math.min(sliceMs, timeRemaining()));
    while (queue.length && !stopped) {
      mount(queue.shift()!);
      if (performance.now() >= deadline) break;
    }
    scheduleIdle();
  }

  /** A card waiting for the viewport came near: its control is mounted with the next slice. */
  function comeNear(card: PageCard) {
    if (stopped) return;
    queue.push(card);
    scheduleIdle();
  }

  function scheduleIdle() {
    if (idleScheduled || !queue.length || stopped) return;
    idleScheduled = true;
    options.requestIdle((timeRemaining) => {
      idleScheduled = false;
      try {
        mountSlice(timeRemaining);
      } catch (error) {
        report(error);
      }
    });
  }

  async function act<M extends Extract<Message, { type: 'set-saved' | 'add-tag' | 'remove-tag' }>>(message: M, optimistic?: CardState) {
    const before = views.get(message.id);
    if (optimistic) {
      views.set(message.id, optimistic);
      renderPaper(message.id);
    }
    const card = message.type === 'remove-tag' ? undefined : options.cardData?.(message.id);
    const send = () => options.request({ ...message, ...card }) as Promise<ResponseOf['set-saved'] | undefined>;
    let response = await send();
    if (response && !response.ok && response.notOnPage && options.captureNow) {
      await options.captureNow();
      response = await send();
    }
    if (response?.ok) {
      views.set(message.id, nextCardState(views.get(message.id) ?? before, response.state));
      renderPaper(message.id);
      return;
    }
    if (optimistic) {
      if (before) views.set(message.id, before);
      else views.delete(message.id);
      renderPaper(message.id);
    }
    throw new Error(response?.error ?? 'Paperdex is not reachable; reload the page.');
  }

  /** A failed action is said on every control of that paper (the button alone just flips back). */
  function failed(id: string, what: string) {
    return (error: unknown) => {
      report(error);
      // In the popup's words ("Not saved: <reason>."), never a message type or an internal key.
      const message = failureText(what, error);
      for (const entry of mounted.values()) if (entry.id === id) entry.host.notify(message);
    };
  }

  const actions: ControlActions = {
    toggleSave(id) {
      const view = viewOf(id);
      void act({ type: 'set-saved', id, saved: !view.saved }, { ...view, saved: !view.saved }).catch(failed(id, view.saved ? 'Not unsaved' : 'Not saved'));
    },
    addTag: (id, tag) => act({ type: 'add-tag', id, tag }),
    removeTag(id, tag) {
      const view = viewOf(id);
      void act({ type: 'remove-tag', id, tag }, { ...view, tags: view.tags.filter((t) => t !== tag) }).catch(failed(id, `Tag ${tag} not removed`));
    },
    async libraryTags(id) {
      if (!libraryTags) await requestStates([id], true);
      return libraryTags ?? [];
    },
  };

  const controls: PageControls = {
    sync() {
      if (stopped) return;
      let cards: PageCard[];
      try {
        cards = options.listCards(doc);
      } catch (error) {
        // Markup drift: no controls, never a broken page.
        report(error);
        cards = [];
      }
      // A new page view (HF switches tabs client-side) is a new visit: "seen before" is asked afresh.
      const view = doc.URL.replace(/#.*$/, '');
      if (view !== pageView) {
        pageView = view;
        views.clear();
      }
      const { add, remove } = reconcile(mounted, cards, (entry) => entry.host.host.isConnected && entry.element.isConnected);
      for (const entry of remove) unmount(entry);
      // This list replaces the last one, cards waiting to come near included.
      options.near?.clear();
      queue = [];
      for (const card of add) {
        if (options.near && changesLines(card, options.place)) options.near.watch(card.element, () => comeNear(card));
        else queue.push(card);
      }
      const unknown = [...new Set(cards.map((card) => card.id))].filter((id) => !views.has(id));
      // Asked before this page view's capture is sent, so the seen history is the one before this visit.
      if (unknown.length) void requestStates(unknown).catch(report);
      if (queue.length) mountSlice(() => sliceMs);
    },
    schedule() {
      if (stopped) return;
      if (timer !== undefined) options.clearTimeout(timer);
      timer = options.setTimeout(() => {
        timer = undefined;
        controls.sync();
      }, options.debounceMs ?? 50);
    },
    refresh(ids) {
      if (stopped) return;
      libraryTags = undefined; // a tag may have been added elsewhere
      const onPage = new Set([...mounted.values()].map((entry) => entry.id));
      const wanted = ids ? ids.filter((id) => onPage.has(id)) : [...onPage];
      if (wanted.length) void requestStates(wanted).catch(report);
    },
    settingsChanged() {
      if (stopped) return;
      libraryTags = undefined;
      // Asked even with no control on the page: the settings come with the answer.
      const onPage = [...new Set([...mounted.values()].map((entry) => entry.id))];
      void requestStates(onPage, onPage.length === 0).catch(report);
    },
    stop() {
      stopped = true;
      themeObserver.disconnect();
      if (timer !== undefined) options.clearTimeout(timer);
      for (const entry of [...mounted.values()]) unmount(entry);
      queue = [];
      options.near?.clear();
      doc.getElementById(PAGE_STYLE_ID)?.remove();
      doc.getElementById(CONTROLS_OFF_ID)?.remove();
    },
    mountedCount: () => mounted.size,
    pendingCount: () => queue.length + (options.near?.waiting() ?? 0),
  };
  return controls;
}
