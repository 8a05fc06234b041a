/**
 * Sync through storage.sync (issue 19), pure Node (CPU only, no browser): bytes per marked paper, how many
 * papers with two tags and a read flag fit in the 102,400-byte quota (with and without titles), and the
 * time to apply a full remote state of 3,000 papers (decode + merge + library changes).
 *   npm run bench -- sync
 *   npx tsx tests/bench/sync.ts
 */
import { pathToFileURL } from 'node:url';
import { SyncEngine } from '@/utils/sync/engine';
import { itemBytes, SYNC_LIMITS } from '@/utils/sync/items';
import type { LocalRecord } from '@/utils/sync/local-edits';
import { packOwn } from '@/utils/sync/pack';
import { marksToJson } from '@/utils/sync/state-json';
import { sampleMarks, SAMPLE_NOW, type SampleOptions } from '../unit/sync/sample-marks';
import { formatMs, summarize, type Summary } from './stats';

const DEVICE = 'dev0aaaa';

export interface SyncBench {
  bytesPerPaper: { plain: number; compressed: number; oneStampCompressed: number; withTitles: number };
  fit: { marks: number; marksOneStamp: number; withTitles: number; titlesAt3000: number };
  apply3000: Summary;
  pack3000: Summary;
  itemsAt3000: number;
  bytesAt3000: number;
}

async function packed(options: Omit<SampleOptions, 'device'>, compress = true, budget: number = SYNC_LIMITS.totalBytes) {
  return packOwn({ device: DEVICE, own: sampleMarks({ ...options, device: DEVICE }), budgetBytes: () => budget, maxItems: SYNC_LIMITS.items, compress });
}

/** Bytes of a device's data items per paper when all of `count` papers fit (head excluded). */
async function bytesPerPaper(options: Omit<SampleOptions, 'device'>, compress = true): Promise<number> {
  const result = await packed(options, compress, Number.MAX_SAFE_INTEGER);
  return result.bytes / options.count;
}

/** The most papers whose marks (and titles, with `titles`) all fit in the quota: a search over counts. */
async function mostThatFit(options: Omit<SampleOptions, 'device' | 'count'>): Promise<number> {
  let low = 0;
  let high = 20_000;
  while (high - low > 25) {
    const middle = Math.floor((low + high) / 2);
    const result = await packed({ ...options, count: middle });
    const fits = result.leftOut.papers === 0 && result.leftOut.titles === 0 && result.bytes + 640 <= SYNC_LIMITS.totalBytes;
    if (fits) low = middle;
    else high = middle;
  }
  return low;
}

async function time(run: () => Promise<unknown>, repeat: number): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** A device's sync area holding 3,000 papers of device A, as device B reads it (both known to each other). */
async function areaOf3000(): Promise<{ area: Record<string, unknown>; fresh: () => Promise<SyncEngine> }> {
  const area: Record<string, unknown> = {};
  const write = async (engine: SyncEngine, now: number) => {
    const items = await engine.itemsToWrite(now);
    if (!items) return;
    Object.assign(area, items.set);
    for (const key of items.remove) delete area[key];
    engine.markWritten(items);
  };
  const now = SAMPLE_NOW;
  const marks = [...sampleMarks({ count: 3_000, device: 'aaaa0001' })].map(([id, paper]) => [id, marksToJson(paper)]);
  const a = SyncEngine.restore({ v: 1, device: 'aaaa0001', clock: { wall: now / 1000, counter: 0 }, marks, acks: [], layout: [] })!;
  const fresh = async () => {
    const b = SyncEngine.create('bbbb0002');
    for (const key of Object.keys(area)) if (key.startsWith('d:bbbb0002:')) delete area[key];
    await write(b, now);
    await a.readRemote(area, now);
    await write(a, now);
    return b;
  };
  await write(a, now);
  return { area, fresh };
}

export async function benchSync(): Promise<SyncBench> {
  const [plain, compressed, oneStampCompressed, withTitles] = [
    await bytesPerPaper({ count: 3_000 }, false),
    await bytesPerPaper({ count: 3_000 }),
    await bytesPerPaper({ count: 3_000, oneStampPerPaper: true }),
    await bytesPerPaper({ count: 3_000, titles: true }),
  ];
  const fit = {
    marks: await mostThatFit({}),
    marksOneStamp: await mostThatFit({ oneStampPerPaper: true }),
    withTitles: await mostThatFit({ titles: true }),
    titlesAt3000: 3_000 - (await packed({ count: 3_000, titles: true })).leftOut.titles,
  };
  const at3000 = await packed({ count: 3_000 });
  const pack3000 = await time(() => packed({ count: 3_000 }), 5);

  const { area, fresh } = await areaOf3000();
  const samples: number[] = [];
  for (let run = 0; run < 5; run++) {
    const b = await fresh();
    const library = new Map<string, LocalRecord>();
    const started = performance.now();
    const read = await b.readRemote(area, SAMPLE_NOW);
    let applied = 0;
    for (const id of read.changed) if (b.planApply(id, library.get(id))) applied++;
    samples.push(performance.now() - started);
    if (applied !== 3_000) throw new Error(`applied ${applied} of 3,000 papers`);
  }
  return {
    bytesPerPaper: { plain, compressed, oneStampCompressed, withTitles },
    fit,
    apply3000: summarize(samples),
    pack3000,
    itemsAt3000: at3000.values.size + 1,
    bytesAt3000: at3000.bytes + itemBytes('d:dev0aaaa:0', 'x'.repeat(60)),
  };
}

export function syncReport(result: SyncBench): string[] {
  const { bytesPerPaper: bytes, fit } = result;
  return [
    '',
    '## Sync (storage.sync, one device, Node)',
    '',
    'Papers with two tags (of 30) and a read flag, marked at random times over a year (each mark its own stamp) unless said.',
    '',
    '| measure | value |',
    '|---|---:|',
    `| bytes per marked paper, plain text | ${bytes.plain.toFixed(1)} |`,
    `| bytes per marked paper, deflate-raw + base64 (what is written) | ${bytes.compressed.toFixed(1)} |`,
    `| … when a paper's marks were made at once (one stamp) | ${bytes.oneStampCompressed.toFixed(1)} |`,
    `| … with title, three first authors and year | ${bytes.withTitles.toFixed(1)} |`,
    `| papers that fit in 102,400 bytes (goal ≥ 3,000) | ${fit.marks.toLocaleString('en')} |`,
    `| … marks made at once | ${fit.marksOneStamp.toLocaleString('en')} |`,
    `| … with their titles | ${fit.withTitles.toLocaleString('en')} |`,
    `| titles that travel with 3,000 papers | ${fit.titlesAt3000.toLocaleString('en')} |`,
    `| 3,000 papers: items, bytes | ${result.itemsAt3000}, ${result.bytesAt3000.toLocaleString('en')} |`,
    `| pack 3,000 papers, median / p95 ms | ${formatMs(result.pack3000.median)} / ${formatMs(result.pack3000.p95)} |`,
    `| apply a full remote state of 3,000 papers (decode + merge + library changes), median / p95 ms | ${formatMs(result.apply3000.median)} / ${formatMs(result.apply3000.p95)} |`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(syncReport(await benchSync()).join('\n'));
