/**
 * Sync in the built extension's page in Chromium (real IndexedDB, the shipped runner): time for a device to
 * apply a full remote state of 3,000 papers (with titles) to its library, and the catch-up after it.
 *   npm run bench -- sync-browser
 */
import { launchExtension } from '../browser/harness';
import { bundleForPage } from './bundle';
import { formatMs, summarize, type Summary } from './stats';

export interface SyncBrowserBench {
  apply3000: Summary;
  catchUp3000: Summary;
}

const RUNS = 5;

export async function benchSyncBrowser(): Promise<SyncBrowserBench> {
  const code = await bundleForPage('tests/bench/sync-browser-entry.ts', 'paperdexSyncBenchBundle');
  const ext = await launchExtension();
  try {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
    await page.evaluate(code);
    const applies: number[] = [];
    const catchUps: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = (await page.evaluate(`paperdexSyncBench.applyOnce(${run})`)) as { applyMs: number; catchUpMs: number; papers: number };
      if (result.papers !== 3_000) throw new Error(`applied ${result.papers} of 3,000 papers`);
      applies.push(result.applyMs);
      catchUps.push(result.catchUpMs);
    }
    return { apply3000: summarize(applies), catchUp3000: summarize(catchUps) };
  } finally {
    await ext.close();
  }
}

export function syncBrowserReport(result: SyncBrowserBench): string[] {
  return [
    '',
    '## Sync in Chromium (the shipped runner, real IndexedDB)',
    '',
    '| measure | median ms | p95 ms | runs |',
    '|---|---:|---:|---:|',
    `| apply a full remote state of 3,000 papers to the library (read, decode, merge, write 3,000 papers) | ${formatMs(result.apply3000.median)} | ${formatMs(result.apply3000.p95)} | ${result.apply3000.n} |`,
    `| then the catch-up that reads the 3,000 written papers back from the change feed's cursor | ${formatMs(result.catchUp3000.median)} | ${formatMs(result.catchUp3000.p95)} | ${result.catchUp3000.n} |`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(syncBrowserReport(await benchSyncBrowser()).join('\n'));
}
