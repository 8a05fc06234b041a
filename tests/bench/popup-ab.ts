/**
 * Popup opens, A/B: two or more builds side by side, each in its own Chromium with the same library,
 * opened in turn (order alternating every round) so that every build sees the same machine load — on a
 * shared machine, runs of `npm run bench -- popup` minutes apart differ more than the builds do.
 * Prints per build open → first results and open → the library's own list (median / p95).
 *   PAPERDEX_OUT_DIR=.output-base npx wxt build && npx wxt build
 *   npx tsx tests/bench/popup-ab.ts 10000 30 .output-base .output
 */
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionHandle } from '../browser/harness';
import { bundleForPage } from './bundle';
import { FIRST_RESULTS_PROBE } from './popup';
import { summarize } from './stats';

const [sizeArg, roundsArg, ...dirs] = process.argv.slice(2);
const size = Number(sizeArg);
const rounds = Number(roundsArg);
const fill = await bundleForPage('tests/bench/popup-entry.ts', 'paperdexPopupBenchBundle');
const exts: { dir: string; ext: ExtensionHandle; url: string; first: number[]; live: number[] }[] = [];
try {
  for (const dir of dirs) {
    const ext = await launchExtension({ extensionPath: `${dir}/chrome-mv3` });
    const url = `chrome-extension://${ext.extensionId}/popup.html`;
    const setup = await ext.context.newPage();
    await setup.goto(url);
    await setup.evaluate(fill);
    await setup.evaluate(`paperdexPopupBench.fillLibrary(${size})`);
    await setup.close();
    await ext.context.addInitScript({ content: FIRST_RESULTS_PROBE });
    exts.push({ dir, ext, url, first: [], live: [] });
  }
  for (let round = 0; round <= rounds; round++) {
    for (const entry of round % 2 ? exts : [...exts].reverse()) {
      const page: Page = await entry.ext.context.newPage();
      await page.setViewportSize({ width: 400, height: 600 });
      await page.goto(entry.url);
      const [first, live] = (await page.evaluate('Promise.all([window.__pdxFirstResults, window.__pdxLibraryList])')) as number[];
      if (round > 0) {
        entry.first.push(first!);
        entry.live.push(live!);
      }
      await page.waitForTimeout(150);
      await page.close();
    }
  }
  for (const entry of exts) {
    const f = summarize(entry.first);
    const l = summarize(entry.live);
    console.log(`${entry.dir.padEnd(14)} first ${f.median.toFixed(1)} / p95 ${f.p95.toFixed(1)}   live ${l.median.toFixed(1)} / p95 ${l.p95.toFixed(1)}   (n ${f.n})`);
  }
} finally {
  for (const entry of exts) await entry.ext.close();
}
