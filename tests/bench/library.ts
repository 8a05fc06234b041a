/**
 * Library page benchmarks (issue #5), in the real built extension in Chromium, with libraries of
 * synthetic papers (10k, 50k by default) written straight into the extension's database:
 * - first paint: navigation start → the end of the frame that paints the table's first rows (median of 5
 *   opens); every other time below also runs to the end of the frame that paints the change;
 * - whole library loaded (status shows the count), and the longest task while it loads: on the first
 *   open (no stored rows yet: every record is read), then on 5 opens after the page stored its rows;
 * - sort change (a column header clicked) and filter change (status, source, a tag) → the table
 *   updated and the next frame (median / max over several);
 * - search keystroke → the hits for the typed text shown (p95 over typed queries);
 * - scrolling, after a search (search index open: the page's largest heap), in passes down and back
 *   up: scrollbar-like drags (0.9 screen a frame, 20k rows in all) and real wheel events (100 px each);
 *   the longest task per pass (Long Tasks API, over 50 ms only), median / p95 / max over passes; one
 *   more drag pass under a trace gives the longest main-thread task in CPU time and the GCs in it;
 * - JS heap (after a forced GC) once the library is loaded, and at the end (search index open).
 * Timings come from a shared 2-core machine and are noisy.
 */
import { writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { launchExtension } from '../browser/harness';
import { bundleForPage } from './bundle';
import { summarize, type Summary } from './stats';

export interface LibrarySizeBench {
  size: number;
  fillMs: number;
  firstPaint: Summary;
  fullyLoaded: Summary;
  longestTaskWhileLoading: number;
  /** The first open, before the page has stored its rows. */
  firstOpen: { firstPaint: number; fullyLoaded: number; longestTask: number };
  sortChange: Summary;
  filterChange: Summary;
  searchKeystroke: Summary;
  /** Scrollbar-like drags (0.9 screen a frame), passes down then up: longest long task per pass. */
  drag: ScrollBench;
  /** Mouse-wheel scrolling (real wheel events, 100 px each, as fast as they can be sent), per pass. */
  wheel: ScrollBench;
  /** Main-thread CPU time of the longest task in a traced drag pass (load on the machine doesn't stretch it). */
  dragLongestThreadMs: number;
  /** Major and minor collections in that traced pass, and the longest (thread ms). */
  dragGc: { major: number; minor: number; longestMs: number };
  /** JS heap after a forced GC: once the rows are loaded, then after searching (the search index is open). */
  heapLoadedMB: number;
  heapMB: number;
}

export interface ScrollPass {
  rows: number;
  longestTask: number;
  longestFrame?: number;
  ms: number;
}

export interface ScrollBench {
  passes: number;
  /** Rows scrolled in all passes. */
  rows: number;
  /** Longest long task (Long Tasks API: over 50 ms only, else 0) per pass. */
  longestTask: Summary;
  /** Scrolling speed, px/s. */
  pxPerSecond: number;
}

// Rows are 64 px high (ROW_HEIGHT in components/library-page/row-pool.ts): the figures below count rows of that height.
function scrollSummary(passes: ScrollPass[]): ScrollBench {
  const rows = passes.reduce((sum, pass) => sum + pass.rows, 0);
  const ms = passes.reduce((sum, pass) => sum + pass.ms, 0);
  return { passes: passes.length, rows, longestTask: summarize(passes.map((pass) => pass.longestTask)), pxPerSecond: Math.round((rows * 64) / (ms / 1000)) };
}

/** Wheel events over the grid until `rows` rows went by (down or up); the pass's longest long task. */
async function wheelThrough(page: Page, rows: number, down: boolean): Promise<ScrollPass> {
  const box = (await page.locator('[role="grid"]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const grid = page.locator('[role="grid"]');
  const [startedAt, from] = await grid.evaluate((table) => [performance.now(), table.scrollTop]);
  const want = rows * 64;
  let moved = 0;
  while (moved < want) {
    for (let tick = 0; tick < 20; tick++) await page.mouse.wheel(0, down ? 100 : -100);
    const now = await grid.evaluate((table) => table.scrollTop);
    if (Math.abs(now - from) === moved) break; // at an end
    moved = Math.abs(now - from);
  }
  await page.waitForTimeout(100);
  const [endedAt, longestTask] = await Promise.all([page.evaluate(() => performance.now()), bench(page).longestTaskSince(startedAt)]);
  return { rows: Math.round(moved / 64), longestTask, ms: endedAt - startedAt - 100 };
}

/** Installed before the page's scripts: times the first rows' paint, full load, and collects long tasks. */
export const PAGE_PROBE = `(() => {
  const afterFrame = (resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });
  window.__pdxLongTasks = [];
  try {
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__pdxLongTasks.push({ at: entry.startTime, ms: entry.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  window.__pdxFirstRows = new Promise((resolve) => {
    const check = () => {
      if (!document.querySelector('.rows [role="row"]')) return false;
      afterFrame(resolve);
      return true;
    };
    new MutationObserver((_, observer) => check() && observer.disconnect()).observe(document, { childList: true, subtree: true });
  });
  window.__pdxLoaded = new Promise((resolve) => {
    const check = () => {
      const status = document.querySelector('.toolbar [role="status"]');
      if (!status || !/^[\\d,]+ papers?$/.test(status.textContent || '')) return false;
      afterFrame(resolve);
      return true;
    };
    new MutationObserver((_, observer) => check() && observer.disconnect()).observe(document, { childList: true, subtree: true, characterData: true });
  });
})()`;

export type Win = Window & { __pdxFirstRows: Promise<number>; __pdxLoaded: Promise<number>; __pdxLongTasks: { at: number; ms: number }[] };

/**
 * Timing helpers installed in the page as plain script (functions evaluated from this file would get the
 * bundler's name helpers, which the page lacks).
 */
const PAGE_HELPERS = `(() => {
  const grid = () => document.querySelector('[role="grid"]');
  // The end of the frame that paints the change: a message posted from that frame's animation-frame
  // callback is handled after its style, layout and paint.
  const nextFrame = (resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });
  window.__pdxBench = {
    // Clicks \`selector\`; resolves to ms until the grid shows a new list (data-list changes), then a frame.
    // Clicks \`selector\`, or with \`value\`, picks that option of the <select> it names; timed to the new list's frame.
    timeListChange(selector, value) {
      const table = grid();
      const before = table.dataset.list;
      const target = document.querySelector(selector);
      if (!target) throw new Error('bench: no ' + selector);
      const started = performance.now();
      const done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (table.dataset.list === before || table.getAttribute('aria-busy') === 'true') return;
          observer.disconnect();
          nextFrame(resolve);
        });
        observer.observe(table, { attributes: true, childList: true, subtree: true });
      });
      if (value === undefined) target.click();
      else {
        target.value = value;
        target.dispatchEvent(new Event('change', { bubbles: true }));
      }
      return done.then((at) => at - started);
    },
    // Before a key: resolves (keyDone) when the grid shows the hits for \`want\`, timed from the keydown.
    armKey(want) {
      const table = grid();
      window.__pdxKeyDone = new Promise((resolve) => {
        const check = () => {
          if (!(table.dataset.list || '').startsWith(want + '|') || table.getAttribute('aria-busy') === 'true') return false;
          nextFrame(resolve);
          return true;
        };
        const observer = new MutationObserver(() => check() && observer.disconnect());
        observer.observe(table, { attributes: true, childList: true, subtree: true });
      });
      document.addEventListener('keydown', () => { window.__pdxKeyAt = performance.now(); }, { capture: true, once: true });
    },
    keyDone() {
      return window.__pdxKeyDone.then((at) => at - window.__pdxKeyAt);
    },
    // Drags through \`wanted\` rows from where the grid is, one step (0.9 screen) a frame, down or up
    // (like dragging the scrollbar: most rows in view are new every frame); longest long task and frame.
    scrollThrough(wanted, down) {
      const table = grid();
      const startedAt = performance.now();
      const from = table.scrollTop;
      const end = down ? Math.min(table.scrollHeight - table.clientHeight, from + wanted * 64) : Math.max(0, from - wanted * 64);
      let longestFrame = 0;
      let frames = 0;
      let last = performance.now();
      return new Promise((resolve) => {
        const step = () => {
          const now = performance.now();
          longestFrame = Math.max(longestFrame, now - last);
          last = now;
          frames++;
          if (down ? table.scrollTop >= end : table.scrollTop <= end) return resolve();
          const by = table.clientHeight * 0.9;
          table.scrollTop = down ? Math.min(end, table.scrollTop + by) : Math.max(end, table.scrollTop - by);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      })
        .then(() => new Promise((resolve) => setTimeout(resolve, 100)))
        .then(() => ({
          rows: Math.round(Math.abs(end - from) / 64),
          longestTask: window.__pdxBench.longestTaskSince(startedAt),
          longestFrame,
          ms: performance.now() - startedAt - 100,
        }));
    },
    longestTaskSince(at) {
      return Math.max(0, ...window.__pdxLongTasks.filter((task) => task.at >= at).map((task) => task.ms));
    },
  };
})()`;

type Bench = {
  timeListChange(selector: string, value?: string): Promise<number>;
  armKey(want: string): void;
  keyDone(): Promise<number>;
  scrollThrough(rows: number, down: boolean): Promise<ScrollPass>;
  longestTaskSince(at: number): number;
};
const bench = (page: Page) => ({
  timeListChange: (selector: string, value?: string) => page.evaluate(([s, v]) => (window as unknown as { __pdxBench: Bench }).__pdxBench.timeListChange(s, v), [selector, value] as const),
  armKey: (want: string) => page.evaluate((w) => (window as unknown as { __pdxBench: Bench }).__pdxBench.armKey(w), want),
  keyDone: () => page.evaluate(() => (window as unknown as { __pdxBench: Bench }).__pdxBench.keyDone()),
  scrollThrough: (rows: number, down: boolean) => page.evaluate(([r, d]) => (window as unknown as { __pdxBench: Bench }).__pdxBench.scrollThrough(r, d), [rows, down] as const),
  longestTaskSince: (at: number) => page.evaluate((a) => (window as unknown as { __pdxBench: Bench }).__pdxBench.longestTaskSince(a), at),
});

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

/**
 * `work` under a Chromium trace with V8's GC events: the main thread's longest task in CPU time, and the
 * collections in it. PAPERDEX_TRACE_OUT=file keeps the raw trace (to open in DevTools), and
 * PAPERDEX_ALLOC_OUT=file an allocation sampling profile of the same pass.
 */
async function traceMainThread(context: BrowserContext, page: Page, work: () => Promise<unknown>): Promise<{ longestThreadMs: number; gc: LibrarySizeBench['dragGc'] }> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (event) => events.push(...(event.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,disabled-by-default-v8.gc', transferMode: 'ReportEvents' });
  const sampling = process.env.PAPERDEX_ALLOC_OUT;
  if (sampling) await cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  // Marks the pass in the trace, so only its tasks count.
  await page.evaluate(() => console.timeStamp('paperdex-pass-start'));
  await work();
  await page.evaluate(() => console.timeStamp('paperdex-pass-end'));
  if (sampling) writeFileSync(sampling, JSON.stringify(await cdp.send('HeapProfiler.stopSampling')));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  if (process.env.PAPERDEX_TRACE_OUT) writeFileSync(process.env.PAPERDEX_TRACE_OUT, JSON.stringify(events));
  const stamps = events.filter((event) => event.name === 'TimeStamp' && /^paperdex-pass-/.test(String(event.args?.data?.message)));
  const start = stamps.find((event) => event.args?.data?.message === 'paperdex-pass-start');
  const end = stamps.find((event) => event.args?.data?.message === 'paperdex-pass-end');
  if (!start || !end) throw new Error('library bench: pass marks missing from the trace');
  const main = events.filter((event) => event.pid === start.pid && event.tid === start.tid && event.ph === 'X' && event.ts >= start.ts && event.ts <= end.ts);
  const threadMs = (event: TraceEvent) => (event.tdur ?? event.dur ?? 0) / 1_000;
  const gcs = main.filter((event) => event.name === 'MajorGC' || event.name === 'MinorGC');
  return {
    longestThreadMs: Math.max(0, ...main.filter((event) => event.name === 'RunTask').map(threadMs)),
    gc: { major: gcs.filter((event) => event.name === 'MajorGC').length, minor: gcs.filter((event) => event.name === 'MinorGC').length, longestMs: Math.max(0, ...gcs.map(threadMs)) },
  };
}

/** In the page: whether the library page has stored its rows (utils/ui/library-page/row-cache-chunks.ts). */
export const hasStoredRows = () =>
  new Promise<boolean>((resolve) => {
    const open = indexedDB.open('paperdex');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const get = open.result.transaction('searchIndex').objectStore('searchIndex').getKey('library-rows');
      get.onsuccess = () => {
        open.result.close();
        resolve(get.result !== undefined);
      };
      get.onerror = () => resolve(false);
    };
  });

/** Polls `hasStoredRows` (waitForFunction would take its promise for a truthy value). */
export async function waitForStoredRows(page: Page, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate(hasStoredRows)) return true;
    await page.waitForTimeout(250);
  }
  return false;
}

const listIsAll = (page: Page) => page.waitForFunction(() => document.querySelector('[role="grid"]')?.getAttribute('data-list')?.startsWith('|'));

/** Types `text` a key at a time; per key, ms from the key event to the grid showing that text's hits. */
async function typeAndTime(page: Page, text: string): Promise<number[]> {
  await page.getByRole('searchbox', { name: 'Search papers' }).fill('');
  await listIsAll(page);
  const times: number[] = [];
  for (let at = 1; at <= text.length; at++) {
    const typed = text.slice(0, at);
    await bench(page).armKey(typed);
    await page.keyboard.type(typed.at(-1)!);
    times.push(await bench(page).keyDone());
  }
  return times;
}

export async function benchLibrary(sizes: number[]): Promise<LibrarySizeBench[]> {
  const fill = await bundleForPage('tests/bench/library-entry.ts', 'paperdexLibraryBenchBundle');
  const results: LibrarySizeBench[] = [];
  for (const size of sizes) {
    const ext = await launchExtension();
    try {
      const url = `chrome-extension://${ext.extensionId}/library.html`;
      const setup = await ext.context.newPage();
      await setup.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
      await setup.evaluate(fill);
      const filled = (await setup.evaluate(`paperdexLibraryBench.fillLibrary(${size})`)) as { typing: string[]; fillMs: number; indexMs: number };
      await setup.close();

      await ext.context.addInitScript({ content: PAGE_PROBE });
      await ext.context.addInitScript({ content: PAGE_HELPERS });
      const firstPaints: number[] = [];
      const loads: number[] = [];
      let longestTaskWhileLoading = 0;
      let firstOpen: LibrarySizeBench['firstOpen'] | undefined;
      let page: Page | undefined;
      for (let round = 0; round < 6; round++) {
        await page?.close();
        page = await ext.context.newPage();
        await page.setViewportSize({ width: 1400, height: 900 });
        await page.goto(url);
        const firstRows = await page.evaluate(() => (window as unknown as Win).__pdxFirstRows);
        const loaded = await page.evaluate(() => (window as unknown as Win).__pdxLoaded);
        const tasks = await page.evaluate(() => (window as unknown as Win).__pdxLongTasks.map((task) => task.ms));
        if (round === 0) {
          // The first open reads every record, then stores the rows for the next opens: wait for that
          // (a build from before the stored rows never does: go on after a while).
          firstOpen = { firstPaint: firstRows, fullyLoaded: loaded, longestTask: Math.max(0, ...tasks) };
          if (!(await waitForStoredRows(page, 20_000))) console.warn(`library bench (${size}): the page never stored its rows; every open reads all records`);
          continue;
        }
        firstPaints.push(firstRows);
        loads.push(loaded);
        longestTaskWhileLoading = Math.max(longestTaskWhileLoading, ...tasks);
      }
      page = page!;
      // Let the page settle (rows stored, caches warm) before timing changes.
      await page.waitForTimeout(1_500);
      const cdp = await ext.context.newCDPSession(page);
      const heapNow = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
      };
      const heapLoadedMB = await heapNow();

      const sortTimes: number[] = [];
      for (let round = 0; round < 3; round++) {
        // Through "Sort by" (the table has one date column, so not every order has a header).
        for (const order of ['title:asc', 'published:desc', 'firstSeen:desc', 'saved:desc', 'lastSeen:desc']) {
          sortTimes.push(await bench(page).timeListChange('.sort-by select', order));
        }
      }

      const filterTimes: number[] = [];
      for (let round = 0; round < 3; round++) {
        for (const [group, label] of [
          ['Status', 'Saved'],
          ['Status', 'Unread'],
          ['Source', 'arXiv'],
          ['Status', 'All'],
          ['Source', 'Any source'],
        ] as const) {
          const at = await page.evaluate(
            ([groupName, text]) => [...document.querySelectorAll(`[role="group"][aria-label="${groupName}"] button`)].findIndex((button) => button.textContent === text),
            [group, label],
          );
          filterTimes.push(await bench(page).timeListChange(`[role="group"][aria-label="${group}"] button:nth-child(${at + 1})`));
        }
        // One reading list (tag) on, then off again.
        filterTimes.push(await bench(page).timeListChange('.tag-list li:nth-child(1) .tag-toggle'));
        filterTimes.push(await bench(page).timeListChange('.tag-list li:nth-child(1) .tag-toggle'));
      }

      let keys: number[] = [];
      await page.getByRole('searchbox', { name: 'Search papers' }).click();
      await typeAndTime(page, 'warm');
      for (const text of filled.typing.slice(0, 6)) keys = keys.concat(await typeAndTime(page, text));
      await page.getByRole('searchbox', { name: 'Search papers' }).fill('');
      await listIsAll(page);

      // Scrolling, after a search (the search index is open: the page's largest heap). Passes go down,
      // then back up, so each pass scrolls through rows (not against an end).
      const scrollRows = Math.min(size, 20_000);
      const dragPasses: ScrollPass[] = [];
      for (let pass = 0; pass < 6; pass++) dragPasses.push(await bench(page).scrollThrough(Math.round(scrollRows / 6), pass < 3));
      const wheelPasses: ScrollPass[] = [];
      for (let pass = 0; pass < 6; pass++) wheelPasses.push(await wheelThrough(page, 400, pass % 2 === 0));
      const traced = await traceMainThread(ext.context, page, () => bench(page!).scrollThrough(Math.round(scrollRows / 6), true));
      const heapMB = await heapNow();
      await page.close();

      results.push({
        size,
        fillMs: filled.fillMs + filled.indexMs,
        firstPaint: summarize(firstPaints),
        fullyLoaded: summarize(loads),
        longestTaskWhileLoading,
        firstOpen: firstOpen!,
        sortChange: summarize(sortTimes),
        filterChange: summarize(filterTimes),
        searchKeystroke: summarize(keys),
        drag: scrollSummary(dragPasses),
        wheel: scrollSummary(wheelPasses),
        dragLongestThreadMs: traced.longestThreadMs,
        dragGc: traced.gc,
        heapLoadedMB,
        heapMB,
      });
    } finally {
      await ext.close();
    }
  }
  return results;
}

