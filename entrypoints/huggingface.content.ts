import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { guardScriptStartedEvent } from '@/utils/script-started-guard';
import { createCaptureSession, type PageParse } from '@/utils/capture-session';
import { capturedCard, classTheme, startPageControls } from '@/utils/controls/content';
import { isOwnMutation } from '@/utils/controls/page-controls';
import type { CaptureMessage, CaptureResponse } from '@/utils/messages';
import { listCardElements, parseHfPage } from '@/utils/sources/huggingface';

export default defineContentScript({
  matches: ['https://huggingface.co/papers*'],
  runAt: 'document_idle',
  main(ctx) {
    // A page must not be able to switch Paperdex off by firing WXT's "newer script started" event.
    guardScriptStartedEvent(window, ContentScriptContext, () => ctx.isValid && !!browser.runtime?.id);
    // The island and its cards live inside <main>; watching only it keeps the observers cheap.
    const findContainer = (doc: Document) => doc.querySelector('main') ?? doc.querySelector('[data-target="DailyPapers"]')?.parentElement ?? null;
    // The last parse, so a card's Save can carry the card as captured.
    let latest: PageParse | undefined;
    const parse: typeof parseHfPage = (doc, url, options) => (latest = parseHfPage(doc, url, options));

    const controls = startPageControls(ctx, {
      listCards: listCardElements,
      theme: classTheme,
      findContainer,
      // A card clicked before its capture was sent: send it, then the action (see page-controls.ts).
      captureNow: () => session.scan(),
      cardData: (id) => capturedCard(latest, id) ?? capturedCard(parseHfPage(document, location.href, { acceptMismatch: true }), id),
    });
    const session = createCaptureSession({
      document,
      location: () => location.href,
      parse,
      send: (message: CaptureMessage) => browser.runtime.sendMessage(message) as Promise<CaptureResponse | undefined>,
      findContainer,
      setTimeout: (callback, ms) => ctx.setTimeout(callback, ms),
      clearTimeout: (id) => clearTimeout(id),
      onError: (error) => console.warn('[Paperdex] capture failed', error),
      ignoreMutation: isOwnMutation,
    });
    ctx.onInvalidated(() => session.stop());
    ctx.addEventListener(window, 'wxt:locationchange', () => session.navigated());
    // Controls first: their state request goes out before this page view's capture (seen before this visit).
    // The capture (parse + message) runs in a task of its own, so neither adds up to a long task.
    controls.sync();
    ctx.setTimeout(() => void session.scan().catch((error: unknown) => console.warn('[Paperdex] capture failed', error)), 0);
  },
});
