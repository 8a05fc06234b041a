import { runContentScript } from '@/utils/capture/content-runner';
import { arxiv } from '@/utils/capture/sites/arxiv';

export default defineContentScript({
  // Only the pages the adapter reads: listings (catch-up too), abstract pages, search results.
  matches: ['https://arxiv.org/list/*', 'https://arxiv.org/catchup/*', 'https://arxiv.org/abs/*', 'https://arxiv.org/search/*'],
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, arxiv),
});
