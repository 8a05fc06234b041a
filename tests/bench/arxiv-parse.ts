/**
 * How long the arXiv adapter takes in Chromium's real DOM, on generated listings of 100 and 2,000
 * entries (`buildArxivListingHtml`, the `show=2000` page size):
 *
 *   npx tsx tests/bench/arxiv-parse.ts [runs]
 *
 * `parseArxivPage` (what the content script does once per page view) and `listCardElements` (what
 * per-card controls use to find their anchors), median and max over the runs after one warm-up.
 * Figures on a shared 2-core machine are noisy.
 */
import { chromium } from 'playwright-core';
import { buildArxivListingHtml } from '../fixtures/arxiv-pages';
import { bundleForPage } from './bundle';

const runs = Number(process.argv[2] ?? 15);

interface Timing {
  cards: number;
  parse: number[];
  list: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const bundle = await bundleForPage('tests/bench/arxiv-entry.ts', 'paperdexArxivBenchBundle');
  const browser = await chromium.launch({
    headless: true,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND'],
  });
  try {
    for (const count of [100, 2_000]) {
      const { url, html, ids } = buildArxivListingHtml(count);
      const context = await browser.newContext();
      await context.route(/^https?:\/\//, (route) =>
        route.request().url() === url ? route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }) : route.abort(),
      );
      const page = await context.newPage();
      await page.goto(url);
      await page.addScriptTag({ content: bundle });
      const timing = await page.evaluate((n) => {
        const bench = (globalThis as unknown as {
          paperdexArxivBench: {
            parseArxivPage: (d: Document, u: string) => { papers: unknown[] };
            listCardElements: (d: Document) => unknown[];
          };
        }).paperdexArxivBench;
        const out: Timing = { cards: 0, parse: [], list: [] };
        for (let i = 0; i <= n; i++) {
          let start = performance.now();
          out.cards = bench.parseArxivPage(document, location.href).papers.length;
          const parse = performance.now() - start;
          start = performance.now();
          bench.listCardElements(document);
          const list = performance.now() - start;
          if (i > 0) {
            out.parse.push(parse);
            out.list.push(list);
          }
        }
        return out;
      }, runs);
      if (timing.cards !== ids.length) throw new Error(`read ${timing.cards} of ${ids.length} cards`);
      console.log(
        `${String(count).padStart(5)} entries: parseArxivPage median ${median(timing.parse).toFixed(1)} ms (max ${Math.max(...timing.parse).toFixed(1)}), ` +
          `listCardElements median ${median(timing.list).toFixed(1)} ms (max ${Math.max(...timing.list).toFixed(1)}), ${runs} runs`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

void main();