const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
const pair = (summary: Summary) => `${ms(summary.median)} / ${ms(summary.p95)}`;

/** The library section of the bench's printed report (markdown). */
export function libraryReport(results: LibrarySizeBench[]): string[] {
  return [
    '',
    '## Library page',
    '',
    'Median / p95 ms. Budgets (issue #5, at 50k): first paint ≤ 300 ms; sort or filter change ≤ 100 ms; no long task > 50 ms while scrolling.',
    '',
    'First open: before the page has stored its rows (after an install or update), every record is read once.',
    '',
    '| papers | first open: first paint / all rows / longest task | first paint | all rows loaded | longest task while loading | sort change | filter change | search keystroke | heap: loaded / after a search |',
    '|---:|---|---|---|---:|---|---|---|---:|',
    ...results.map(
      (result) =>
        `| ${result.size.toLocaleString('en')} | ${ms(result.firstOpen.firstPaint)} / ${ms(result.firstOpen.fullyLoaded)} / ${ms(result.firstOpen.longestTask)} | ` +
        `${pair(result.firstPaint)} | ${pair(result.fullyLoaded)} | ${ms(result.longestTaskWhileLoading)} | ` +
        `${pair(result.sortChange)} | ${pair(result.filterChange)} | ${pair(result.searchKeystroke)} | ${result.heapLoadedMB.toFixed(1)} / ${result.heapMB.toFixed(1)} MB |`,
    ),
    '',
    'Scrolling (after a search): the longest long task per pass (Long Tasks API: 0 = none over 50 ms), median / p95 / max over passes down and back up. ' +
      'Drag: 0.9 screen a frame, like dragging the scrollbar. Wheel: real wheel events of 100 px, as fast as they can be sent. ' +
      'Traced: one drag pass under a trace, the longest main-thread task in CPU time and the collections in it.',
    '',
    '| papers | drag: rows, px/s | drag: longest task | wheel: rows, px/s | wheel: longest task | traced drag: longest task (CPU) | traced drag: major / minor GCs, longest |',
    '|---:|---|---|---|---|---|---|',
    ...results.map(
      (result) =>
        `| ${result.size.toLocaleString('en')} | ${result.drag.rows.toLocaleString('en')}, ${result.drag.pxPerSecond.toLocaleString('en')} | ${pair(result.drag.longestTask)} / ${ms(result.drag.longestTask.max)} | ` +
        `${result.wheel.rows.toLocaleString('en')}, ${result.wheel.pxPerSecond.toLocaleString('en')} | ${pair(result.wheel.longestTask)} / ${ms(result.wheel.longestTask.max)} | ` +
        `${ms(result.dragLongestThreadMs)} | ${result.dragGc.major} / ${result.dragGc.minor}, ${ms(result.dragGc.longestMs)} |`,
    ),
  ];
}
