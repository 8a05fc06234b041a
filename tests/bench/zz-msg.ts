import { launchExtension, serveFixtures } from '/work/main/tests/browser/harness';
const URL_ = 'https://huggingface.co/papers/date/2026-03-12';
const ext = await launchExtension();
await serveFixtures(ext.context, { [URL_]: 'tests/fixtures/hf/daily-100.html' });
const page = await ext.context.newPage();
const cdp = await ext.context.newCDPSession(page);
const contexts: any[] = [];
cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
await cdp.send('Runtime.enable');
await page.goto(URL_);
await page.waitForTimeout(1000);
const ctx = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Paperdex');
const pause = Number(process.argv[2] ?? 0);
const expression = `(async () => {
  const abstract = 'We study latent diffusion models for image synthesis and more. '.repeat(25);
  const listing = { site: 'hf', kind: 'daily', label: 'Bench', url: location.href };
  const mk = (r) => Array.from({ length: 100 }, (_, i) => ({ id: '2512.' + (90000 + r * 100 + i), title: 'A title number ' + i, abstract, authors: ['A B', 'C D', 'E F'], links: { hf: 'https://huggingface.co/papers/2512.9' + i } }));
  const out = {};
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  for (const name of ['nope', 'capture']) {
    const times = [];
    for (let i = 0; i < 30; i++) {
      await sleep(${pause});
      const payload = mk(i + (name === 'capture' ? 0 : 50));
      const s = performance.now();
      const r = await chrome.runtime.sendMessage(name === 'nope' ? { type: 'nope', payload } : { type: 'capture', listing: { ...listing, url: location.href + '?' + i }, papers: payload, problems: [] });
      times.push(Math.round(performance.now() - s));
    }
    out[name] = times.join(',');
  }
  return out;
})()`;
const r = await cdp.send('Runtime.evaluate', { expression, contextId: ctx.id, awaitPromise: true, returnByValue: true });
console.log(pause, r.result.value ?? r);
await ext.close();
