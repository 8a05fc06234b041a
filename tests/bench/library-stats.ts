/**
 * The library page's Stats view and history retention (issue #5), in the real built extension in
 * Chromium with a synthetic library written straight into the extension's database. The views compute
 * from the rows the page holds, so they are timed as a user meets them, with the page doing its own work:
 * - cold: the library page opened and the Stats tab clicked as soon as it exists → every figure, the
 *   weekly chart and the capture problems painted (ms from navigation start; the page loads all rows
 *   meanwhile), with the longest task;
 * - warm: the library page open and loaded, Stats tab clicked → first figure and → everything painted,
 *   to the end of the frame that paints them (median of 5), and the longest task meanwhile;
 * - retention in the Settings view: 180 days chosen → the preview's count shown; "Remove N papers"
 *   clicked → the outcome shown (checked against the database), with the longest task meanwhile;
 * - the background's run (`pruneExpired` without rows: candidates from the indexes) at 90 days.
 * Timings come from a shared 2-core machine and are noisy.
 */
import type { Page } from 'playwright-core';
import { launchExtension } from '../browser/harness';
import { bundleForPage } from './bundle';
import { formatMs, summarize, type Summary } from './stats';

export interface StatsSizeBench {
  size: number;
  fillMs: number;
  cold: { ms: number; longestTask: number };
  statsTab: Summary;
  firstFigure: Summary;
  longestTaskInStats: number;
  retention: { previewMs: number; previewCount: number; pruneMs: number; removed: number; left: number; longestTask: number };
  background: { pruneMs: number; removed: number; left: number };
}

/** In the page: collects long tasks (buffered: from the page's start) until `stop()`. */
const LONG_TASKS = `(() => {
  const durations = [];
  let observer;
  try {
    observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) durations.push(entry.duration); });
    observer.observe({ type: 'longtask', buffered: BUFFERED });
  } catch {}
  return { stop: () => { observer?.disconnect(); return Math.max(0, ...durations); } };
})()`;

/** Resolves at the end of the frame that paints what is on screen now. */
const PAINTED = `(() => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now());
  channel.port2.postMessage(0);
})))`;

const STATS_READY = `(() => {
  const panel = document.querySelector('.pd-stats');
  return !!(panel && panel.querySelector('svg[role="img"]') && !panel.querySelector('[aria-busy="true"]') &&
    panel.querySelector('ul[aria-label="Capture problems"]'));
})`;

/**
 * Runs \`action\` (source of a function) and resolves when \`ready\` (source of a predicate) holds and is
 * painted: { ms (from the action), at (performance.now()), firstMs (first figure, if asked), longestTask }.
 */
const timeUntil = (action: string, ready: string, buffered = false) => `(() => new Promise((resolve) => {
  const ready = ${ready};
  const tasks = ${LONG_TASKS.replace('BUFFERED', String(buffered))};
  const started = performance.now();
  let firstMs;
  const firstFigure = () => document.querySelector('.pd-stats .pd-figure dd[aria-busy="false"]');
  let finished = false;
  const check = () => {
    if (finished) return;
    if (firstMs === undefined && firstFigure()) firstMs = performance.now() - started;
    if (!ready()) return;
    finished = true;
    watcher.disconnect();
    ${PAINTED}().then((at) => resolve({ ms: at - started, at, firstMs: firstMs ?? at - started, longestTask: tasks.stop() }));
  };
  const watcher = new MutationObserver(check);
  watcher.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  (${action})();
  check();
}))()`;

const clickTab = (label: string) => `() => [...document.querySelectorAll('[role="tab"]')].find((element) => element.textContent === '${label}').click()`;

async function libraryLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => /^[\d,]+ papers?$/.test(document.querySelector('.toolbar [role="status"]')?.textContent ?? ''), undefined, {
    timeout: 180_000,
  });
}

interface Timed {
  ms: number;
  at: number;
  firstMs: number;
  longestTask: number;
}

