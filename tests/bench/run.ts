/**
 * `npm run bench`: builds the extension, then measures it in headless Chromium. Figures are printed as
 * tables and written to tests/bench/.artifacts/results.json.
 *   npm run bench                      # everything
 *   npm run bench -- capture           # one part: capture | popup | controls
 *   npm run bench -- popup 1000 10000  # popup at chosen library sizes (default 1k, 10k, 50k)
 *   npm run bench -- library 50000     # library page at chosen sizes (default 10k, 50k)
 *   npm run bench -- stats 10000       # library Stats view and retention (default 50k)
 *   npm run bench -- library-io 50000  # export JSON/BibTeX/CSV and import (default 50k)
 *   npm run bench -- omnibox 50000     # address-bar suggestions, cold worker and warm (default 50k)
 *   npm run bench -- marks-copy 5000 20000  # the copy of the marks: first copy, one change, restore (default 5k marks in 20k papers)
 *   npm run bench -- sync              # storage.sync packing: bytes per paper, papers that fit, apply 3,000 (Node only)
 *   npm run bench -- sync-browser      # sync in Chromium: apply a full remote state of 3,000 papers to the library
 *   npm run bench -- backup 50000      # automatic backup: time, file size, longest task in open pages (default 50k)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { benchCapture, type CaptureBench } from './capture';
import { benchControls, controlsReport } from './controls';
import { benchPopup, popupScriptBytes, type PopupSizeBench } from './popup';
import { benchLibrary, libraryReport } from './library';
import { benchLibraryIo, libraryIoReport } from './library-io';
import { benchOmnibox, omniboxReport } from './omnibox';
import { backupReport, benchBackup } from './backup';
import { benchStats, statsReport } from './library-stats';
import { benchMarksCopy, marksCopyReport } from './marks-copy';
import { formatMs, type Summary } from './stats';
import { benchSync, syncReport } from './sync';
import { benchSyncBrowser, syncBrowserReport } from './sync-browser';

const [part, ...rest] = process.argv.slice(2);
const sizes = rest.length ? rest.map(Number) : [1_000, 10_000, 50_000];
const want = (name: string) => !part || part === name;

function row(name: string, summary: Summary, budget?: string): string {
  return `| ${name} | ${formatMs(summary.median)} | ${formatMs(summary.p95)} | ${summary.n} | ${budget ?? ''} |`;
}

const lines = [`Paperdex bench — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`];
const results: { capture?: CaptureBench; popup?: PopupSizeBench[]; popupScript?: Awaited<ReturnType<typeof popupScriptBytes>> } = {};

if (want('capture')) {
  const capture = await benchCapture();
  results.capture = capture;
  lines.push(
    '',
    '## Capture (100-card Hugging Face listing)',
    '',
    '| measure | median ms | p95 ms | runs | budget (median) |',
    '|---|---:|---:|---:|---|',
    row(`parse ${capture.cards}-card HF listing (content script)`, capture.parse, '≤ 5 ms'),
    row('record 100 new papers (background: validate + commit)', capture.recordNew, '≤ 50 ms'),
    row('record a revisit, 100 known papers (background: validate + commit)', capture.recordRevisit, '≤ 20 ms'),
    row('record 100 known papers seen on another listing (background)', capture.recordElsewhere),
    row('  round trip seen by the content script: new', capture.roundTripNew),
    row('  round trip seen by the content script: revisit', capture.roundTripRevisit),
    row('  round trip seen by the content script: other listing', capture.roundTripElsewhere),
    row('  then merged into the library records: new', capture.mergeNew),
    row('  then merged into the library records: revisit', capture.mergeRevisit),
    row('  then merged into the library records: other listing', capture.mergeElsewhere),
    '',
    `Content script heap on a 100-card page: ${capture.contentScriptHeapMB.toFixed(2)} MB ` +
      `(page heap ${capture.heapWithMB.toFixed(2)} MB with the extension, ${capture.heapWithoutMB.toFixed(2)} MB without)`,
  );
}

if (want('popup')) {
  const popup = await benchPopup(sizes);
  // Files reachable from popup.html, and any other script the popup was seen loading in the browser.
  const script = await popupScriptBytes(popup.flatMap((result) => result.scriptsLoaded));
  const notFetched = script.files.filter((file) => !popup.some((result) => result.scriptsLoaded.includes(file)));
  results.popup = popup;
  results.popupScript = script;
  const budgetOpen = (size: number) => (size >= 50_000 ? '≤ 250 ms' : size >= 10_000 ? '≤ 100 ms' : '');
  const budgetKey = (size: number) => (size >= 50_000 ? '≤ 50 ms' : size >= 10_000 ? '≤ 16 ms' : '');
  lines.push(
    '',
    '## Popup',
    '',
    `Popup JavaScript: ${(script.gzip / 1024).toFixed(1)} kB gzipped (${script.gzip.toLocaleString('en')} bytes; ${(script.raw / 1024).toFixed(1)} kB raw; ${script.files.join(', ')}); budget ≤ 60 kB gzipped. ` +
      `Counted: every file reachable from popup.html by static or dynamic import, and every script the popup fetched while benched` +
      (notFetched.length ? ` (reachable but not fetched while benched: ${notFetched.join(', ')}).` : ' (all of them were fetched).'),
    '',
    '| papers | open → first results, median / p95 ms | floor: a page with no script | open → library’s own list | keystroke → results, median / p95 ms | keystroke → painted, median / p95 ms | keystrokes | planted in top 5 | heap after open | heap after typing | fill / index build |',
    '|---:|---|---|---|---|---|---:|---:|---:|---:|---:|',
    ...popup.map(
      (result) =>
        `| ${result.size.toLocaleString('en')} | ${formatMs(result.openToFirstResults.median)} / ${formatMs(result.openToFirstResults.p95)} (${budgetOpen(result.size) || 'no budget'}) | ` +
        `${formatMs(result.floor.median)} / ${formatMs(result.floor.p95)} | ` +
        `${formatMs(result.openToLibraryList.median)} / ${formatMs(result.openToLibraryList.p95)} | ` +
        `${formatMs(result.keystroke.median)} / ${formatMs(result.keystroke.p95)} (p95 ${budgetKey(result.size) || 'no budget'}) | ` +
        `${formatMs(result.keystrokePainted.median)} / ${formatMs(result.keystrokePainted.p95)} | ${result.keystroke.n} (${result.emptyKeystrokes} empty) | ` +
        `${result.planted.hits}/${result.planted.of} | ${result.heapAfterOpenMB.toFixed(1)} MB | ${result.heapAfterTypingMB.toFixed(1)} MB | ${(result.fillMs / 1000).toFixed(1)} s / ${(result.indexBuildMs / 1000).toFixed(1)} s |`,
    ),
    '',
    'Open: 7 opens after a first one; the first results are the recent list the previous open kept (the snapshot in localStorage), ' +
      'then the library’s own list replaces it (read from IndexedDB, search code loaded). ' +
      'Floor: after each open, a page of the extension with the popup’s HTML and stylesheet and one static result, no script, opened the same way ' +
      '(a new tab\'s navigation, style and first frame: the browser\'s part of the open, which no popup code can go under). ' +
      'Heap: the last open\'s JS heap after a forced GC, once its library list is painted (nothing typed; the search index may still be loading), then after all its typing.',
    '',
    ...popup.filter((result) => result.planted.misses.length).map((result) => `Missed at ${result.size}: ${result.planted.misses.join(', ')}`),
  );
}

if (want('library')) {
  const library = await benchLibrary(rest.length ? sizes : [10_000, 50_000]);
  Object.assign(results, { library });
  lines.push(...libraryReport(library));
}

if (want('stats')) {
  const stats = await benchStats(rest.length ? sizes : [50_000]);
  Object.assign(results, { stats });
  lines.push(...statsReport(stats));
}

if (want('controls')) {
  const controls = await benchControls();
  (results as Record<string, unknown>).controls = controls;
  lines.push(...controlsReport(controls));
}

if (want('library-io')) {
  const libraryIo = await benchLibraryIo(rest.length ? sizes[0] : 50_000);
  Object.assign(results, { libraryIo });
  lines.push(...libraryIoReport(libraryIo));
}

if (want('omnibox')) {
  const omnibox = await benchOmnibox(rest.length ? sizes[0] : 50_000);
  Object.assign(results, { omnibox });
  lines.push(...omniboxReport(omnibox));
}

if (want('marks-copy')) {
  const marksCopy = await benchMarksCopy(rest[0] ? Number(rest[0]) : undefined, rest[1] ? Number(rest[1]) : undefined);
  Object.assign(results, { marksCopy });
  lines.push(...marksCopyReport(marksCopy));
}

if (want('sync')) {
  const sync = await benchSync();
  Object.assign(results, { sync });
  lines.push(...syncReport(sync));
}

if (want('sync-browser')) {
  const syncBrowser = await benchSyncBrowser();
  Object.assign(results, { syncBrowser });
  lines.push(...syncBrowserReport(syncBrowser));
}

if (want('backup')) {
  const backup = await benchBackup(rest.length ? sizes[0] : 50_000);
  Object.assign(results, { backup });
  lines.push(...backupReport(backup));
}

console.log(lines.join('\n'));
await mkdir(new URL('./.artifacts/', import.meta.url), { recursive: true });
await writeFile(new URL('./.artifacts/results.json', import.meta.url), JSON.stringify(results, null, 2));
