/**
 * The copy of the user's marks (utils/library/marks-copy/), measured in the built extension's own page
 * in Chromium (real IndexedDB and chrome.storage.local): a library's first copy, the run after one change
 * and after a 100-paper capture, the run at a start when nothing changed, the copy's size, the time to
 * restore every mark into a lost database, and one key per paper against shards of 100.
 *   npm run bench -- marks-copy [marks] [library size]   (default 5,000 marks in 20,000 papers)
 */
import { launchExtension } from '../browser/harness';
import { bundleForPage } from './bundle';
import { formatMs, summarize, type Summary } from './stats';

interface Timed {
  ms: number;
  writes: { sets: number; keys: number; removes: number; storageMs: number };
}

export interface MarksCopyBench {
  marks: number;
  size: number;
  initial: Timed;
  oneChange: Summary;
  oneChangeStorage: Summary;
  oneChangeWrites: Timed['writes'];
  afterCapture: Summary;
  afterCaptureWrites: Timed['writes'];
  idle: Summary;
  idleWrites: Timed['writes'];
  bytes: { entries: number; json: number; inUse: number };
  restore: Timed & { papers: number };
  layout: { one: Summary; sharded: Summary; entryBytes: number; shardBytes: number };
}

const RUNS = 20;

export async function benchMarksCopy(marks = 5_000, size = 20_000): Promise<MarksCopyBench> {
  const code = await bundleForPage('tests/bench/marks-copy-entry.ts', 'paperdexMarksCopyBenchBundle');
  const ext = await launchExtension();
  try {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
    await page.evaluate(code);
    const call = <T>(expression: string) => page.evaluate(`paperdexMarksCopyBench.${expression}`) as Promise<T>;
    await call(`fill(${size}, ${marks})`);
    const initial = await call<Timed>('initialCopy()');
    const changes: Timed[] = [];
    for (let i = 0; i < RUNS; i++) changes.push(await call<Timed>(`oneChange(${i})`));
    const captures: Timed[] = [];
    for (let i = 0; i < RUNS; i++) captures.push(await call<Timed>(`afterCapture(${i})`));
    const idles: Timed[] = [];
    for (let i = 0; i < RUNS; i++) idles.push(await call<Timed>('idle()'));
    const bytes = await call<MarksCopyBench['bytes']>('bytes()');
    const layout = await call<{ one: number[]; sharded: number[]; entryBytes: number; shardBytes: number }>(`layout(${RUNS})`);
    const restore = await call<MarksCopyBench['restore']>('restore()');
    return {
      marks,
      size,
      initial: { ms: initial.ms, writes: initial.writes },
      oneChange: summarize(changes.map((run) => run.ms)),
      oneChangeStorage: summarize(changes.map((run) => run.writes.storageMs)),
      oneChangeWrites: changes.at(-1)!.writes,
      afterCapture: summarize(captures.map((run) => run.ms)),
      afterCaptureWrites: captures.at(-1)!.writes,
      idle: summarize(idles.map((run) => run.ms)),
      idleWrites: idles.at(-1)!.writes,
      bytes,
      restore: { ms: restore.ms, writes: restore.writes, papers: restore.papers },
      layout: { one: summarize(layout.one), sharded: summarize(layout.sharded), entryBytes: layout.entryBytes, shardBytes: layout.shardBytes },
    };
  } finally {
    await ext.close();
  }
}

const ms = (summary: Summary) => `${formatMs(summary.median)} / ${formatMs(summary.p95)}`;

export function marksCopyReport(bench: MarksCopyBench): string[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
  return [
    '',
    `## Copy of the marks (${bench.marks.toLocaleString('en')} marked papers, each with a note, in a library of ${bench.size.toLocaleString('en')})`,
    '',
    '| measure | median / p95 ms (or ms) | of which in storage.local calls | storage.local writes |',
    '|---|---|---|---|',
    `| first copy of the library (empty copy; reads every paper, a page of 500 at a time) | ${formatMs(bench.initial.ms)} | ${formatMs(bench.initial.writes.storageMs)} | ${bench.initial.writes.sets} sets, ${bench.initial.writes.keys.toLocaleString('en')} keys |`,
    `| run after one save | ${ms(bench.oneChange)} | ${ms(bench.oneChangeStorage)} | ${bench.oneChangeWrites.sets} set, ${bench.oneChangeWrites.keys} keys (the entry and the meta) |`,
    `| run after a capture of 100 new papers (the background skips the capture itself; its next run reads them once) | ${ms(bench.afterCapture)} | | ${bench.afterCaptureWrites.sets} set, ${bench.afterCaptureWrites.keys} key (the meta) |`,
    `| run at a start with nothing changed | ${ms(bench.idle)} | | ${bench.idleWrites.sets} sets |`,
    `| restore every mark into a lost (new, empty) database, and copy it again | ${formatMs(bench.restore.ms)} (${bench.restore.papers.toLocaleString('en')} papers) | ${formatMs(bench.restore.writes.storageMs)} | ${bench.restore.writes.sets} sets |`,
    '',
    `Size: ${bench.bytes.entries.toLocaleString('en')} entries, ${kb(bench.bytes.json)} as JSON (${Math.round(bench.bytes.json / Math.max(1, bench.bytes.entries))} bytes a marked paper); ` +
      `chrome.storage.local in use: ${kb(bench.bytes.inUse)} (10 MB without unlimitedStorage, which Paperdex has).`,
    `Layout: writing one change as one key per paper (${bench.layout.entryBytes} bytes) ${ms(bench.layout.one)} ms; as a shard of 100 entries (${kb(bench.layout.shardBytes)}) ${ms(bench.layout.sharded)} ms.`,
  ];
}
