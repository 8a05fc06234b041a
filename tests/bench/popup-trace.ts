/**
 * Where the popup's open goes, not a budget: fills a library of N papers, opens the popup a few times
 * with a Chromium trace, and prints the renderer main thread's tasks up to the library's own list
 * (thread time per task, with the main kinds of work inside it: script, style, layout, paint, GC).
 *   npx tsx tests/bench/popup-trace.ts 10000 [opens]
 */
import { writeFile } from 'node:fs/promises';
import type { CDPSession, Page } from 'playwright-core';
import { launchExtension } from '../browser/harness';
import { bundleForPage } from './bundle';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

const CATEGORIES = ['devtools.timeline', 'blink.user_timing', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink', 'loading', 'IndexedDB'];

async function traced(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  await run();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

const KINDS: Record<string, string> = {
  EvaluateScript: 'script',
  'v8.compile': 'compile',
  'v8.compileModule': 'compile',
  'v8.evaluateModule': 'module',
  FunctionCall: 'js',
  TimerFire: 'timer',
  FireAnimationFrame: 'raf',
  EventDispatch: 'event',
  ParseHTML: 'html',
  ParseAuthorStyleSheet: 'css-parse',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  Paint: 'paint',
  PrePaint: 'prepaint',
  Layerize: 'layerize',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  RunMicrotasks: 'microtasks',
  HitTest: 'hit',
};

function summarize(events: TraceEvent[]): string {
  const mainThread = events.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain' &&
    events.some((other) => other.pid === event.pid && other.name === 'ParseHTML'));
  if (!mainThread) return 'no renderer main thread';
  const main = events.filter((event) => event.pid === mainThread.pid && event.tid === mainThread.tid && event.ph === 'X');
  const marks = events.filter((event) => event.pid === mainThread.pid && (event.ph === 'R' || event.ph === 'I' || event.ph === 'n') && event.cat.includes('user_timing'));
  const start = Math.min(...main.filter((event) => event.name === 'ParseHTML').map((event) => event.ts));
  const tasks = main.filter((event) => event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  const lines: string[] = [];
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    if (end < start - 50_000 || (task.dur ?? 0) < 300) continue;
    const inside = main.filter((event) => event !== task && event.ts >= task.ts && event.ts + (event.dur ?? 0) <= end);
    const kinds = new Map<string, number>();
    for (const event of inside) {
      const kind = KINDS[event.name];
      if (kind) kinds.set(kind, (kinds.get(kind) ?? 0) + (event.dur ?? 0) / 1000);
    }
    const names = [...kinds].filter(([, ms]) => ms >= 0.2).map(([kind, ms]) => `${kind} ${ms.toFixed(1)}`).join(', ');
    lines.push(`${((task.ts - start) / 1000).toFixed(1).padStart(7)} +${((task.dur ?? 0) / 1000).toFixed(1).padStart(5)} (cpu ${((task.tdur ?? 0) / 1000).toFixed(1)}) ${names}`);
  }
  for (const mark of marks) lines.push(`${((mark.ts - start) / 1000).toFixed(1).padStart(7)} mark ${mark.name}`);
  return lines.sort((a, b) => parseFloat(a) - parseFloat(b)).join('\n');
}

const size = Number(process.argv[2] ?? 10_000);
const opens = Number(process.argv[3] ?? 4);
const fill = await bundleForPage('tests/bench/popup-entry.ts', 'paperdexPopupBenchBundle');
const ext = await launchExtension();
try {
  const url = `chrome-extension://${ext.extensionId}/popup.html`;
  const setup = await ext.context.newPage();
  await setup.goto(url);
  await setup.evaluate(fill);
  await setup.evaluate(`paperdexPopupBench.fillLibrary(${size})`);
  await setup.close();
  const live = '[role="list"][aria-label="Papers"]:not([data-source="snapshot"]) [role="listitem"]';
  for (let round = 0; round <= opens; round++) {
    const page: Page = await ext.context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    const cdp = await ext.context.newCDPSession(page);
    const events = await traced(cdp, async () => {
      await page.goto(url);
      await page.waitForSelector(live);
      await page.waitForTimeout(400);
    });
    if (round > 0) {
      console.log(`--- open ${round} (${size} papers)`);
      console.log(summarize(events));
      if (process.env.TRACE_OUT) await writeFile(`${process.env.TRACE_OUT}-${round}.json`, JSON.stringify({ traceEvents: events }));
    }
    await page.close();
  }
} finally {
  await ext.close();
}
