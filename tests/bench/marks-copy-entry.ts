// Bundled by the bench and run in an extension page (real IndexedDB, real chrome.storage.local): the
// cost of keeping the copy of the user's marks current (utils/library/marks-copy/) for one change, a
// capture, and a library's first copy; and the time to restore the marks into a lost database.
// Its own database and key prefix, so the extension's background (which keeps the real copy) is not involved.
import { recordCapture } from '@/utils/capture/record-capture';
import type { LocalArea } from '@/utils/library/marks-copy/area';
import { updateMarksCopy } from '@/utils/library/marks-copy/update';
import { PaperdexDB } from '@/utils/library/schema';
import { setSaved } from '@/utils/library/user-actions';
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl } from '@/utils/paper/arxiv-id';
import { generateCorpus } from './search-corpus';

const DB = 'paperdex-marks-copy-bench';
const PREFIX = 'bench:';
const local = (globalThis as unknown as { chrome: { storage: { local: LocalArea & { getBytesInUse(keys: null | string[]): Promise<number>; clear(): Promise<void> } } } }).chrome.storage.local;

/** storage.local under a prefix of the bench's own; counts what it writes. */
const writes = { sets: 0, keys: 0, removes: 0, storageMs: 0 };

/** `work`, its time added to `writes.storageMs`. */
async function inStorage<T>(work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    writes.storageMs += performance.now() - started;
  }
}
const area: LocalArea = {
  async get(keys) {
    const wanted = keys === null ? null : (Array.isArray(keys) ? keys : [keys]).map((key) => PREFIX + key);
    const found = await inStorage(() => local.get(wanted as string[]));
    return Object.fromEntries(Object.entries(found).filter(([key]) => key.startsWith(PREFIX)).map(([key, value]) => [key.slice(PREFIX.length), value]));
  },
  async set(items) {
    writes.sets++;
    writes.keys += Object.keys(items).length;
    await inStorage(() => local.set(Object.fromEntries(Object.entries(items).map(([key, value]) => [PREFIX + key, value]))));
  },
  async remove(keys) {
    writes.removes++;
    await inStorage(() => local.remove((Array.isArray(keys) ? keys : [keys]).map((key) => PREFIX + key)));
  },
};

let db: PaperdexDB;
let marked: string[] = [];

/** A library of `size` papers, `marks` of them saved, most tagged, some read, every marked one with a note of ~200 characters. */
async function fill(size: number, marks: number): Promise<{ fillMs: number }> {
  const started = performance.now();
  await local.clear();
  await new PaperdexDB(DB).delete();
  db = new PaperdexDB(DB);
  const corpus = generateCorpus(size);
  const now = Date.now();
  const every = Math.max(1, Math.floor(size / marks));
  marked = [];
  const records = corpus.records.map((record, at) => {
    const seenAt = now - (size - at) * 60_000;
    const mark = at % every === 0 && marked.length < marks;
    if (mark) marked.push(record.id);
    return {
      ...record,
      links: { hf: hfPaperUrl(record.id), arxiv: arxivAbsUrl(record.id), pdf: arxivPdfUrl(record.id) },
      publishedAt: new Date(seenAt - 86_400_000).toISOString(),
      firstSeenAt: seenAt,
      lastSeenAt: seenAt,
      updatedAt: seenAt,
      seenOn: [{ site: 'hf' as const, kind: 'daily' as const, label: 'Daily', url: 'https://huggingface.co/papers', lastAt: seenAt, count: 1 }],
      sites: ['hf' as const],
      tags: mark ? (at % 3 ? ['to-read', 'diffusion'] : ['reading-group']) : [],
      ...(mark ? { savedAt: seenAt + 5_000, note: `Compare with the baseline in §3; the ablation in table 4 is what matters for ${record.title.slice(0, 60)}. Re-read before the group.`.slice(0, 200) } : {}),
      ...(mark && at % 2 ? { readAt: seenAt + 9_000 } : {}),
    };
  });
  for (let at = 0; at < records.length; at += 2_000) await db.papers.bulkPut(records.slice(at, at + 2_000));
  return { fillMs: performance.now() - started };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T; writes: typeof writes }> {
  writes.sets = writes.keys = writes.removes = writes.storageMs = 0;
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result, writes: { ...writes } };
}

/** The first copy of the whole library (empty copy). */
const initialCopy = () => timed(() => updateMarksCopy(db, area));

/** One save, then the copy's run that follows it (the run only is timed). */
async function oneChange(i: number) {
  await setSaved(db, marked[i % marked.length]!, false);
  await updateMarksCopy(db, area);
  await setSaved(db, marked[i % marked.length]!, true);
  return timed(() => updateMarksCopy(db, area));
}

/** A capture of 100 new papers, then the copy's next run (which reads them once and writes only its cursor). */
async function afterCapture(i: number) {
  const papers = Array.from({ length: 100 }, (_, k) => ({ id: `2609.${String(i * 100 + k).padStart(5, '0')}`, title: `Captured paper ${i}-${k}`, authors: ['A B'], links: {} }));
  await recordCapture(db, { listing: { site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers' }, papers, problems: [] });
  return timed(() => updateMarksCopy(db, area));
}

/** The run at start when nothing changed: the per-start cost. */
const idle = () => timed(() => updateMarksCopy(db, area));

/** Bytes of the copy: as JSON, and as Chrome counts them. */
async function bytes() {
  const all = await area.get(null);
  let json = 0;
  for (const [key, value] of Object.entries(all)) json += key.length + JSON.stringify(value).length;
  return { entries: Object.keys(all).filter((key) => key.startsWith('mark:')).length, json, inUse: await local.getBytesInUse(null) };
}

/** The database deleted, then the run that restores it. */
async function restore() {
  db.close();
  await new PaperdexDB(DB).delete();
  db = new PaperdexDB(DB);
  const run = await timed(() => updateMarksCopy(db, area, Date.now()));
  return { ...run, papers: await db.papers.count() };
}

/** One key per paper against shards of 100 entries: what one change costs to write each way. */
async function layout(runs: number) {
  const entry = Object.values(await area.get(null)).find((value) => (value as { note?: string }).note) as object;
  const shard = Object.fromEntries(Array.from({ length: 100 }, (_, k) => [`p${k}`, entry]));
  const one: number[] = [];
  const sharded: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    await local.set({ 'bench-layout:key': { ...entry, i } });
    one.push(performance.now() - started);
    started = performance.now();
    await local.set({ 'bench-layout:shard': { ...shard, i } });
    sharded.push(performance.now() - started);
  }
  await local.remove(['bench-layout:key', 'bench-layout:shard']);
  return { one, sharded, entryBytes: JSON.stringify(entry).length, shardBytes: JSON.stringify(shard).length };
}

(globalThis as unknown as { paperdexMarksCopyBench: object }).paperdexMarksCopyBench = { fill, initialCopy, oneChange, afterCapture, idle, bytes, restore, layout };

