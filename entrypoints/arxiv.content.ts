import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { guardScriptStartedEvent } from '@/utils/script-started-guard';
import { createCaptureSession, runInTasks } from '@/utils/capture-session';
import { capturedCard, cardMutation, startPageControls, systemTheme } from '@/utils/controls/content';
import type { CaptureMessage, CaptureResponse } from '@/utils/messages';
import { listCardElements, parseArxivPage, parseArxivPageSteps } from '@/utils/sources/arxiv';

export default defineContentScript({
  // Only the pages the adapter reads: listings, abstract pages, search results.
  matches: ['https://arxiv.org/list/*', 'https://arxiv.org/abs/*', 'https://arxiv.org/search/*'],
  runAt: 'document_idle',
  main(ctx) {
    // A page must not be able to switch Paperdex off by firing WXT's "newer script started" event.
    guardScriptStartedEvent(window, ContentScriptContext, () => ctx.isValid && !!browser.runtime?.id);
    // The last parse, so a card's Save can carry the card as captured.
    let latest: ReturnType<typeof parseArxivPage> | undefined;
    const parse: typeof parseArxivPage = (doc, url) => (latest = parseArxivPage(doc, url));
    const controls = startPageControls(ctx, {
      listCards: listCardElements,
      theme: systemTheme,
      // Entries added to a listing get controls; MathJax typesetting inside them is ignored.
      relevantMutation: cardMutation,
      // A card clicked before its capture was sent: send it, then the action (see page-controls.ts).
      captureNow: () => session.scan(),
      cardData: (id) => capturedCard(latest, id) ?? capturedCard(parse(document, location.href), id),
    });
    const session = createCaptureSession({
      document,
      location: () => location.href,
      // A 2,000-entry listing is read 100 entries per task: in one piece it is a long task (~110 ms cold).
      parse: async (doc, url) => (latest = await runInTasks(parseArxivPageSteps(doc, url), (next) => ctx.setTimeout(next, 0))),
      send: (message: CaptureMessage) => browser.runtime.sendMessage(message) as Promise<CaptureResponse | undefined>,
      // arXiv pages are server-rendered and complete at document_idle ("more" is a new page): nothing to
      // observe. A watcher would only see MathJax typesetting and Paperdex's own card controls, and
      // re-read a 2,000-entry listing for each.
      findContainer: () => null,
      setTimeout: (callback, ms) => ctx.setTimeout(callback, ms),
      clearTimeout: (id) => clearTimeout(id),
      onError: (error) => console.warn('[Paperdex] capture failed', error),
    });
    ctx.onInvalidated(() => session.stop());
    // Controls first: their state request goes out before this page view's capture (seen before this visit).
    // The capture (parse + message) runs in a task of its own, so neither adds up to a long task.
    controls.sync();
    ctx.setTimeout(() => void session.scan().catch((error: unknown) => console.warn('[Paperdex] capture failed', error)), 0);
  },
});
