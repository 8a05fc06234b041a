/**
 * `npm run bench`: builds the extension, then measures it in headless Chromium. Figures are printed as a
 * table and written to tests/bench/.artifacts/results.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { benchCapture } from './capture';
import { formatMs, type Summary } from './stats';

function row(name: string, summary: Summary, budget?: string): string {
  return `| ${name} | ${formatMs(summary.median)} | ${formatMs(summary.p95)} | ${summary.n} | ${budget ?? ''} |`;
}

const capture = await benchCapture();
const lines = [
  `Paperdex bench — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
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
];
console.log(lines.join('\n'));
await mkdir(new URL('./.artifacts/', import.meta.url), { recursive: true });
await writeFile(new URL('./.artifacts/results.json', import.meta.url), JSON.stringify({ capture }, null, 2));
