/**
 * Capture benchmarks (issue #2), in the real built extension in Chromium:
 * - parse: `parseHfPage` over the 100-card daily fixture, in the page's DOM;
 * - record: a 100-card capture message sent from the content script's isolated world; the background's
 *   time from receiving it to answering (validated and durably committed to IndexedDB), and the round
 *   trip seen by the content script (adds the messaging of ~200 KB); three cases: new papers, the same
 *   listing again (known and unchanged), the same papers on another listing (known, sent in full);
 * - merge: the background's fold of that batch into the library records, right after answering;
 * - memory: JS heap of a 100-card page with the extension minus the same page without it.
 */
import { readFile } from 'node:fs/promises';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { launchExtension, serveFixtures } from '../browser/harness';
import { bundleForPage } from './bundle';
import { summarize, type Summary } from './stats';

const FIXTURE = 'tests/fixtures/hf/daily-100.html';
const FIXTURE_URL = 'https://huggingface.co/papers/date/2026-03-12';

/** The execution context of the extension's content script in `page` (its isolated world). */
async function contentScriptContext(cdp: CDPSession, page: Page, url: string): Promise<number> {
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  await page.goto(url);
  for (let i = 0; i < 100; i++) {
    const found = contexts.find((context) => context.auxData?.type === 'isolated' && context.name === 'Paperdex');
    if (found) return found.id;
    await page.waitForTimeout(50);
  }
  throw new Error(`no Paperdex content script context; saw ${contexts.map((c) => c.name).join(', ')}`);
}

export interface CaptureBench {
  parse: Summary;
  recordNew: Summary;
  recordRevisit: Summary;
  roundTripNew: Summary;
  roundTripRevisit: Summary;
  recordElsewhere: Summary;
  roundTripElsewhere: Summary;
  mergeNew: Summary;
  mergeRevisit: Summary;
  mergeElsewhere: Summary;
  heapWithMB: number;
  heapWithoutMB: number;
  contentScriptHeapMB: number;
  cards: number;
}

