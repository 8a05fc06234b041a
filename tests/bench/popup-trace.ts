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
import { FIRST_RESULTS_PROBE } from './popup';

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

function summarize(events: TraceEvent[], from = 'ParseHTML'): string {
  const mainThread = events.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain' &&
    events.some((other) => other.pid === event.pid && other.tid === event.tid && other.name === from));
  if (!mainThread) return 'no renderer main thread';
  const main = events.filter((event) => event.pid === mainThread.pid && event.tid === mainThread.tid && event.ph === 'X');
  const marks = events.filter((event) => event.pid === mainThread.pid && (event.ph === 'R' || event.ph === 'I' || event.ph === 'n') && event.cat.includes('user_timing'));
  const start = Math.min(...main.filter((event) => event.name === from).map((event) => event.ts));
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
    const dispatched = inside.filter((event) => event.name === 'EventDispatch').map((event) => String(event.args?.data?.type)).filter((type) => ['keydown', 'input', 'keyup'].includes(type));
    if (dispatched.length) kinds.set(dispatched.join('+'), 0.2);
    const names = [...kinds].filter(([, ms]) => ms >= 0.2).map(([kind, ms]) => `${kind} ${ms.toFixed(1)}`).join(', ');
    lines.push(`${((task.ts - start) / 1000).toFixed(1).padStart(7)} +${((task.dur ?? 0) / 1000).toFixed(1).padStart(5)} (cpu ${((task.tdur ?? 0) / 1000).toFixed(1)}) ${names}`);
  }
  for (const mark of marks) lines.push(`${((mark.ts - start) / 1000).toFixed(1).padStart(7)} mark ${mark.name}`);
  return lines.sort((a, b) => parseFloat(a) - parseFloat(b)).join('\n');
}

/** Renderer main-thread CPU (thread time of its tasks) from navigation start to `untilMs` after it. */
function mainThreadCpuUntil(events: TraceEvent[], untilMs: number): number {
  const navigation = events.find((event) => event.name === 'navigationStart' && event.args?.data && (event.args.data as { documentLoaderURL?: string }).documentLoaderURL?.endsWith('/popup.html'));
  const parse = events.find((event) => event.name === 'ParseHTML');
  if (!navigation || !parse) return NaN;
  const tasks = events.filter((event) => event.pid === parse.pid && event.tid === parse.tid && event.ph === 'X' && (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask'));
  const end = navigation.ts + untilMs * 1000;
  return tasks.filter((task) => task.ts >= navigation.ts && task.ts < end).reduce((sum, task) => sum + (task.tdur ?? 0), 0) / 1000;
}

/** Thread time of the tasks that handle a keydown (the input event, search and render run in them). */
function keystrokeCpu(events: TraceEvent[]): string {
  const keys = events.filter((event) => event.name === 'EventDispatch' && event.args?.data?.type === 'keydown');
  if (!keys.length) return 'no keystrokes';
  const { pid, tid } = keys[0]!;
  const tasks = events.filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X' && (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask'));
  const cpu = keys
    .map((key) => tasks.find((task) => task.ts <= key.ts && key.ts <= task.ts + (task.dur ?? 0)))
    .filter((task): task is TraceEvent => task !== undefined)
    .map((task) => (task.tdur ?? 0) / 1000);
  const order = [...cpu];
  cpu.sort((a, b) => a - b);
  const total = cpu.reduce((sum, ms) => sum + ms, 0);
  return `keystroke tasks (thread ms, in typing order): ${order.map((ms) => ms.toFixed(1)).join(" ")}\nkeystroke tasks: ${cpu.length}, thread time median ${cpu[cpu.length >> 1]!.toFixed(1)} ms, max ${cpu.at(-1)!.toFixed(1)}, mean ${(total / cpu.length).toFixed(2)}`;
}

const size = Number(process.argv[2] ?? 10_000);
const opens = Number(process.argv[3] ?? 4);
/** With a text: after the opens, the typing of it is traced (per key: its tasks). */
const typed = process.argv[4];
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
  await ext.context.addInitScript({ content: FIRST_RESULTS_PROBE });
  const cpuToLive: number[] = [];
  const wallToLive: number[] = [];
  for (let round = 0; round <= opens; round++) {
    const page: Page = await ext.context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    const cdp = await ext.context.newCDPSession(page);
    const events = await traced(cdp, async () => {
      await page.goto(url);
      const at = (await page.evaluate('window.__pdxLibraryList')) as number;
      if (round > 0) wallToLive.push(at);
      await page.waitForTimeout(400);
    });
    if (round > 0) cpuToLive.push(mainThreadCpuUntil(events, wallToLive.at(-1)!));
    if (round > 0) {
      console.log(`--- open ${round} (${size} papers)`);
      console.log(summarize(events));
      if (process.env.TRACE_OUT) await writeFile(`${process.env.TRACE_OUT}-${round}.json`, JSON.stringify({ traceEvents: events }));
    }
    await page.close();
  }
  if (opens) {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    console.log(`open -> library's own list painted: wall ${wallToLive.map((ms) => ms.toFixed(0)).join(' ')} (median ${median(wallToLive).toFixed(1)}); renderer main-thread CPU until then ${cpuToLive.map((ms) => ms.toFixed(1)).join(' ')} (median ${median(cpuToLive).toFixed(1)})`);
  }
  if (typed) {
    const page: Page = await ext.context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(url);
    await page.waitForSelector(live);
    const search = page.getByRole('searchbox', { name: 'Search papers' });
    await search.pressSequentially('warm up', { delay: 100 });
    await page.waitForTimeout(500);
    await search.fill('');
    await page.waitForTimeout(300);
    const cdp = await ext.context.newCDPSession(page);
    const events = await traced(cdp, async () => {
      await search.pressSequentially(typed, { delay: 120 });
      await page.waitForTimeout(300);
    });
    // Where the typing's JavaScript goes: a sampled CPU profile, self time by function.
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await search.fill('');
    await page.waitForTimeout(300);
    await cdp.send('Profiler.start');
    await search.pressSequentially(typed, { delay: 120 });
    await page.waitForTimeout(300);
    const { profile } = await cdp.send('Profiler.stop');
    const selfUs = new Map<string, number>();
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, at) => {
      const frame = byId.get(id)!.callFrame;
      const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}:${frame.columnNumber}`;
      selfUs.set(name, (selfUs.get(name) ?? 0) + (deltas[at + 1] ?? 0));
    });
    console.log('--- self time while typing (ms)');
    for (const [name, us] of [...selfUs].filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(us / 1000).toFixed(1).padStart(7)} ${name}`);
    console.log(`--- typing ${JSON.stringify(typed)} (${size} papers)`);
    console.log(summarize(events, 'EventDispatch'));
    console.log(keystrokeCpu(events));
    if (process.env.TRACE_OUT) await writeFile(`${process.env.TRACE_OUT}-typing.json`, JSON.stringify({ traceEvents: events }));
    await page.close();
  }
} finally {
  await ext.close();
}
