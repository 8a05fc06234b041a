/**
 * On-page controls benchmarks (issue #4), in headless Chromium:
 * - pipeline: the content script's main-thread work on a 100-card HF listing (parse, the capture
 *   message serialised, list cards, mount every control in its slices, render the library's answer,
 *   then one forced style/layout), run in the page with the shipped modules (no extension, so nothing
 *   else touches the page); and the same on a 2,000-entry arXiv `show=2000` listing, where the
 *   longest task matters (its parse runs in steps of 100 entries, as the content script runs it);
 * - long tasks: the real extension on the same pages, a `longtask` PerformanceObserver registered before
 *   the page loads, and the time window in which the controls appeared; the same pages without the
 *   extension as a baseline (HTML parsing of a 2,000-entry page is a long task of its own); and, in
 *   traced loads, the thread (CPU) time of each main-thread task once the content script runs.
 */
import { readFile } from 'node:fs/promises';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildArxivListingHtml } from '../fixtures/arxiv-pages';
import { launchExtension, serveFixtures } from '../browser/harness';
import { bundleForPage } from './bundle';
import { summarize, type Summary } from './stats';

const HF_FIXTURE = 'tests/fixtures/hf/daily-100.html';
const HF_URL = 'https://huggingface.co/papers/date/2026-03-12';

interface PipelineRun {
  cards: number;
  capture: number;
  captureTasks: number[];
  firstTask: number;
  slices: number[];
  stateRender: number;
  layout: number;
  frame: number;
  total: number;
}

export interface PipelineBench {
  cards: number;
  total: Summary;
  capture: Summary;
  /** Longest task of the capture (arXiv parses in steps). */
  longestCaptureTask: Summary;
  captureTasksPerRun: number;
  firstTask: Summary;
  mountSlices: Summary;
  longestSlice: Summary;
  slicesPerRun: number;
  stateRender: Summary;
  layout: Summary;
  frame: Summary;
  totalWithFrame: Summary;
  /** Traced runs: thread time of all main-thread tasks from the run's start to its end mark. */
  threadTime: Summary;
}

export interface LongTaskBench {
  cards: number;
  /** Longest task of each page load (0 when no task reached 50 ms). */
  longest: Summary;
  /** Longest task that overlapped the window in which controls were mounted. */
  longestWhileMounting: Summary;
  /** From the first control to the last, per load. */
  mountWindow: Summary;
  /** Controls mounted by the end of the load (cards far from the viewport wait for it). */
  mounted: Summary;
  /** The same page without the extension. */
  baselineLongest: Summary;
  /** Traced loads: the longest main-thread task from the content script's start, in thread (CPU) time. */
  longestThreadTime: Summary;
  /** Traced loads: main-thread tasks over 50 ms of thread time from the content script's start. */
  threadTasksOver50: Summary;
}

export interface ControlsBench {
  hfPipeline: PipelineBench;
  arxivPipeline: PipelineBench;
  hfLongTasks: LongTaskBench;
  arxivLongTasks: LongTaskBench;
}

const OBSERVE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__controls = [];
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.nodeName === 'PAPERDEX-CONTROL') window.__controls.push(performance.now());
  }).observe(document, { childList: true, subtree: true });
