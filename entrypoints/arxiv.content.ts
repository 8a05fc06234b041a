import { createCaptureSession } from '@/utils/capture-session';
import type { CaptureMessage, CaptureResponse } from '@/utils/messages';
import { parseArxivPage } from '@/utils/sources/arxiv';

export default defineContentScript({
  // Only the pages the adapter reads: listings, abstract pages, search results.
  matches: ['https://arxiv.org/list/*', 'https://arxiv.org/abs/*', 'https://arxiv.org/search/*'],
  runAt: 'document_idle',
  main(ctx) {
    const session = createCaptureSession({
      document,
      location: () => location.href,
      parse: parseArxivPage,
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
    void session.scan().catch((error: unknown) => console.warn('[Paperdex] capture failed', error));
  },
});
