/**
 * Popup opens, A/B: two or more builds side by side, each in its own Chromium with the same library,
 * opened in turn (order alternating every round) so that every build sees the same machine load — on a
 * shared machine, runs of `npm run bench -- popup` minutes apart differ more than the builds do.
 * Per build (median / p95 over the rounds):
 * - open → first results, open → the library's own list;
 * - keystroke → results (as `tests/bench/popup.ts` times it: the DOM update), one typing query a round;
 * - click Save on the first result → the button painted in its new state (the end of that frame), and
 *   → the write stored (the library's change note on Dexie's channel, posted once the transaction has
 *   committed, whoever wrote it), with the background's service worker awake and stopped before the click.
 *   PAPERDEX_OUT_DIR=.output-base npx wxt build && npx wxt build
 *   npx tsx tests/bench/popup-ab.ts 10000 30 .output-base .output
 */
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionHandle } from '../browser/harness';
import { bundleForPage } from './bundle';
import { AFTER_FRAME, FIRST_RESULTS_PROBE, typeAndTime } from './popup';
import { summarize } from './stats';

const [sizeArg, roundsArg, ...dirs] = process.argv.slice(2);
const size = Number(sizeArg);
const rounds = Number(roundsArg);
const fill = await bundleForPage('tests/bench/popup-entry.ts', 'paperdexPopupBenchBundle');

const FIGURES = ['first', 'live', 'keystroke', 'savePainted', 'saveStored', 'asleepPainted', 'asleepStored'] as const;
type Figure = (typeof FIGURES)[number];

/**
 * Clicks the first result's Save button; resolves to ms from the click to the end of the frame that
 * paints the button's new state, and to the library's change note for the papers table.
 */
const CLICK_SAVE = `new Promise((resolve, reject) => {
  const afterFrame = ${AFTER_FRAME};
  const button = () => document.querySelector('[role="listitem"] button[aria-label="Save"]');
  const before = button().getAttribute('aria-pressed');
  let painted, stored;
  const finish = () => painted !== undefined && stored !== undefined && (channel.close(), feed.close(), resolve([painted - start, stored - start]));
  const observer = new MutationObserver(() => {
    if (button()?.getAttribute('aria-pressed') === before) return;
    observer.disconnect();
    afterFrame((at) => { painted = at; finish(); });
  });
  observer.observe(document.body, { subtree: true, attributes: true, childList: true });
  // Builds before the change feed: Dexie's own note, posted after the commit.
  const channel = new BroadcastChannel('x-storagemutated-1');
  channel.onmessage = (event) => {
    if (stored !== undefined || !Object.keys(event.data ?? {}).some((part) => part === 'all' || part.includes('/papers/'))) return;
    stored = performance.now();
    finish();
  };
  // Builds since the change feed (utils/library/feed/feed.ts) post on their own channel, after the commit.
  const feed = new BroadcastChannel('paperdex-library-feed');
  feed.onmessage = (event) => {
    if (stored !== undefined || event.data?.kind !== 'papers') return;
    stored = performance.now();
    finish();
  };
  setTimeout(() => resolve([painted === undefined ? -1 : painted - start, stored === undefined ? -1 : stored - start]), 30000);
  const start = performance.now();
  button().click();
})`;

async function stopWorker(page: Page, ext: ExtensionHandle): Promise<void> {
  const cdp = await ext.context.newCDPSession(page);
  let status = '';
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) status = version.runningStatus;
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const deadline = Date.now() + 10_000;
  while (status !== 'stopped' && Date.now() < deadline) await page.waitForTimeout(20);
  if (status !== 'stopped') throw new Error('the service worker did not stop');
  await cdp.detach();
}

const exts: { dir: string; ext: ExtensionHandle; url: string; figures: Record<Figure, number[]> }[] = [];
let typing: { text: string }[] = [];
try {
  for (const dir of dirs) {
    const ext = await launchExtension({ extensionPath: `${dir}/chrome-mv3` });
    const url = `chrome-extension://${ext.extensionId}/popup.html`;
    const setup = await ext.context.newPage();
    await setup.goto(url);
    await setup.evaluate(fill);
    ({ typing } = (await setup.evaluate(`paperdexPopupBench.fillLibrary(${size})`)) as { typing: { text: string }[] });
    await setup.close();
    await ext.context.addInitScript({ content: FIRST_RESULTS_PROBE });
    exts.push({ dir, ext, url, figures: Object.fromEntries(FIGURES.map((figure) => [figure, []])) as unknown as Record<Figure, number[]> });
  }
  for (let round = 0; round <= rounds; round++) {
    for (const entry of round % 2 ? exts : [...exts].reverse()) {
      const page: Page = await entry.ext.context.newPage();
      await page.setViewportSize({ width: 400, height: 600 });
      await page.goto(entry.url);
      const [first, live] = (await page.evaluate('Promise.all([window.__pdxFirstResults, window.__pdxLibraryList])')) as number[];
      // Round 0 warms Chromium's caches (and leaves the snapshot the next opens paint).
      // A save not seen within 30 s is counted apart (-1), not in the figures.
      const record = (figure: Figure, ...values: number[]) => {
        if (round === 0) return;
        for (const value of values) {
          if (value < 0) console.error(`${entry.dir}: ${figure} not seen within 30 s (round ${round})`);
          else entry.figures[figure].push(value);
        }
      };
      record('first', first!);
      record('live', live!);
      // The first keystroke may wait for the search index to load: one key first, not counted.
      await typeAndTime(page, 'x');
      record('keystroke', ...(await typeAndTime(page, typing[round % typing.length]!.text)).times);
      await page.getByRole('searchbox', { name: 'Search papers' }).fill('');
      await page.waitForFunction(() => document.querySelector('[role="list"][aria-label="Papers"]')?.getAttribute('data-query') === '');
      await page.waitForTimeout(100);
      const [painted, stored] = (await page.evaluate(CLICK_SAVE)) as number[];
      record('savePainted', painted!);
      record('saveStored', stored!);
      await page.waitForTimeout(300);
      await stopWorker(page, entry.ext);
      const [asleepPainted, asleepStored] = (await page.evaluate(CLICK_SAVE)) as number[];
      record('asleepPainted', asleepPainted!);
      record('asleepStored', asleepStored!);
      await page.waitForTimeout(150);
      await page.close();
    }
  }
  console.log(`${size} papers, ${rounds} rounds (ms, median / p95)`);
  console.log(['build'.padEnd(14), ...FIGURES.map((figure) => figure.padStart(15))].join(' '));
  for (const entry of exts) {
    const cells = FIGURES.map((figure) => {
      const s = summarize(entry.figures[figure]);
      return `${s.median.toFixed(1)} / ${s.p95.toFixed(1)}`.padStart(15);
    });
    console.log([entry.dir.padEnd(14), ...cells].join(' '));
  }
  console.log(JSON.stringify(exts.map((entry) => ({ dir: entry.dir, figures: entry.figures }))));
} finally {
  for (const entry of exts) await entry.ext.close();
}