export async function benchCapture(): Promise<CaptureBench> {
  const html = await readFile(new URL(`../../${FIXTURE}`, import.meta.url), 'utf8');
  const bundle = await bundleForPage('tests/bench/page-entry.ts', 'paperdexBenchBundle');
  const ext = await launchExtension();
  try {
    await serveFixtures(ext.context, { [FIXTURE_URL]: FIXTURE });
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    const contextId = await contentScriptContext(cdp, page, FIXTURE_URL);

    // Parse, in the page's main world with the same adapter code.
    await page.addScriptTag({ content: bundle });
    const parseRun = await page.evaluate(() => {
      const { parseHfPage } = (globalThis as unknown as {
        paperdexBench: { parseHfPage: (d: Document, u: string) => { papers: unknown[] } };
      }).paperdexBench;
      const times: number[] = [];
      let cards = 0;
      for (let i = 0; i < 220; i++) {
        const start = performance.now();
        cards = parseHfPage(document, location.href).papers.length;
        if (i >= 20) times.push(performance.now() - start); // the first runs warm up the JIT
      }
      return { times, cards };
    });
    if (parseRun.cards !== 100) throw new Error(`expected 100 cards, parsed ${parseRun.cards}`);

    // The papers as the content script sends them, taken from the page itself.
    const papers = await page.evaluate(() => {
      const { parseHfPage } = (globalThis as unknown as {
        paperdexBench: { parseHfPage: (d: Document, u: string) => { papers: unknown[] } };
      }).paperdexBench;
      return parseHfPage(document, location.href).papers;
    });

    /** Sends one batch from the content script's world; returns how long each step took. */
    const sendBatch = async (batch: unknown[], url: string): Promise<{ background: number; roundTrip: number; merge: number }> => {
      await ext.serviceWorker.evaluate(() => {
        performance.clearMeasures('paperdex:capture');
        performance.clearMeasures('paperdex:fold');
      });
      const expression = `(async () => {
        const message = { type: 'capture', listing: { site: 'hf', kind: 'daily', label: 'Bench', url: ${JSON.stringify(url)} }, papers: ${JSON.stringify(batch)}, problems: [] };
        const start = performance.now();
        const response = await chrome.runtime.sendMessage(message);
        const elapsed = performance.now() - start;
        if (!response || !response.ok || response.accepted !== message.papers.length) throw new Error(JSON.stringify(response).slice(0, 300));
        return elapsed;
      })()`;
      const result = await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true });
      if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
      for (let i = 0; i < 500; i++) {
        const measures = await ext.serviceWorker.evaluate(() => {
          const capture = performance.getEntriesByName('paperdex:capture').at(-1) as PerformanceMeasure | undefined;
          const fold = performance.getEntriesByName('paperdex:fold').at(-1) as PerformanceMeasure | undefined;
          return capture && fold
            ? { background: capture.duration, merge: fold.duration, merged: (fold.detail as { papers: number }).papers }
            : undefined;
        });
        if (measures) {
          if (measures.merged !== batch.length) throw new Error(`fold merged ${measures.merged} papers, expected ${batch.length}`);
          return { background: measures.background, roundTrip: result.result.value as number, merge: measures.merge };
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('the batch was never merged into the library');
    };

    const newBatch = { background: [] as number[], roundTrip: [] as number[], merge: [] as number[] };
    const revisit = { background: [] as number[], roundTrip: [] as number[], merge: [] as number[] };
    const elsewhere = { background: [] as number[], roundTrip: [] as number[], merge: [] as number[] };
    const keep = (into: typeof newBatch, timing: { background: number; roundTrip: number; merge: number }) => {
      into.background.push(timing.background);
      into.roundTrip.push(timing.roundTrip);
      into.merge.push(timing.merge);
    };
    for (let round = 0; round < 25; round++) {
      // Fresh ids each round: every paper is new to the library.
      const fresh = (papers as { id: string }[]).map((paper, index) => ({
        ...paper,
        id: `2512.${90000 + round * 100 + index}`,
      }));
      // Page views are seconds apart: a pause between batches, as in real browsing.
      await page.waitForTimeout(250);
      const first = await sendBatch(fresh, `${FIXTURE_URL}?round=${round}`);
      await page.waitForTimeout(250);
      // The same listing again (a reload, or coming back to it): every card known and unchanged.
      const again = await sendBatch(fresh, `${FIXTURE_URL}?round=${round}`);
      await page.waitForTimeout(250);
      // The same papers on another listing (a weekly list after the daily): known, but sent in full.
      const other = await sendBatch(fresh, `${FIXTURE_URL}?elsewhere=${round}`);
      if (round >= 5) {
        keep(newBatch, first);
        keep(revisit, again);
        keep(elsewhere, other);
      }
    }

    // Heap with the extension's content script running on the page.
    await page.reload();
    await page.waitForTimeout(1_500);
    const heapWith = await measureHeap(cdp);

    const heapWithout = await heapWithoutExtension(html);
    return {
      parse: summarize(parseRun.times),
      recordNew: summarize(newBatch.background),
      recordRevisit: summarize(revisit.background),
      roundTripNew: summarize(newBatch.roundTrip),
      roundTripRevisit: summarize(revisit.roundTrip),
      recordElsewhere: summarize(elsewhere.background),
      roundTripElsewhere: summarize(elsewhere.roundTrip),
      mergeNew: summarize(newBatch.merge),
      mergeRevisit: summarize(revisit.merge),
      mergeElsewhere: summarize(elsewhere.merge),
      heapWithMB: heapWith,
      heapWithoutMB: heapWithout,
      contentScriptHeapMB: heapWith - heapWithout,
      cards: parseRun.cards,
    };
  } finally {
    await ext.close();
  }
}

async function measureHeap(cdp: CDPSession): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    samples.push(usedSize / 1024 / 1024);
  }
  return Math.min(...samples);
}

async function heapWithoutExtension(html: string): Promise<number> {
  const browser = await chromium.launch({
    headless: true,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND'],
  });
  try {
    const context = await browser.newContext();
    await context.route(/^https?:\/\//, (route) =>
      route.request().url() === FIXTURE_URL
        ? route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' })
        : route.abort(),
    );
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(FIXTURE_URL);
    await page.waitForTimeout(1_500);
    return await measureHeap(cdp);
  } finally {
    await browser.close();
  }
}
