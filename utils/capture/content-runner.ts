/**
 * The one content script: every site's `*.content.ts` is its `matches` and a call to this with its
 * adapter. It wires the site's adapter to the capture session (parse, send what this page view hasn't
 * sent) and to the card controls (one per card, with its state), both following the page through one
 * page watch, in a page the site's scripts share.
 */
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createCaptureSession, runInTasks } from './session';
import { capturedCard, startPageControls } from '../ui/card-controls/content';
import { isOwnMutation } from '../ui/card-controls/page-controls';
import type { CaptureMessage, CaptureResponse } from '../messaging/messages';
import { guardScriptStartedEvent } from './script-started-guard';
import type { PageParse, ParseOptions, SiteAdapter } from './sites/site-adapter';
import { createPageWatch } from './page-watch';

export function runContentScript(ctx: ContentScriptContext, adapter: SiteAdapter): void {
  // A page must not be able to switch Paperdex off by firing WXT's "newer script started" event.
  guardScriptStartedEvent(window, ContentScriptContext, () => ctx.isValid && !!browser.runtime?.id);
  const onError = (error: unknown) => console.warn('[Paperdex] capture failed', error);
  const watch = createPageWatch({
    document,
    container: adapter.container,
    attributes: adapter.watchAttributes,
    ignore: isOwnMutation,
    cardsChanged: adapter.relevantMutation,
    // A page complete at load is read once: a rescan would only see MathJax typesetting and Paperdex's
    // own controls, and re-read a 2,000-entry listing for each.
    onPageChange: adapter.rerenders ? () => session.schedule() : undefined,
    onCardsChange: () => controls.schedule(),
  });
  // The last parse, so a card's Save can carry the card as captured.
  let latest: PageParse | undefined;
  const parse = (doc: Document, url: string, options: ParseOptions): PageParse | Promise<PageParse> => {
    watch.watch(); // the page may have replaced its container
    if (!adapter.parseSteps) return (latest = adapter.parse(doc, url, options));
    // A long page is read in steps, one task each, so its parse is never one long task.
    return runInTasks(adapter.parseSteps(doc, url), (next) => ctx.setTimeout(next, 0)).then((result) => (latest = result));
  };

  const controls = startPageControls(ctx, {
    listCards: (doc) => {
      watch.watch();
      return adapter.listCards(doc);
    },
    site: adapter.site,
    place: adapter.place,
    theme: adapter.theme,
    // A card clicked before its capture was sent: send it, then the action (see page-controls.ts).
    captureNow: () => session.scan(),
    cardData: (id) => capturedCard(latest, id) ?? capturedCard(adapter.parse(document, location.href, { acceptMismatch: true }), id),
  });
  const session = createCaptureSession({
    document,
    location: () => location.href,
    parse,
    send: (message: CaptureMessage) => browser.runtime.sendMessage(message) as Promise<CaptureResponse | undefined>,
    setTimeout: (callback, ms) => ctx.setTimeout(callback, ms),
    clearTimeout: (id) => clearTimeout(id),
    onError,
  });
  ctx.onInvalidated(() => {
    watch.stop();
    session.stop();
  });
  // A client-side navigation starts a new page view.
  if (adapter.rerenders) ctx.addEventListener(window, 'wxt:locationchange', () => session.navigated());
  // Controls first: their state request goes out before this page view's capture (seen before this visit).
  // Each in a task of its own, after the script's evaluation: listing 2,000 arXiv cards, the script's
  // start and the capture (parse + message) would otherwise add up to one long task.
  // Both timers are queued now (they run in order): the capture is sent one task after the evaluation, as
  // soon as before, so a tab closed right after loading still records its page.
  ctx.setTimeout(() => controls.sync(), 0);
  ctx.setTimeout(() => void session.scan().catch(onError), 0);
}
