/**
 * Automatic backups at scale (issue 19): a library of synthetic papers (default 50k, filled as the
 * library-io bench fills it) in the real built extension in Chromium, backups turned on, then "Back up
 * now" three times. Measured: the time from the request to the recorded, verified, downloaded backup
 * (export, gzip and read-back in the backup worker of the offscreen document, the download, its check,
 * the rotation), the file's size, and the longest main-thread task (PerformanceObserver `longtask`,
 * ≥ 50 ms) in the pages a user would have open meanwhile: the library page (an extension page, in the
 * extension's process beside the offscreen document) and a Hugging Face listing with Paperdex's
 * content script.
 * `downloads` is granted by a copy of the build that requires it (as in tests/browser/backup.test.ts).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { copyWithDownloadsGranted } from '../browser/grant-downloads';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { fixtureSet, launchExtension, serveFixtures } from '../browser/harness';
import { bundleForPage, ROOT } from './bundle';
import { formatMs, summarize, type Summary } from './stats';

const OUTPUT = path.join(ROOT, process.env.PAPERDEX_OUT_DIR ?? '.output', 'chrome-mv3');
const RUNS = 3;
const CONTROL_MS = 30_000;

export interface BackupBench {
  size: number;
  fillMs: number;
  papers: number;
  bytes: number;
  backupMs: Summary;
  longestTaskLibraryPage: Summary;
  longTasksLibraryPage: number;
  longestTaskListingPage: Summary;
  longTasksListingPage: number;
  /** Long tasks (ms) in the same pages during 30 s without a backup. */
  control: { library: number[]; listing: number[] };
  /** Per run: the long tasks (ms) seen in the library page and the listing. */
  perRun: { ms: number; library: number[]; listing: number[] }[];
  /** The machine's load average (1 min) when the runs ended: other work slows every figure but the long tasks. */
  load: number;
}

/** Starts a long-task observer in the page; `longTasks()` then gives what it saw and starts over. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.push(entry.duration);
    }).observe({ type: 'longtask' });
    (globalThis as unknown as { paperdexLongTasks: () => number[] }).paperdexLongTasks = () => seen.splice(0);
  });
}

const longTasks = (page: Page) => page.evaluate(() => (globalThis as unknown as { paperdexLongTasks: () => number[] }).paperdexLongTasks());

/** Runs in the library page: asks for a backup and resolves with the time until the background records it (or its failure). */
async function backupOnce(): Promise<{ ms: number; papers: number; bytes: number; failure?: string }> {
  type Status = { lastGood?: { at: number; papers: number; bytes: number }; lastFailure?: { at: number; reason: string } };
  const local = (globalThis as unknown as { chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> }; onChanged: { addListener(listener: (changes: Record<string, { newValue?: unknown }>) => void): void; removeListener(listener: unknown): void } } } }).chrome.storage;
  const start = performance.now();
  const asked = Date.now();
  return new Promise((resolve) => {
    const listener = (changes: Record<string, { newValue?: unknown }>) => {
      const status = changes['paperdex:backup-status']?.newValue as Status | undefined;
      if (!status) return;
      if (status.lastFailure && status.lastFailure.at >= asked) {
        local.onChanged.removeListener(listener);
        resolve({ ms: performance.now() - start, papers: 0, bytes: 0, failure: status.lastFailure.reason });
      } else if (status.lastGood && status.lastGood.at >= asked) {
        local.onChanged.removeListener(listener);
        resolve({ ms: performance.now() - start, papers: status.lastGood.papers, bytes: status.lastGood.bytes });
      }
    };
    local.onChanged.addListener(listener);
    void local.local.set({ 'paperdex:backup-request': asked });
  });
}

