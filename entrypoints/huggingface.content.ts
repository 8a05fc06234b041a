import { runContentScript } from '@/utils/capture/content-runner';
import { huggingface } from '@/utils/capture/sites/huggingface';

export default defineContentScript({
  matches: ['https://huggingface.co/papers*'],
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, huggingface),
});