`;

interface LoadResult {
  tasks: { start: number; duration: number }[];
  controls: number[];
}

async function load(page: Page, url: string, expected: number): Promise<LoadResult> {
  await page.goto(url);
  if (expected) {
    // Mounting is over when no control came for a second: every card's, or (arXiv's inline controls,
    // utils/ui/card-controls/near-viewport.ts) those of the cards near the viewport.
    await page.waitForFunction(
      () => {
        const controls = (window as unknown as { __controls: number[] }).__controls;
        return controls.length > 0 && performance.now() - controls[controls.length - 1]! > 1_000;
      },
      undefined,
      { timeout: 60_000, polling: 100 },
    );
  }
  await page.waitForTimeout(1_000); // let the capture's answer and the state render land
  return page.evaluate(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __controls: number[] };
    return { tasks: w.__longTasks, controls: w.__controls };
  });
}

interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { url?: string; message?: string } };
}

/** The tasks of one thread of a trace: the page's main thread is the one that `marker` names. */
function threadTasks(events: TraceEvent[], marker: TraceEvent | undefined): TraceEvent[] {
  if (!marker) throw new Error('trace: main thread not found');
  return events.filter((event) => event.tid === marker.tid && event.name === 'RunTask' && event.ph === 'X');
}

async function trace<T>(context: BrowserContext, page: Page, work: () => Promise<T>): Promise<{ events: TraceEvent[]; result: T }> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (event) => events.push(...(event.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  const result = await work();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return { events, result };
}

/** Thread ms of each pipeline run: the tasks between its `paperdex-run-start` and `-end` timestamps. */
async function traced(page: Page, runs: number, once: () => Promise<unknown>): Promise<number[]> {
  const { events } = await trace(page.context(), page, async () => {
    for (let i = 0; i < runs; i++) await once();
  });
  const stampEvents = events.filter((event) => event.name === 'TimeStamp');
  const stamps = stampEvents.map((event) => ({ ts: event.ts, message: event.args?.data?.message }));
  const starts = stamps.filter((stamp) => stamp.message === 'paperdex-run-start');
  const ends = stamps.filter((stamp) => stamp.message === 'paperdex-run-end');
  if (starts.length !== runs || ends.length !== runs) throw new Error(`traced ${starts.length}/${ends.length} of ${runs} pipeline runs`);
  const tasks = threadTasks(events, stampEvents[0]);
  return starts.map((start, at) =>
    tasks
      .filter((task) => task.ts + (task.dur ?? 0) >= start.ts && task.ts <= ends[at]!.ts)
      .reduce((sum, task) => sum + (task.tdur ?? task.dur ?? 0) / 1_000, 0),
  );
}

/**
 * The same load under a Chromium trace: the CPU (thread) time of each main-thread task from the content
 * script's first evaluation until the controls are mounted and the state render landed. Thread time
 * resists a busy machine, where wall-clock long tasks stretch with every other process.
 */
async function tracedLoad(context: BrowserContext, url: string, expected: number): Promise<number[]> {
  const page = await context.newPage();
  try {
    await page.goto('about:blank');
    const { events } = await trace(context, page, () => load(page, url, expected));
    const tasks = threadTasks(events, events.find((event) => event.name === 'ParseHTML'));
    const start = events.find((event) => event.name === 'EvaluateScript' && /\/content-scripts\//.test(event.args?.data?.url ?? ''));
    if (!start) throw new Error(`no content script evaluated on ${url}`);
    return tasks.filter((task) => task.ts + (task.dur ?? 0) >= start.ts).map((task) => (task.tdur ?? task.dur ?? 0) / 1_000);
  } finally {
    await page.close();
  }
}

function longTasks(withExtension: LoadResult[], without: LoadResult[], cards: number, traced: number[][]): LongTaskBench {
  const longest = (run: LoadResult) => Math.max(0, ...run.tasks.map((task) => task.duration));
  return {
    cards,
    longest: summarize(withExtension.map(longest)),
    longestWhileMounting: summarize(
      withExtension.map((run) => {
        const first = Math.min(...run.controls);
        const last = Math.max(...run.controls);
        return Math.max(0, ...run.tasks.filter((task) => task.start + task.duration >= first && task.start <= last).map((task) => task.duration));
      }),
    ),
    mountWindow: summarize(withExtension.map((run) => Math.max(...run.controls) - Math.min(...run.controls))),
    mounted: summarize(withExtension.map((run) => run.controls.length)),
    baselineLongest: summarize(without.map(longest)),
    longestThreadTime: summarize(traced.map((tasks) => Math.max(0, ...tasks))),
    threadTasksOver50: summarize(traced.map((tasks) => tasks.filter((ms) => ms > 50).length)),
  };
}

function pipeline(runs: PipelineRun[], threadTimes: number[]): PipelineBench {
  return {
    cards: runs[0]!.cards,
    total: summarize(runs.map((run) => run.total)),
    threadTime: summarize(threadTimes),
    capture: summarize(runs.map((run) => run.capture)),
    longestCaptureTask: summarize(runs.map((run) => Math.max(...run.captureTasks))),
    captureTasksPerRun: Math.round(runs.reduce((sum, run) => sum + run.captureTasks.length, 0) / runs.length),
    firstTask: summarize(runs.map((run) => run.firstTask)),
    mountSlices: summarize(runs.map((run) => run.slices.reduce((sum, ms) => sum + ms, 0))),
    longestSlice: summarize(runs.map((run) => Math.max(run.firstTask, ...run.slices))),
    slicesPerRun: Math.round(runs.reduce((sum, run) => sum + run.slices.length, 0) / runs.length),
    stateRender: summarize(runs.map((run) => run.stateRender)),
    layout: summarize(runs.map((run) => run.layout)),
    frame: summarize(runs.map((run) => run.frame)),
    totalWithFrame: summarize(runs.map((run) => run.total + run.frame)),
  };
}

export async function benchControls(options: { loads?: number; pipelineRuns?: number } = {}): Promise<ControlsBench> {
  const loads = options.loads ?? 3;
  const pipelineRuns = options.pipelineRuns ?? 20;
  const hfHtml = await readFile(new URL(`../../${HF_FIXTURE}`, import.meta.url), 'utf8');
  const arxiv = buildArxivListingHtml(2_000);
  const bundle = await bundleForPage('tests/bench/controls-entry.ts', 'paperdexControlsBenchBundle');

  // Without the extension: the pipeline in the page, and the baseline long tasks.
  const browser = await chromium.launch({
    headless: true,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND'],
  });
  let hfRuns: PipelineRun[];
  let arxivRuns: PipelineRun[];
  let hfThread: number[];
  let arxivThread: number[];
  const hfBaseline: LoadResult[] = [];
  const arxivBaseline: LoadResult[] = [];
  try {
    const context = await browser.newContext();
    await context.route(/^https?:\/\//, (route) => {
      const url = route.request().url();
      if (url === HF_URL) return route.fulfill({ body: hfHtml, contentType: 'text/html; charset=utf-8' });
      if (url === arxiv.url) return route.fulfill({ body: arxiv.html, contentType: 'text/html; charset=utf-8' });
      return route.abort();
    });
    await context.addInitScript(OBSERVE);
    const page = await context.newPage();
    const runPipeline = async (url: string, site: 'hf' | 'arxiv', runs: number) => {
      await page.goto(url);
      await page.addScriptTag({ content: bundle });
      type Bench = { reset(): Promise<void>; run(site: string): Promise<PipelineRun> };
      const once = async () => {
        await page.evaluate(() => (globalThis as unknown as { paperdexControlsBench: Bench }).paperdexControlsBench.reset());
        return page.evaluate((which) => (globalThis as unknown as { paperdexControlsBench: Bench }).paperdexControlsBench.run(which), site);
      };
      const results: PipelineRun[] = [];
      for (let i = 0; i < runs + 3; i++) {
        const result = await once();
        if (i >= 3) results.push(result); // the first runs warm up the JIT
      }
      // As many runs again under a trace (its own cost kept out of the steps above): the thread time of
      // every main-thread task of each run, rendering included, which a busy machine does not stretch.
      const threadTimes = await traced(page, runs, once);
      return { results, threadTimes };
    };
    ({ results: hfRuns, threadTimes: hfThread } = await runPipeline(HF_URL, 'hf', pipelineRuns));
    ({ results: arxivRuns, threadTimes: arxivThread } = await runPipeline(arxiv.url, 'arxiv', Math.max(5, Math.round(pipelineRuns / 3))));
    if (hfRuns[0]!.cards !== 100) throw new Error(`expected 100 HF controls, mounted ${hfRuns[0]!.cards}`);
    if (arxivRuns[0]!.cards !== 2_000) throw new Error(`expected 2,000 arXiv controls, mounted ${arxivRuns[0]!.cards}`);
    for (let i = 0; i < loads; i++) {
      const fresh = await context.newPage();
      hfBaseline.push(await load(fresh, HF_URL, 0));
      arxivBaseline.push(await load(fresh, arxiv.url, 0));
      await fresh.close();
    }
  } finally {
    await browser.close();
  }

  // With the extension: its real content script on the same pages.
  const hfLoads: LoadResult[] = [];
  const arxivLoads: LoadResult[] = [];
  const hfTraced: number[][] = [];
  const arxivTraced: number[][] = [];
  const ext = await launchExtension();
  try {
    await serveFixtures(ext.context, { [HF_URL]: HF_FIXTURE, [arxiv.url]: arxiv.html });
    await ext.context.addInitScript(OBSERVE);
    for (let i = 0; i < loads; i++) {
      const page = await ext.context.newPage();
      hfLoads.push(await load(page, HF_URL, 100));
      arxivLoads.push(await load(page, arxiv.url, 2_000));
      await page.close();
    }
    // Separate loads: tracing has a cost of its own, kept out of the observer's figures above.
    for (let i = 0; i < loads; i++) {
      hfTraced.push(await tracedLoad(ext.context, HF_URL, 100));
      arxivTraced.push(await tracedLoad(ext.context, arxiv.url, 2_000));
    }
  } finally {
    await ext.close();
  }

  return {
    hfPipeline: pipeline(hfRuns, hfThread),
    arxivPipeline: pipeline(arxivRuns, arxivThread),
    hfLongTasks: longTasks(hfLoads, hfBaseline, 100, hfTraced),
    arxivLongTasks: longTasks(arxivLoads, arxivBaseline, 2_000, arxivTraced),
  };
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const cell = (summary: Summary) => `${ms(summary.median)} / ${ms(summary.p95)}`;

/** The bench's table for `npm run bench -- controls`. */
export function controlsReport(bench: ControlsBench): string[] {
  const { hfPipeline: hf, arxivPipeline: ax, hfLongTasks: hfTasks, arxivLongTasks: axTasks } = bench;
  return [
    '',
    '## On-page controls',
    '',
    'Content script main-thread time, in the page with the shipped modules (median / p95 ms):',
    '',
    '| step | 100-card HF listing | 2,000-entry arXiv listing |',
    '|---|---:|---:|',
    `| parse + capture message serialised | ${cell(hf.capture)} | ${cell(ax.capture)} |`,
    `| longest capture task (${hf.captureTasksPerRun} / ${ax.captureTasksPerRun} tasks) | ${cell(hf.longestCaptureTask)} | ${cell(ax.longestCaptureTask)} |`,
    `| list cards + first mounting slice (same task) | ${cell(hf.firstTask)} | ${cell(ax.firstTask)} |`,
    `| idle mounting slices, summed (${hf.slicesPerRun} / ${ax.slicesPerRun} slices) | ${cell(hf.mountSlices)} | ${cell(ax.mountSlices)} |`,
    `| longest mounting task | ${cell(hf.longestSlice)} | ${cell(ax.longestSlice)} |`,
    `| render the library's answer (all seen, a tenth saved) | ${cell(hf.stateRender)} | ${cell(ax.stateRender)} |`,
    `| style + layout with the controls | ${cell(hf.layout)} | ${cell(ax.layout)} |`,
    `| **total** (budget on 100 cards: ≤ 20 ms) | **${cell(hf.total)}** | ${cell(ax.total)} |`,
    `| pre-paint + paint of the next frame (not in the total: mostly the page's own repaint, which any insertion near its top causes) | ${cell(hf.frame)} | ${cell(ax.frame)} |`,
    `| total with that frame | ${cell(hf.totalWithFrame)} | ${cell(ax.totalWithFrame)} |`,
    `| the same runs traced: thread time of every main-thread task from start to end, rendering included (resists load) | ${cell(hf.threadTime)} | ${cell(ax.threadTime)} |`,
    `| runs | ${hf.total.n} | ${ax.total.n} |`,
    '',
    'Long tasks (PerformanceObserver `longtask`, ≥ 50 ms; 0 = none) with the real extension, per page load (median / p95 ms):',
    '',
    '| page | longest task | longest while controls mount | first → last control | controls mounted | longest without the extension |',
    '|---|---:|---:|---:|---:|---:|',
    `| 100-card HF listing | ${cell(hfTasks.longest)} | ${cell(hfTasks.longestWhileMounting)} | ${cell(hfTasks.mountWindow)} | ${hfTasks.mounted.median} | ${cell(hfTasks.baselineLongest)} |`,
    `| 2,000-entry arXiv listing | ${cell(axTasks.longest)} | ${cell(axTasks.longestWhileMounting)} | ${cell(axTasks.mountWindow)} | ${axTasks.mounted.median} | ${cell(axTasks.baselineLongest)} |`,
    `| loads | ${hfTasks.longest.n} | | | | |`,
    '',
    'The same loads traced (Chromium trace, thread time of each main-thread task from the content script\'s first evaluation until the controls are mounted + 1 s; resists a busy machine):',
    '',
    '| page | longest task, thread ms | tasks over 50 thread ms |',
    '|---|---:|---:|',
    `| 100-card HF listing | ${cell(hfTasks.longestThreadTime)} | ${cell(hfTasks.threadTasksOver50)} |`,
    `| 2,000-entry arXiv listing | ${cell(axTasks.longestThreadTime)} | ${cell(axTasks.threadTasksOver50)} |`,
  ];
}