export async function benchBackup(size = 50_000): Promise<BackupBench> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'paperdex-backup-bench-'));
  try {
    const extension = await copyWithDownloadsGranted(OUTPUT, path.join(scratch, 'extension'));
    const profile = path.join(scratch, 'profile');
    await mkdir(path.join(profile, 'Default'), { recursive: true });
    await writeFile(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ download: { default_directory: path.join(scratch, 'downloads'), prompt_for_download: false } }));
    const ext = await launchExtension({ extensionPath: extension, userDataDir: profile });
    try {
      const setup = await ext.context.newPage();
      await (await ext.context.newCDPSession(setup)).send('Browser.setDownloadBehavior', { behavior: 'default' });
      await setup.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
      await setup.evaluate(await bundleForPage('tests/bench/library-io-entry.ts', 'paperdexIoBenchBundle'));
      const { fillMs } = (await setup.evaluate(`paperdexIoBench.fillLibrary(${size})`)) as { fillMs: number };
      await setup.close();

      const hf = fixtureSet('hf');
      await serveFixtures(ext.context, hf.routes);
      const listing = await ext.context.newPage();
      await listing.goto(hf.entries[0]!.url);
      const library = await ext.context.newPage();
      await library.goto(`chrome-extension://${ext.extensionId}/library.html`);
      await library.getByRole('tab', { name: 'Settings' }).click();
      await library.waitForSelector('section[aria-labelledby="pd-settings-backups"] input[type=checkbox]');
      await library.evaluate(() =>
        (globalThis as unknown as { chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } } }).chrome.storage.local.set({ 'paperdex:backup-settings': { enabled: true, suggestionDone: true } }),
      );
      // tsx compiles this file keeping function names (`__name(…)` calls inside evaluated functions).
      await library.evaluate('globalThis.__name = (target) => target');
      await listing.evaluate('globalThis.__name = (target) => target');
      await watchLongTasks(library);
      await watchLongTasks(listing);
      // The library page's own opening work (50k rows, its caches) is done before measuring: 5 s without a long task.
      const settleStart = Date.now();
      for (;;) {
        await longTasks(library);
        await library.waitForTimeout(5_000);
        if ((await longTasks(library)).length === 0) break;
        if (Date.now() - settleStart > 180_000) throw new Error('the library page never settled');
      }
      // Control: the same pages for 30 s with no backup running (what this machine's load alone gives).
      await longTasks(library);
      await longTasks(listing);
      await library.waitForTimeout(CONTROL_MS);
      const control = { library: await longTasks(library), listing: await longTasks(listing) };
      const runs: { ms: number; papers: number; bytes: number; libraryTasks: number[]; listingTasks: number[] }[] = [];
      for (let run = 0; run < RUNS; run++) {
        await longTasks(library);
        await longTasks(listing);
        const result = await library.evaluate(backupOnce);
        if (result.failure) throw new Error(`the backup failed: ${result.failure}`);
        await library.waitForTimeout(100);
        runs.push({ ...result, libraryTasks: await longTasks(library), listingTasks: await longTasks(listing) });
      }
      const last = runs.at(-1)!;
      return {
        size,
        fillMs,
        papers: last.papers,
        bytes: last.bytes,
        backupMs: summarize(runs.map((run) => run.ms)),
        longestTaskLibraryPage: summarize(runs.map((run) => Math.max(0, ...run.libraryTasks))),
        longTasksLibraryPage: runs.reduce((sum, run) => sum + run.libraryTasks.length, 0),
        longestTaskListingPage: summarize(runs.map((run) => Math.max(0, ...run.listingTasks))),
        longTasksListingPage: runs.reduce((sum, run) => sum + run.listingTasks.length, 0),
        load: os.loadavg()[0] ?? 0,
        control,
        perRun: runs.map((run) => ({ ms: run.ms, library: run.libraryTasks, listing: run.listingTasks })),
      };
    } finally {
      await ext.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export function backupReport(result: BackupBench): string[] {
  const cell = (summary: Summary) => `${formatMs(summary.median)} / ${formatMs(summary.max)}`;
  return [
    '',
    `## Automatic backup (${result.size.toLocaleString('en')} papers; library filled in ${(result.fillMs / 1000).toFixed(1)} s; ${RUNS} runs of "Back up now")`,
    '',
    `Backup file: ${result.papers.toLocaleString('en')} papers, ${(result.bytes / 1024 / 1024).toFixed(1)} MB gzipped. Load average (1 min) at the end: ${result.load.toFixed(1)} on ${os.cpus().length} cores.`,
    '',
    '| measure | median / max | tasks > 50 ms in all runs | budget |',
    '|---|---:|---:|---|',
    `| request → backup recorded (export + gzip + read-back in the worker, download, its check, rotation) | ${cell(result.backupMs)} | | |`,
    `| longest main-thread task in the open library page (extension page) | ${cell(result.longestTaskLibraryPage)} | ${result.longTasksLibraryPage} | none (0 ms) |`,
    `| longest main-thread task in an open HF listing (content script) | ${cell(result.longestTaskListingPage)} | ${result.longTasksListingPage} | none (0 ms) |`,
    '',
    `Control, 30 s with no backup running: long tasks library page [${result.control.library.map((ms) => ms.toFixed(0)).join(', ')}], listing [${result.control.listing.map((ms) => ms.toFixed(0)).join(', ')}].`,
    '',
    `Per run: ${result.perRun.map((run, at) => `${at + 1}: ${(run.ms / 1000).toFixed(1)} s, long tasks library page [${run.library.map((ms) => ms.toFixed(0)).join(', ')}], listing [${run.listing.map((ms) => ms.toFixed(0)).join(', ')}]`).join('; ')}.`,
  ];
}
