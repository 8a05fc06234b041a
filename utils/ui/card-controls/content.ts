/**
 * Wires the on-page controls into a content script: transport to the background, WXT's context-bound
 * timers, announcements relayed by the background, and a refresh when the tab is shown again (an
 * announcement may have been missed while the worker was stopped).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readAnnouncement } from '../../library/feed/announce-to-tabs';
import type { CapturedPaper, Listing } from '../../paper/record';
import { nearViewportWatch } from './near-viewport';
import { createPageControls, type PageControls, type PageControlsOptions, type Requester } from './page-controls';

export type ControlsWiring = Pick<PageControlsOptions, 'site' | 'listCards' | 'place' | 'theme' | 'cardData' | 'captureNow'>;

/** A card of a parse result, with its listing, as a Save/Tag message carries it. */
export function capturedCard(result: { listing?: Listing; papers: CapturedPaper[] } | undefined, id: string) {
  const paper = result?.papers.find((candidate) => candidate.id === id);
  return paper && result?.listing ? { paper, listing: result.listing } : undefined;
}

const request: Requester = (message) =>
  // A rejected send (extension reloaded, worker starting) leaves the control as it is.
  (browser.runtime.sendMessage(message) as Promise<never>).catch(() => undefined);

export function startPageControls(ctx: ContentScriptContext, wiring: ControlsWiring): PageControls {
  const controls = createPageControls({
    document,
    ...wiring,
    request,
    setTimeout: (callback, ms) => ctx.setTimeout(callback, ms),
    clearTimeout: (id) => clearTimeout(id),
    requestIdle: (work) => ctx.requestIdleCallback((deadline) => work(() => deadline.timeRemaining()), { timeout: 300 }),
    near: nearViewportWatch(),
    onError: (error) => console.warn('[Paperdex] controls:', error),
  });
  const listener = (raw: unknown, sender: { id?: string; url?: string; tab?: { url?: string } }) => {
    const announcement = readAnnouncement(raw, sender, browser.runtime.id);
    if (announcement?.type === 'library-changed') controls.refresh(announcement.ids);
    else if (announcement?.type === 'settings-changed') controls.settingsChanged();
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') controls.refresh();
  });
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(listener);
    controls.stop();
  });
  return controls;
}
