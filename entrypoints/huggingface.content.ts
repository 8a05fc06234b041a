import { createCaptureSession } from '@/utils/capture-session';
import type { CaptureMessage, CaptureResponse } from '@/utils/messages';
import { parseHfPage } from '@/utils/sources/huggingface';

export default defineContentScript({
  matches: ['https://huggingface.co/papers*'],
  runAt: 'document_idle',
  main(ctx) {
    const session = createCaptureSession({
      document,
      location: () => location.href,
      parse: parseHfPage,
      send: (message: CaptureMessage) => browser.runtime.sendMessage(message) as Promise<CaptureResponse | undefined>,
      // The island and its cards live inside <main>; watching only it keeps the observer cheap.
      findContainer: (doc) => doc.querySelector('main') ?? doc.querySelector('[data-target="DailyPapers"]')?.parentElement ?? null,
      setTimeout: (callback, ms) => ctx.setTimeout(callback, ms),
      clearTimeout: (id) => clearTimeout(id),
      onError: (error) => console.warn('[Paperdex] capture failed', error),
    });
    ctx.onInvalidated(() => session.stop());
    ctx.addEventListener(window, 'wxt:locationchange', () => session.navigated());
    void session.scan().catch((error: unknown) => console.warn('[Paperdex] capture failed', error));
  },
});
