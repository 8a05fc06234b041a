/**
 * Export and import benchmarks (issue #5), in the real built extension in Chromium: a library of
 * synthetic papers (default 50k) written into the extension's database, then, in an extension page,
 * the library page's own calls: export JSON / BibTeX / CSV, import of the JSON file into an empty
 * library, the same import again (nothing changes), and the file pretty-printed by another tool into an
 * empty library (parsed in slices, not the line layout). Each with the longest main-thread task seen.
 * Beside them, this machine's floors: the time plain IndexedDB takes to read every paper (under an
 * export) and to write them all into an empty library (under an import), with nothing else done.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { launchExtension } from '../browser/harness';
import { bundleForPage, ROOT } from './bundle';

const OUTPUT = path.join(ROOT, process.env.PAPERDEX_OUT_DIR ?? '.output', 'chrome-mv3');

export interface IoRun {
  ms: number;
  longestTaskMs: number;
  longTasks: number;
}

/** An import: the whole, and its two phases (until the first write: reading the file; then writing, with the checks of a line-layout file). */
export interface ImportRun extends IoRun {
  readMs: number;
  writeMs: number;
  count: number;
  report: unknown;
}

export interface LibraryIoBench {
  size: number;
  fillMs: number;
  /** `workers`: export workers started (a large JSON or CSV export shares the work with one). */
  exports: Record<'json' | 'bibtex' | 'csv', IoRun & { bytes: number; count: number; workers: number }>;
  importEmpty: ImportRun;
  importAgain: ImportRun;
  /** The export pretty-printed by another tool (not the line layout), into an empty library. */
  importReformatted: ImportRun & { bytes: number };
  /** This machine's floors: every paper read, and written into an empty library, with plain IndexedDB. */
  floors: { read: IoRun & { count: number }; write: IoRun & { count: number } };
}

export async function benchLibraryIo(size = 50_000): Promise<LibraryIoBench> {
  const code = await bundleForPage('tests/bench/library-io-entry.ts', 'paperdexIoBenchBundle');
  // The export worker of the built extension (its name carries a content hash).
  const workerFile = (await readdir(path.join(OUTPUT, 'assets'))).find((file) => /^export-worker-.*\.js$/.test(file));
  if (!workerFile) throw new Error(`no export worker in ${OUTPUT}/assets: build the extension first`);
  const ext = await launchExtension();
  try {
    const page = await ext.context.newPage();
    // A worker that fails makes the page do its half: the export would still work, but not be the one measured.
    const workerFailures: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('export worker failed')) workerFailures.push(message.text());
    });
    // An extension page without app code of its own (the popup would load the library meanwhile).
    await page.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
    await page.evaluate(code);
    const { fillMs } = (await page.evaluate(`paperdexIoBench.fillLibrary(${size})`)) as { fillMs: number };
    // The read floor just before the exports, as fresh as they are; the write floor last (it holds every
    // record in memory at once, which would warm the page for what follows).
    const read = (await page.evaluate(`paperdexIoBench.readFloor()`)) as LibraryIoBench['floors']['read'];
    const exports = {} as LibraryIoBench['exports'];
    for (const format of ['json', 'bibtex', 'csv'] as const) {
      exports[format] = (await page.evaluate(`paperdexIoBench.exportAs(${JSON.stringify(format)}, ${JSON.stringify(`/assets/${workerFile}`)})`)) as LibraryIoBench['exports']['json'];
    }
    if (workerFailures.length) throw new Error(`the export worker failed: ${workerFailures.join('; ')}`);
    const importEmpty = (await page.evaluate(`paperdexIoBench.importJson('paperdex-import-bench')`)) as LibraryIoBench['importEmpty'];
    const importAgain = (await page.evaluate(`paperdexIoBench.importJson('paperdex-import-bench')`)) as LibraryIoBench['importAgain'];
    await page.evaluate(`paperdexIoBench.deleteDb('paperdex-import-bench')`);
    const bytes = (await page.evaluate(`paperdexIoBench.reformatJson()`)) as number;
    const reformatted = (await page.evaluate(`paperdexIoBench.importJson('paperdex-import-bench-2', 'reformatted')`)) as ImportRun;
    await page.evaluate(`paperdexIoBench.deleteDb('paperdex-import-bench-2')`);
    const write = (await page.evaluate(`paperdexIoBench.writeFloor('paperdex-write-floor')`)) as LibraryIoBench['floors']['write'];
    await page.evaluate(`paperdexIoBench.deleteDb('paperdex-write-floor')`);
    return { size, fillMs, exports, importEmpty, importAgain, importReformatted: { ...reformatted, bytes }, floors: { read, write } };
  } finally {
    await ext.close();
  }
}

function exported(run: LibraryIoBench['exports']['json']): string {
  return `${mb(run.bytes)}, ${run.count} papers${run.workers ? `; half formatted by ${run.workers === 1 ? 'the export worker' : `${run.workers} workers`}` : ''}`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function phases(run: ImportRun): string {
  return `until the first write ${(run.readMs / 1000).toFixed(2)} s, then ${(run.writeMs / 1000).toFixed(2)} s`;
}

export function libraryIoReport(result: LibraryIoBench): string[] {
  const row = (name: string, run: IoRun, extra: string, budget: string) =>
    `| ${name} | ${(run.ms / 1000).toFixed(2)} s | ${run.longestTaskMs.toFixed(0)} ms (${run.longTasks}) | ${extra} | ${budget} |`;
  return [
    '',
    `## Export and import (${result.size.toLocaleString('en')} papers; library filled in ${(result.fillMs / 1000).toFixed(1)} s)`,
    '',
    '| operation | time | longest task (tasks > 50 ms) | file / result | budget |',
    '|---|---:|---:|---|---|',
    row('floor: every paper read with plain IndexedDB (pages of 100, nothing built)', result.floors.read, `${result.floors.read.count} papers`, ''),
    row('floor: every paper put with plain IndexedDB into an empty library (2,000 a transaction; no parse, check or merge)', result.floors.write, `${result.floors.write.count} papers`, ''),
    row('export JSON', result.exports.json, exported(result.exports.json), '≤ 3 s'),
    row('export BibTeX', result.exports.bibtex, exported(result.exports.bibtex), ''),
    row('export CSV', result.exports.csv, exported(result.exports.csv), ''),
    row('import the JSON into an empty library', result.importEmpty, `${result.importEmpty.count} papers: ${JSON.stringify(result.importEmpty.report)}; ${phases(result.importEmpty)}`, '≤ 10 s'),
    row('import the same file again', result.importAgain, `${JSON.stringify(result.importAgain.report)}; ${phases(result.importAgain)}`, ''),
    row('import it pretty-printed (not the line layout) into an empty library', result.importReformatted, `${mb(result.importReformatted.bytes)}: ${JSON.stringify(result.importReformatted.report)}; ${phases(result.importReformatted)}`, 'no long task'),
  ];
}
