/**
 * Library page opens, A/B: two or more builds side by side, each in its own Chromium with the same
 * library, opened in turn (order alternating every round) so that every build sees the same machine load
 * — `npm run bench -- library` runs one build at a time, and on a shared machine its runs minutes apart
 * differ more than the builds do. Per build (median / p95 over the rounds, after one warm-up round):
 * - navigation start → the end of the frame that paints the table's first rows;
 * - → the whole library loaded (the status shows the count);
 * - the longest task while loading (Long Tasks API: 0 = none over 50 ms).
 * Then, for each build after the first: the median of the per-round differences from the first build and
 * in how many rounds it was slower (pairs share the load, so this is steadier than the medians).
 * The first open of each build (rows not stored yet) is not counted: it stores the rows the next opens read.
 *   PAPERDEX_OUT_DIR=.output-base npx wxt build && npx wxt build
 *   npx tsx tests/bench/library-ab.ts 50000 20 .output-base .output
 */
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionHandle } from '../browser/harness';
import { bundleForPage } from './bundle';
import { PAGE_PROBE, waitForStoredRows, type Win } from './library';
import { summarize } from './stats';

const [sizeArg, roundsArg, ...dirs] = process.argv.slice(2);
const size = Number(sizeArg);
const rounds = Number(roundsArg);
if (!(size > 0) || !(rounds > 0) || dirs.length === 0) {
  console.error('usage: npx tsx tests/bench/library-ab.ts <papers> <rounds> <build dir> [<build dir>…]');
  process.exit(2);
}
const fill = await bundleForPage('tests/bench/library-entry.ts', 'paperdexLibraryBenchBundle');

const FIGURES = ['firstPaint', 'allRows', 'longestTask'] as const;
type Figure = (typeof FIGURES)[number];

const exts: { dir: string; ext: ExtensionHandle; url: string; figures: Record<Figure, number[]> }[] = [];

async function open(entry: (typeof exts)[number]): Promise<{ page: Page; firstPaint: number; allRows: number; longestTask: number }> {
  const page = await entry.ext.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(entry.url);
  const firstPaint = await page.evaluate(() => (window as unknown as Win).__pdxFirstRows);
  const allRows = await page.evaluate(() => (window as unknown as Win).__pdxLoaded);
  const tasks = await page.evaluate(() => (window as unknown as Win).__pdxLongTasks.map((task) => task.ms));
  return { page, firstPaint, allRows, longestTask: Math.max(0, ...tasks) };
}

try {
  for (const dir of dirs) {
    const ext = await launchExtension({ extensionPath: `${dir}/chrome-mv3` });
    const url = `chrome-extension://${ext.extensionId}/library.html`;
    const setup = await ext.context.newPage();
    await setup.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
    await setup.evaluate(fill);
    await setup.evaluate(`paperdexLibraryBench.fillLibrary(${size})`);
    await setup.close();
    await ext.context.addInitScript({ content: PAGE_PROBE });
    const entry = { dir, ext, url, figures: Object.fromEntries(FIGURES.map((figure) => [figure, []])) as unknown as Record<Figure, number[]> };
    // The first open reads every record and stores the rows the next opens read.
    const first = await open(entry);
    if (!(await waitForStoredRows(first.page, 20_000))) console.warn(`${dir}: the page never stored its rows`);
    // Past the page's own delayed writes (the search index is stored 1.5 s after it is built).
    await first.page.waitForTimeout(2_500);
    await first.page.close();
    exts.push(entry);
  }
  for (let round = 0; round <= rounds; round++) {
    for (const entry of round % 2 ? exts : [...exts].reverse()) {
      const opened = await open(entry);
      // Round 0 warms Chromium's caches; the page closes only after its delayed writes, as a user's would.
      if (round > 0) for (const figure of FIGURES) entry.figures[figure].push(opened[figure]);
      await opened.page.waitForTimeout(2_000);
      await opened.page.close();
    }
  }
  console.log(`${size} papers, ${rounds} rounds, builds alternating (ms, median / p95)`);
  console.log(['build'.padEnd(16), ...FIGURES.map((figure) => figure.padStart(17))].join(' '));
  for (const entry of exts) {
    const cells = FIGURES.map((figure) => {
      const s = summarize(entry.figures[figure]);
      return `${s.median.toFixed(1)} / ${s.p95.toFixed(1)}`.padStart(17);
    });
    console.log([entry.dir.padEnd(16), ...cells].join(' '));
  }
  // Paired by round (each round opens every build back to back, under the same load): the median of the
  // per-round differences, and in how many rounds each later build was slower than the first.
  const [first, ...others] = exts;
  for (const entry of others) {
    const cells = FIGURES.map((figure) => {
      const a = first!.figures[figure];
      const b = entry.figures[figure];
      const diffs = b.map((value, at) => value - a[at]!);
      const slower = diffs.filter((diff) => diff > 0).length;
      return `${summarize(diffs).median >= 0 ? '+' : ''}${summarize(diffs).median.toFixed(1)}, ${slower}/${diffs.length}`.padStart(17);
    });
    console.log([`${entry.dir} − ${first!.dir}`.padEnd(16), ...cells].join(' '), '(median paired difference, rounds slower)');
  }
  console.log(JSON.stringify(exts.map((entry) => ({ dir: entry.dir, figures: entry.figures }))));
} finally {
  for (const entry of exts) await entry.ext.close();
}
