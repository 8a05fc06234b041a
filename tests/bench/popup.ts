/**
 * Popup benchmarks (issue #3), in the real built extension in Chromium, with libraries of 1k, 10k and
 * 50k synthetic papers written straight into the extension's database (and their search index stored,
 * as the popup leaves it after its first open):
 * - open → first results painted (the recent list), median of 7 opens: from navigation start to the end
 *   of the frame that first shows a result (a task posted from that frame's animation-frame callback
 *   runs after its style, layout and paint);
 * - keystroke → results updated for the typed text (the DOM update, seen by a MutationObserver), p95
 *   over every keystroke of the typing queries; and the same to the end of the frame that paints it;
 * - planted papers in the top 5 for the 27 targeted queries (typos, prefixes, authors, ids…);
 * - popup JavaScript, gzipped; JS heap after open (the library's list painted) and after typing, each
 *   after a forced GC.
 * `PDX_KEYS=1` prints each keystroke's times (to the DOM update, to the painted frame) as it types.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchExtension } from '../browser/harness';
import { bundleForPage, ROOT } from './bundle';
import { summarize, type Summary } from './stats';

const OUTPUT = path.join(ROOT, process.env.PAPERDEX_OUT_DIR ?? '.output', 'chrome-mv3');

/**
 * Gzipped size of every script the popup page can load: its entry and every chunk reachable from it
 * by static or dynamic import (lazy chunks included), plus `alsoLoaded` (scripts the browser was seen
 * fetching, so a load this scan misses is still counted). Each file is gzipped on its own, as served.
 */