export async function benchStats(sizes: number[]): Promise<StatsSizeBench[]> {
  const entry = await bundleForPage('tests/bench/library-stats-entry.ts', 'paperdexStatsBenchBundle');
  const results: StatsSizeBench[] = [];
  for (const size of sizes) {
    const ext = await launchExtension();
    try {
      const url = `chrome-extension://${ext.extensionId}/library.html`;
      const setup = await ext.context.newPage();
      await setup.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
      await setup.evaluate(entry);
      const { fillMs } = (await setup.evaluate(`paperdexStatsBench.fillLibrary(${size})`)) as { fillMs: number };

      // Cold: open the page and go straight to Stats (clicked as soon as the tab exists).
      const page = await ext.context.newPage();
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction(() => [...document.querySelectorAll('[role="tab"]')].some((element) => element.textContent === 'Stats'), undefined, { polling: 'raf' });
      const cold = (await page.evaluate(timeUntil(clickTab('Stats'), STATS_READY, true))) as Timed;
      const coldResult = { ms: cold.at, longestTask: cold.longestTask };

      // Warm: the library view loaded, as a user has it; then Stats, five times (after one to warm the code).
      await page.evaluate(`(${clickTab('Library')})()`);
      await libraryLoaded(page);
      await page.waitForTimeout(2_000); // let the page's own background work (e.g. the search index) settle
      const tabTimes: number[] = [];
      const firstTimes: number[] = [];
      let longestTaskInStats = 0;
      for (let round = 0; round < 6; round++) {
        const { ms, firstMs, longestTask } = (await page.evaluate(timeUntil(clickTab('Stats'), STATS_READY))) as Timed;
        if (round > 0) {
          tabTimes.push(ms);
          firstTimes.push(firstMs);
        }
        longestTaskInStats = Math.max(longestTaskInStats, longestTask);
        await page.evaluate(`(${clickTab('Library')})()`);
        await page.waitForTimeout(200);
      }

      // Retention in the Settings view: the preview for 180 days, then the run the user confirms.
      await page.evaluate(`(${clickTab('Settings')})()`);
      await page.waitForSelector('#pd-retention');
      const preview = (await page.evaluate(
        timeUntil(
          `() => { const select = document.querySelector('#pd-retention'); select.value = '180'; select.dispatchEvent(new Event('change', { bubbles: true })); }`,
          `(() => /This removes [\\d,]+ papers? now|No paper would be removed/.test(document.querySelector('.pd-preview')?.textContent ?? ''))`,
        ),
      )) as Timed;
      const previewText = (await page.textContent('.pd-preview')) ?? '';
      const previewCount = Number(/This removes ([\d,]+)/.exec(previewText)?.[1]?.replace(/,/g, '') ?? 0);
      const before = (await setup.evaluate('paperdexStatsBench.count()')) as number;
      const prune = (await page.evaluate(
        timeUntil(
          `() => [...document.querySelectorAll('.pd-confirm button')].find((button) => /^(Remove|Apply)/.test(button.textContent.trim())).click()`,
          `(() => /Removed [\\d,]+ papers?\\.|No paper needed removing/.test([...document.querySelectorAll('.pd-settings [role="status"]')].map((element) => element.textContent).join(' ')))`,
        ),
      )) as Timed;
      const outcome = (await page.textContent('.pd-settings .pd-ok')) ?? '';
      const removed = Number(/Removed ([\d,]+)/.exec(outcome)?.[1]?.replace(/,/g, '') ?? 0);
      const left = (await setup.evaluate('paperdexStatsBench.count()')) as number;
      if (removed !== previewCount || before - left !== removed) throw new Error(`bench: the preview said ${previewCount}, the run reported ${removed}, the library lost ${before - left}`);
      await page.close();

      const background = (await setup.evaluate('paperdexStatsBench.backgroundPrune(90)')) as StatsSizeBench['background'] & { expected: number };
      if (background.removed !== background.expected) throw new Error(`bench: the background run removed ${background.removed}, expected ${background.expected}`);
      results.push({
        size,
        fillMs,
        cold: coldResult,
        statsTab: summarize(tabTimes),
        firstFigure: summarize(firstTimes),
        longestTaskInStats,
        retention: { previewMs: preview.ms, previewCount, pruneMs: prune.ms, removed, left, longestTask: prune.longestTask },
        background: { pruneMs: background.pruneMs, removed: background.removed, left: background.left },
      });
    } finally {
      await ext.close();
    }
  }
  return results;
}

export function statsReport(results: StatsSizeBench[]): string[] {
  return [
    '',
    '## Library Stats view and history retention',
    '',
    '| papers | cold: page opened → Stats all painted, ms (longest task) | warm: Stats tab → first figure, median ms | → everything, median / p95 ms | longest task | Settings 180 days: preview ms (count) | run ms (removed; longest task) | background run 90 days ms (removed) |',
    '|---:|---|---:|---|---:|---|---|---|',
    ...results.map(
      (result) =>
        `| ${result.size.toLocaleString('en')} | ${formatMs(result.cold.ms)} (${formatMs(result.cold.longestTask)}) | ${formatMs(result.firstFigure.median)} | ` +
        `${formatMs(result.statsTab.median)} / ${formatMs(result.statsTab.p95)} (≤ 300 ms) | ${formatMs(result.longestTaskInStats)} | ` +
        `${formatMs(result.retention.previewMs)} (${result.retention.previewCount.toLocaleString('en')}) | ` +
        `${formatMs(result.retention.pruneMs)} (${result.retention.removed.toLocaleString('en')}; ${formatMs(result.retention.longestTask)}) | ` +
        `${formatMs(result.background.pruneMs)} (${result.background.removed.toLocaleString('en')}) |`,
    ),
  ];
}
