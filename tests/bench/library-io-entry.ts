// Bundled by the bench and run in an extension page: fills the real library with a synthetic corpus
// (as capture and the user leave it: sightings, tags, saves, notes), then times the library's export and
// import code (the code the library page calls), with a long-task observer running.
import { PaperdexDB } from '@/utils/library/schema';
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl } from '@/utils/paper/arxiv-id';
import { exportLibrary, importLibraryFile, type ExportFormat } from '@/utils/library/io';
import { done, finished } from '@/utils/ui/popup/plain-library-db';
import { LibraryIndex } from '@/utils/search/library-index';
import { generateCorpus } from './search-corpus';

const FILL_PAGE = 2_000;

/** Writes `size` synthetic papers into the extension's library; optionally stores the search index too. */
async function fillLibrary(size: number, withIndex = false): Promise<{ fillMs: number; indexMs: number }> {
  const started = performance.now();
  const corpus = generateCorpus(size);
  const db = new PaperdexDB();
  const now = Date.now();
  const records = corpus.records.map((record, at) => {
    const seenAt = now - (corpus.records.length - at) * 7 * 60_000;
    return {
      ...record,
      links: { hf: hfPaperUrl(record.id), arxiv: arxivAbsUrl(record.id), pdf: arxivPdfUrl(record.id) },
      publishedAt: new Date(seenAt - 86_400_000).toISOString(),
      primaryCategory: 'cs.LG',
      firstSeenAt: seenAt,
      lastSeenAt: seenAt,
      updatedAt: seenAt,
      seenOn: [
        { site: 'hf' as const, kind: 'daily' as const, label: 'Daily', url: 'https://huggingface.co/papers', lastAt: seenAt, count: 1 },
        ...(at % 3 === 0 ? [{ site: 'arxiv' as const, kind: 'listing' as const, label: 'cs.LG new', url: 'https://arxiv.org/list/cs.LG/new', lastAt: seenAt - 1000, count: 2 }] : []),
      ],
      sites: at % 3 === 0 ? (['hf', 'arxiv'] as const).slice() : (['hf'] as const).slice(),
      ...(at % 10 === 0 ? { savedAt: seenAt + 5000 } : {}),
      ...(at % 7 === 0 ? { readAt: seenAt + 9000 } : {}),
      ...(at % 50 === 0 ? { note: `Note on ${record.title}: compare with the baseline, "see §3", 50% faster.` } : {}),
    };
  });
  for (let at = 0; at < records.length; at += FILL_PAGE) await db.papers.bulkPut(records.slice(at, at + FILL_PAGE));
  const filled = performance.now();
  if (withIndex) {
    const index = await LibraryIndex.open(db);
    await index.save();
  }
  const indexed = performance.now();
  db.close();
  return { fillMs: filled - started, indexMs: indexed - filled };
}

/** The longest main-thread task while `work` runs (PerformanceObserver 'longtask': tasks over 50 ms). */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; longestTaskMs: number; longTasks: number; result: T }> {
  let longest = 0;
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longest = Math.max(longest, entry.duration);
      count++;
    }
  });
  observer.observe({ type: 'longtask' });
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { ms, longestTaskMs: longest, longTasks: count, result };
}

const files: Partial<Record<ExportFormat | 'reformatted', Blob>> = {};

/**
 * `workerUrl`: the export worker the extension ships (this bundle's own copy of the export code cannot
 * start it: a library build inlines workers as data: URLs, which the extension's CSP refuses).
 */
async function exportAs(format: ExportFormat, workerUrl: string) {
  const db = new PaperdexDB();
  let workers = 0;
  const startWorker = () => {
    workers++;
    return new Worker(workerUrl);
  };
  const run = await timed(() => exportLibrary(db, { format, startWorker }));
  db.close();
  files[format] = run.result.blob;
  return { ms: run.ms, longestTaskMs: run.longestTaskMs, longTasks: run.longTasks, count: run.result.count, bytes: run.result.blob.size, workers };
}

/** The JSON export as another tool would rewrite it (pretty-printed): not Paperdex's line layout. */
async function reformatJson() {
  files.reformatted = new Blob([JSON.stringify(JSON.parse(await files.json!.text()), null, 2)], { type: 'application/json' });
  return files.reformatted.size;
}

/** Imports the JSON export (or its reformatted copy) into an empty database (another name: a fresh profile's library). */
async function importJson(dbName: string, which: 'json' | 'reformatted' = 'json') {
  const db = new PaperdexDB(dbName);
  // When the writing phase starts (everything read and checked): the split of the time between phases.
  let writingAt: number | undefined;
  const start = performance.now();
  const run = await timed(() =>
    importLibraryFile(db, files[which]!, {
      fileName: 'paperdex.json',
      onProgress: (_done, _total, phase) => {
        if (phase === 'writing') writingAt ??= performance.now();
      },
    }),
  );
  const count = await db.papers.count();
  db.close();
  const readMs = (writingAt ?? start) - start;
  return { ms: run.ms, readMs, writeMs: run.ms - readMs, longestTaskMs: run.longestTaskMs, longTasks: run.longTasks, report: run.result, count };
}

function openRaw(dbName: string): Promise<IDBDatabase> {
  return done(indexedDB.open(dbName));
}

/**
 * The floor under an export on this machine: every paper read with plain IndexedDB (no Dexie, nothing
 * built), in one read-only transaction, pages of 100 in id order (the page size measured fastest here).
 */
async function readFloor() {
  const db = await openRaw('paperdex');
  const run = await timed(async () => {
    const store = db.transaction('papers', 'readonly').objectStore('papers');
    let count = 0;
    let after: IDBValidKey | undefined;
    for (;;) {
      const page = (await done(store.getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), 100))) as { id: string }[];
      count += page.length;
      if (page.length < 100) break;
      after = page[page.length - 1]!.id;
    }
    return count;
  });
  db.close();
  return { ms: run.ms, longestTaskMs: run.longestTaskMs, longTasks: run.longTasks, count: run.result };
}

/**
 * The floor under an import's writes: the records read back from the library (not timed), then put with
 * plain IndexedDB into an empty library with the same schema (its indexes kept up), 2,000 to a
 * transaction: no parsing, no checks, no merge.
 */
async function writeFloor(dbName: string) {
  const source = await openRaw('paperdex');
  const records = (await done(source.transaction('papers', 'readonly').objectStore('papers').getAll())) as unknown[];
  source.close();
  await new PaperdexDB(dbName).open().then((db) => db.close());
  const db = await openRaw(dbName);
  const run = await timed(async () => {
    for (let at = 0; at < records.length; at += 2_000) {
      const transaction = db.transaction('papers', 'readwrite');
      const store = transaction.objectStore('papers');
      for (const record of records.slice(at, at + 2_000)) store.put(record);
      await finished(transaction);
    }
  });
  db.close();
  return { ms: run.ms, longestTaskMs: run.longestTaskMs, longTasks: run.longTasks, count: records.length };
}

async function deleteDb(dbName: string) {
  await new PaperdexDB(dbName).delete();
}

(globalThis as unknown as { paperdexIoBench: unknown }).paperdexIoBench = { fillLibrary, exportAs, reformatJson, importJson, deleteDb, readFloor, writeFloor };