export async function popupScriptBytes(alsoLoaded: readonly string[] = []): Promise<{ raw: number; gzip: number; files: string[] }> {
  const html = await readFile(path.join(OUTPUT, 'popup.html'), 'utf8');
  const queue = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map((match) => match[1]!);
  queue.push(...alsoLoaded);
  const seen = new Set<string>();
  let raw = 0;
  let gzip = 0;
  while (queue.length) {
    const file = path.join(OUTPUT, queue.shift()!.replace(/^\//, ''));
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(file);
    raw += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
    // Static and dynamic imports, with any quote style Vite writes (`import(\`./x.js\`)` included).
    for (const match of code.toString('utf8').matchAll(/(?:from|import)\s*\(?\s*["'`]([^"'`]+\.js)["'`]/g)) {
      queue.push(path.relative(OUTPUT, path.resolve(path.dirname(file), match[1]!)));
    }
  }
  return { raw, gzip, files: [...seen].map((file) => path.relative(OUTPUT, file)) };
}

export interface PopupSizeBench {
  size: number;
  fillMs: number;
  indexBuildMs: number;
  openToFirstResults: Summary;
  /** Open → the library's own list painted (not the snapshot of the last open). */
  openToLibraryList: Summary;
  /** Open → first result painted of a page with no script (`FLOOR_PAGE`), opened after each popup open. */
  floor: Summary;
  keystroke: Summary;
  /** Keystroke → the end of the frame that paints its results. */
  keystrokePainted: Summary;
  emptyKeystrokes: number;
  planted: { hits: number; of: number; misses: string[] };
  /** JS heap (MB, after a forced GC) once the last open painted the library's own list, before any typing. */
  heapAfterOpenMB: number;
  /** JS heap (MB, after a forced GC) once the last open has typed every typing query. */
  heapAfterTypingMB: number;
  /** Every script file the popup pages fetched (opens and typing), relative to the extension root. */
  scriptsLoaded: string[];
}

/**
 * Resolves to the end of the frame that paints `done`'s first true: a message posted from that frame's
 * animation-frame callback is handled after the frame's style, layout and paint.
 */
export const AFTER_FRAME = `(onDone) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => onDone(performance.now());
  channel.port2.postMessage(0);
})`;

/**
 * Two times per open: the first results painted (from the snapshot the last open kept, when there is
 * one), and the library's own list painted (read from IndexedDB, with the search code loaded).
 */
export const FIRST_RESULTS_PROBE = `(() => {
  const afterFrame = ${AFTER_FRAME};
  const painted = (selector) => new Promise((resolve) => {
    const check = () => {
      if (document.querySelector(selector)) {
        afterFrame(resolve);
        return true;
      }
      return false;
    };
    new MutationObserver((_, observer) => check() && observer.disconnect()).observe(document, { childList: true, subtree: true, attributes: true });
  });
  window.__pdxFirstResults = painted('[role="listitem"]');
  window.__pdxLibraryList = painted('[role="list"][aria-label="Papers"]:not([data-source="snapshot"]) [role="listitem"]');
})()`;

/**
 * The floor under "open → first results": the popup's own HTML and stylesheet with one static result
 * and no script, opened in the same way. What the popup takes above it is its own work (script, reads,
 * rendering); the floor itself is the browser's (a new tab's navigation, style, first frame).
 */
const FLOOR_PAGE = 'bench-floor.html';

/** A copy of the build with `FLOOR_PAGE` added (the build the extension ships is left as it is). */
async function buildWithFloorPage(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'paperdex-bench-'));
  await cp(OUTPUT, dir, { recursive: true });
  const html = (await readFile(path.join(OUTPUT, 'popup.html'), 'utf8'))
    .replace(/<script\b[^>]*>[^<]*<\/script>/g, '')
    .replace('<div id="app"></div>', '<div id="app"><ul role="list" aria-label="Papers"><li role="listitem">A paper seen today</li></ul></div>');
  if (/<script/.test(html) || !html.includes('role="listitem"')) throw new Error('bench floor page: popup.html is not laid out as expected');
  await writeFile(path.join(dir, FLOOR_PAGE), html);
  return dir;
}

async function openPopup(page: Page, url: string): Promise<{ first: number; library: number }> {
  await page.goto(url);
  return page.evaluate(async () => {
    const w = window as unknown as { __pdxFirstResults: Promise<number>; __pdxLibraryList: Promise<number> };
    return { first: await w.__pdxFirstResults, library: await w.__pdxLibraryList };
  });
}

/**
 * Installed once per page: after each key, records when the list first shows the results for the text
 * typed so far (a MutationObserver, so the time is that of the DOM update, not of the next poll).
 */
const KEYSTROKE_PROBE = `(() => {
  if (window.__pdxProbe) return;
  window.__pdxProbe = true;
  const afterFrame = ${AFTER_FRAME};
  const check = () => {
    if (window.__pdxWant === undefined || window.__pdxDoneAt !== undefined) return;
    const list = document.querySelector('[role="list"][aria-label="Papers"]');
    if (!list || list.getAttribute('data-query') !== window.__pdxWant || list.getAttribute('aria-busy') === 'true') return;
    window.__pdxDoneAt = performance.now();
    window.__pdxItems = list.querySelectorAll('[role="listitem"]').length;
    const want = window.__pdxWant;
    afterFrame((at) => { if (window.__pdxWant === want) window.__pdxPaintedAt = at; });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener('keydown', () => { window.__pdxKeyAt = performance.now(); }, { capture: true });
})()`;

/**
 * Types `text` one key at a time; per key, ms from the key event to the list showing that text's
 * results (the DOM update), and to the end of the frame that paints them.
 */
export async function typeAndTime(page: Page, text: string): Promise<{ times: number[]; painted: number[]; empty: number }> {
  const input = page.getByRole('searchbox', { name: 'Search papers' });
  await input.fill('');
  await page.evaluate(KEYSTROKE_PROBE);
  const times: number[] = [];
  const painted: number[] = [];
  let empty = 0;
  for (let at = 1; at <= text.length; at++) {
    const typed = text.slice(0, at);
    await page.evaluate((want) => {
      const w = window as unknown as { __pdxWant?: string; __pdxDoneAt?: number; __pdxPaintedAt?: number };
      w.__pdxWant = want;
      w.__pdxDoneAt = undefined;
      w.__pdxPaintedAt = undefined;
    }, typed);
    await page.keyboard.type(typed.at(-1)!);
    const done = await page.waitForFunction(
      () => {
        const w = window as unknown as { __pdxDoneAt?: number; __pdxPaintedAt?: number; __pdxKeyAt: number; __pdxItems: number };
        return w.__pdxPaintedAt === undefined || w.__pdxDoneAt === undefined
          ? undefined
          : { at: w.__pdxDoneAt - w.__pdxKeyAt, painted: w.__pdxPaintedAt - w.__pdxKeyAt, items: w.__pdxItems };
      },
      undefined,
      { polling: 'raf', timeout: 10_000 },
    );
    const result = (await done.jsonValue()) as { at: number; painted: number; items: number };
    times.push(result.at);
    if (process.env.PDX_KEYS) console.error(`${typed.padEnd(14)} ${result.at.toFixed(1).padStart(6)} ${result.painted.toFixed(1).padStart(6)} items ${result.items}`);
    painted.push(result.painted);
    if (!result.items) empty++;
  }
  return { times, painted, empty };
}

export async function benchPopup(sizes: number[]): Promise<PopupSizeBench[]> {
  const fill = await bundleForPage('tests/bench/popup-entry.ts', 'paperdexPopupBenchBundle');
  const results: PopupSizeBench[] = [];
  const extensionPath = await buildWithFloorPage();
  try {
    for (const size of sizes) {
      const ext = await launchExtension({ extensionPath });
      try {
        const popupUrl = `chrome-extension://${ext.extensionId}/popup.html`;
        const setup = await ext.context.newPage();
        await setup.goto(popupUrl);
        await setup.evaluate(fill);
        const filled = (await setup.evaluate(`paperdexPopupBench.fillLibrary(${size})`)) as {
          targets: string[];
          queries: { query: string; target?: number }[];
          typing: { text: string }[];
          fillMs: number;
          indexMs: number;
        };
        const planted = (await setup.evaluate(
          `paperdexPopupBench.plantedHits(${JSON.stringify(filled.queries)}, ${JSON.stringify(filled.targets)})`,
        )) as PopupSizeBench['planted'];
        await setup.close();

        await ext.context.addInitScript({ content: FIRST_RESULTS_PROBE });
        const scriptsLoaded = new Set<string>();
        const extensionRoot = `chrome-extension://${ext.extensionId}/`;
        const opens: number[] = [];
        const libraryLists: number[] = [];
        const floor: number[] = [];
        let heapAfterOpenMB = 0;
        let heapAfterTypingMB = 0;
        let keystroke: number[] = [];
        let keystrokePainted: number[] = [];
        let emptyKeystrokes = 0;
        for (let round = 0; round < 8; round++) {
          const page = await ext.context.newPage();
          await page.setViewportSize({ width: 400, height: 600 });
          page.on('request', (request) => {
            const url = request.url().split(/[?#]/)[0]!;
            if (request.resourceType() === 'script' && url.startsWith(extensionRoot)) scriptsLoaded.add(url.slice(extensionRoot.length));
          });
          const firstResults = await openPopup(page, popupUrl);
          if (round > 0) {
            // The first open warms Chromium's caches (and leaves the snapshot the next opens paint).
            opens.push(firstResults.first);
            libraryLists.push(firstResults.library);
          }
          if (round === 7) {
            // (openPopup resolved once the library's own list was painted: nothing typed yet.)
            const cdp = await ext.context.newCDPSession(page);
            await cdp.send('HeapProfiler.collectGarbage');
            heapAfterOpenMB = (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
            // Typing, once the search is ready (the first query may wait for the index to load).
            await typeAndTime(page, 'warm up');
            for (const { text } of filled.typing) {
              const typed = await typeAndTime(page, text);
              keystroke = keystroke.concat(typed.times);
              keystrokePainted = keystrokePainted.concat(typed.painted);
              emptyKeystrokes += typed.empty;
            }
            await cdp.send('HeapProfiler.collectGarbage');
            heapAfterTypingMB = (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
          }
          await page.close();
          if (round > 0) {
            // (After the popup is closed: its page shares the extension's renderer and its main thread.)
            const floorPage = await ext.context.newPage();
            await floorPage.setViewportSize({ width: 400, height: 600 });
            floor.push((await openPopup(floorPage, `chrome-extension://${ext.extensionId}/${FLOOR_PAGE}`)).first);
            await floorPage.close();
          }
        }
        results.push({
          size,
          fillMs: filled.fillMs,
          indexBuildMs: filled.indexMs,
          openToFirstResults: summarize(opens),
          openToLibraryList: summarize(libraryLists),
          floor: summarize(floor),
          keystroke: summarize(keystroke),
          keystrokePainted: summarize(keystrokePainted),
          emptyKeystrokes,
          planted,
          heapAfterOpenMB,
          heapAfterTypingMB,
          scriptsLoaded: [...scriptsLoaded].sort(),
        });
      } finally {
        await ext.close();
      }
    }
  } finally {
    await rm(extensionPath, { recursive: true, force: true });
  }
  return results;
}
