/**
 * The library page's Stats view and history retention (issue #5), in the real built extension in
 * Chromium with a synthetic library written straight into the extension's database:
 * - Stats tab clicked → the first figure shown, and → every figure, the weekly chart and the capture problems shown, to the end of
 *   the frame that paints them (median of 5, after the library view has loaded the whole library), and
 *   the longest task meanwhile;
 * - the Stats queries alone (totals; 26 weekly counts), median of 5;
 * - retention of 90 days: the settings' preview count, then the run (removes what the preview counted).
 * Timings come from a shared 2-core machine and are noisy.
 */
import type { Page } from 'playwright-core';
import { launchExtension } from '../browser/harness';
import { bundleForPage } from './bundle';
import { formatMs, summarize, type Summary } from './stats';

export interface StatsSizeBench {
  size: number;
  fillMs: number;
  statsTab: Summary;
  firstFigure: Summary;
  longestTaskInStats: number;
  totalsQuery: Summary;
  weeksQuery: Summary;
  retention: { previewMs: number; previewCount: number; pruneMs: number; removed: number; left: number };
}

/** Clicks the Stats tab; resolves to ms until every part of the view is filled in and painted. */
const TIME_STATS_TAB = `(() => new Promise((resolve) => {
  const ready = () => {
    const panel = document.querySelector('.pd-stats');
    return panel && panel.querySelector('svg[role="img"]') && !panel.querySelector('[aria-busy="true"]') &&
      panel.querySelector('ul[aria-label="Capture problems"]');
  };
  const tab = [...document.querySelectorAll('[role="tab"]')].find((element) => element.textContent === 'Stats');
  const longTasks = [];
  let observer;
  try {
    observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); });
    observer.observe({ type: 'longtask' });
  } catch {}
  const started = performance.now();
  let firstMs;
  const firstFigure = () => document.querySelector('.pd-stats .pd-figure dd[aria-busy="false"]');
  const done = () => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      observer?.disconnect();
      resolve({ ms: performance.now() - started, firstMs: firstMs ?? performance.now() - started, longestTask: Math.max(0, ...longTasks) });
    };
    channel.port2.postMessage(0);
  });
  const watcher = new MutationObserver(() => {
    if (firstMs === undefined && firstFigure()) firstMs = performance.now() - started;
    if (ready()) { watcher.disconnect(); done(); }
  });
  watcher.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  tab.click();
}))()`;

const SHOW_LIBRARY_TAB = `[...document.querySelectorAll('[role="tab"]')].find((element) => element.textContent === 'Library').click()`;

async function libraryLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => /^[\d,]+ papers?$/.test(document.querySelector('.toolbar [role="status"]')?.textContent ?? ''), undefined, {
    timeout: 120_000,
  });
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

      const page = await ext.context.newPage();
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(url);
      await libraryLoaded(page);
      await page.waitForTimeout(2_000); // let the page's own background work (e.g. a search index build) settle
      const tabTimes: number[] = [];
      const firstTimes: number[] = [];
      let longestTaskInStats = 0;
      for (let round = 0; round < 6; round++) {
        const { ms, firstMs, longestTask } = (await page.evaluate(TIME_STATS_TAB)) as { ms: number; firstMs: number; longestTask: number };
        if (round > 0) {
          // The first round warms the code.
          tabTimes.push(ms);
          firstTimes.push(firstMs);
        }
        longestTaskInStats = Math.max(longestTaskInStats, longestTask);
        await page.evaluate(SHOW_LIBRARY_TAB);
        await page.waitForTimeout(200);
      }
      await page.close();

      const totals: number[] = [];
      const weeks: number[] = [];
      for (let round = 0; round < 6; round++) {
        const timed = (await setup.evaluate('paperdexStatsBench.statsQueries()')) as { totalsMs: number; weeksMs: number; seen: number };
        if (timed.seen !== size) throw new Error(`bench: the library has ${timed.seen} papers, not ${size}`);
        if (round > 0) {
          totals.push(timed.totalsMs);
          weeks.push(timed.weeksMs);
        }
      }
      const retention = (await setup.evaluate('paperdexStatsBench.retention(90)')) as StatsSizeBench['retention'];
      if (retention.removed !== retention.previewCount) throw new Error(`bench: retention removed ${retention.removed}, the preview said ${retention.previewCount}`);
      results.push({
        size,
        fillMs,
        statsTab: summarize(tabTimes),
        firstFigure: summarize(firstTimes),
        longestTaskInStats,
        totalsQuery: summarize(totals),
        weeksQuery: summarize(weeks),
        retention,
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
    '| papers | Stats tab → first figure, median ms | → everything shown, median / p95 ms | longest task | totals query, median ms | 26 weekly counts, median ms | retention 90 days: preview ms (count) | run ms (removed) |',
    '|---:|---:|---|---:|---:|---:|---|---|',
    ...results.map(
      (result) =>
        `| ${result.size.toLocaleString('en')} | ${formatMs(result.firstFigure.median)} | ${formatMs(result.statsTab.median)} / ${formatMs(result.statsTab.p95)} (≤ 300 ms) | ${formatMs(result.longestTaskInStats)} | ` +
        `${formatMs(result.totalsQuery.median)} | ${formatMs(result.weeksQuery.median)} | ${formatMs(result.retention.previewMs)} (${result.retention.previewCount.toLocaleString('en')}) | ` +
        `${formatMs(result.retention.pruneMs)} (${result.retention.removed.toLocaleString('en')}) |`,
    ),
  ];
}
