/**
 * Exports the library (or a selection) as a file: JSON (lossless, `json-format.ts`), BibTeX
 * (`bibtex.ts`) or CSV (`csv.ts`). Papers are read a page at a time in id order and formatted in short
 * slices of work, the page getting a task between them, so a 50k-paper export never freezes it; a large
 * JSON or CSV export shares the work with a worker (`wholeLibraryLines`). (Pages are separate reads: a
 * paper captured while the export runs may or may not be in the file.)
 */
import type { PaperdexDB } from '../schema';
import { baseCitationKey, baseKeyOf, bibtexEntry, bibtexFields, type CitationContext, citationKeySteps, type KeyedPaper, paperYear } from './bibtex';
import { CSV_BOM, csvHeader } from './csv';
import { eachRecord, type ExportSource, isWorkerReply, joinParts, type LineFormat, lineParts, PART_LINES, PART_SEPARATOR, type WorkerRequest } from './export-lines';
import { FOOTER_LINE, headerLine } from './json-format';
import { TimeSlicer } from './next-task';
import { runInSlices } from './steps';

export type ExportFormat = 'json' | 'bibtex' | 'csv';

export interface ExportOptions {
  format: ExportFormat;
  /** Only these papers (a selection); ids not in the library are skipped. Default: the whole library. */
  ids?: readonly string[];
  /** Papers written so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** The export's time (file name, JSON header). */
  now?: number;
  /**
   * BibTeX of a selection: the whole library's papers (the library page's rows), so citation keys are
   * disambiguated as in an export of everything. Without it, only against the selection.
   */
  citationContext?: CitationContext;
  /**
   * Starts the export worker that formats half of a large JSON or CSV export; `undefined`: none, the page
   * does it all. Default: the library page's worker, where the page can start workers.
   */
  startWorker?: (() => Worker) | undefined;
  /** How long to wait for a word from the worker before doing its half in the page (default `WORKER_SILENCE_MS`). */
  workerSilenceMs?: number;
}

export interface ExportResult {
  blob: Blob;
  fileName: string;
  /** Papers in the file. */
  count: number;
}

/**
 * The selection's papers plus the other library papers that can change a selected paper's key: those
 * whose key before disambiguation is one of theirs, starts with one (`smith2024graphsb` blocks that
 * suffix for `smith2024graphs`), or begins one (their suffixes could reach it).
 */
async function withLibraryKeys(selected: readonly KeyedPaper[], context: CitationContext, slicer: TimeSlicer): Promise<KeyedPaper[]> {
  const ids = new Set(selected.map((paper) => paper.id));
  const bases = new Set(selected.map((paper) => paper.base));
  const basesAndTheirStarts = new Set<string>();
  for (const base of bases) for (let end = 1; end <= base.length; end++) basesAndTheirStarts.add(base.slice(0, end));
  const related = (base: string) => {
    if (basesAndTheirStarts.has(base)) return true;
    for (let end = base.length - 1; end > 0; end--) if (bases.has(base.slice(0, end))) return true;
    return false;
  };
  const keyed: KeyedPaper[] = [...selected];
  for (const paper of context()) {
    if (!ids.has(paper.id)) {
      const base = baseKeyOf(paper);
      if (related(base)) keyed.push({ id: paper.id, base, year: paperYear(paper) });
    }
    await slicer.maybeYield();
  }
  return keyed;
}

const TYPES: Record<ExportFormat, { type: string; extension: string }> = {
  json: { type: 'application/json', extension: 'json' },
  bibtex: { type: 'application/x-bibtex;charset=utf-8', extension: 'bib' },
  csv: { type: 'text/csv;charset=utf-8', extension: 'csv' },
};

/** A whole-library line export this large is shared with a worker; a smaller one is done before it would start. */
export const SPLIT_FROM_PAPERS = 4_000;

/**
 * The papers of the whole library (`total` of them) as line-format parts, in id order. From
 * `SPLIT_FROM_PAPERS` on, and when the page can start workers, the second half (from the median id) is
 * formatted by the export worker while the page formats the first: at 50k papers in the bench, 2.1-2.2 s
 * against 2.7-3.0 s on one thread. Should the worker fail, the page formats that half itself.
 */
async function wholeLibraryLines(
  db: PaperdexDB,
  format: LineFormat,
  total: number,
  onPage: (done: number) => void,
  startWorker: (() => Worker) | undefined,
  silenceMs: number,
): Promise<{ parts: Blob[]; count: number }> {
  const middle = startWorker && total >= SPLIT_FROM_PAPERS ? ((await db.papers.orderBy('id').offset(Math.floor(total / 2)).limit(1).primaryKeys())[0] as string | undefined) : undefined;
  if (middle === undefined) return lineParts(db, format, { range: {} }, onPage);
  let firstDone = 0;
  let secondDone = 0;
  // (Handled at once: the worker can fail while the page is still on its own half.)
  const second = inWorker(startWorker!, { format, from: middle }, silenceMs, (done) => {
    secondDone = done;
    onPage(firstDone + secondDone);
  }).catch((error: unknown) => {
    console.warn('[Paperdex] the export worker failed; the page formats its half', error);
    return undefined;
  });
  const first = await lineParts(db, format, { range: { to: middle } }, (done) => {
    firstDone = done;
    onPage(firstDone + secondDone);
  });
  const rest =
    (await second) ??
    (await lineParts(db, format, { range: { from: middle } }, (done) => {
      secondDone = done;
      onPage(firstDone + secondDone);
    }));
  return { parts: [...first.parts, ...rest.parts], count: first.count + rest.count };
}

/** How long the page waits for a word from the export worker before it does the worker's half itself. */
export const WORKER_SILENCE_MS = 30_000;

/** Runs one request in a new export worker; rejects on any failure (the caller then does the work). */
function inWorker(startWorker: () => Worker, request: WorkerRequest, silenceMs: number, onProgress: (done: number) => void): Promise<{ parts: Blob[]; count: number }> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startWorker();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    // A worker that stops answering (it reports every page of 500 papers) is given up on.
    let silence: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      clearTimeout(silence);
      silence = setTimeout(() => fail(`no word from the export worker in ${silenceMs / 1000} s`), silenceMs);
    };
    const fail = (error: string) => {
      clearTimeout(silence);
      worker.terminate();
      reject(new Error(error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(event.message || 'the export worker stopped');
    };
    worker.onmessageerror = () => fail('an unreadable message from the export worker');
    // Each part becomes one of the page's Blobs as it comes (the page's Blobs outlive the worker).
    const parts: Blob[] = [];
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const reply = event.data;
      if (!isWorkerReply(reply)) return fail('an unexpected message from the export worker');
      watch();
      if (reply.type === 'progress') return onProgress(reply.done);
      if (reply.type === 'part') return void parts.push(new Blob([reply.bytes]));
      if (reply.type === 'done' && reply.parts !== parts.length) return fail(`the export worker sent ${parts.length} of ${reply.parts} parts`);
      clearTimeout(silence);
      worker.terminate();
      if (reply.type === 'failed') reject(new Error(reply.error));
      else resolve({ parts, count: reply.count });
    };
    worker.postMessage(request);
    watch();
  });
}

/** The library page's export worker (bundled by Vite from `new URL(…, import.meta.url)`); none where pages cannot start workers (tests in Node). */
function defaultWorker(): (() => Worker) | undefined {
  if (typeof Worker !== 'function') return undefined;
  return () => new Worker(new URL('./export-worker.ts', import.meta.url));
}

export function exportFileName(format: ExportFormat, now: number, selection: boolean): string {
  const day = new Date(now).toISOString().slice(0, 10);
  return `paperdex-${selection ? 'selection' : 'library'}-${day}.${TYPES[format].extension}`;
}

/** Builds the export file. Never throws for content; a database failure rejects. */
export async function exportLibrary(db: PaperdexDB, options: ExportOptions): Promise<ExportResult> {
  const { format, ids, onProgress } = options;
  const now = options.now ?? Date.now();
  const source: ExportSource = ids ? { ids } : { range: {} };
  const total = ids ? new Set(ids).size : await db.papers.count();
  // Progress: papers written of the papers there are (a paper captured meanwhile can make it more).
  const progress = (done: number) => onProgress?.(Math.min(done, total), Math.max(done, total));
  const parts: BlobPart[] = [];
  let count = 0;

  if (format === 'json' || format === 'csv') {
    const startWorker = 'startWorker' in options ? options.startWorker : defaultWorker();
    const body = ids ? await lineParts(db, format, source, progress) : await wholeLibraryLines(db, format, total, progress, startWorker, options.workerSilenceMs ?? WORKER_SILENCE_MS);
    count = body.count;
    progress(count);
    parts.push(...(format === 'json' ? [headerLine(count, now)] : [CSV_BOM, csvHeader()]));
    parts.push(...joinParts(body.parts, PART_SEPARATOR[format]));
    if (format === 'json') parts.push(count ? `\n${FOOTER_LINE}` : FOOTER_LINE);
  } else {
    // Keys depend on the whole set (collisions): each page's entries are formatted without their keys
    // (kept as one string per page), and the keys put in front at the end.
    const entries: { id: string; base: string; year: number; page: number; start: number; end: number }[] = [];
    const pages: string[] = [];
    let offset = 0;
    let lines: string[] = [];
    const flush = () => {
      if (lines.length) parts.push(new Blob([lines.join('')]));
      lines = [];
    };
    await eachRecord(
      db,
      source,
      (record) => {
        const fields = bibtexFields(record);
        entries.push({ id: record.id, base: baseCitationKey(record), year: paperYear(record), page: pages.length, start: offset, end: offset + fields.length });
        offset += fields.length;
        lines.push(fields);
      },
      (done) => {
        pages.push(lines.join(''));
        lines = [];
        offset = 0;
        progress(done);
      },
    );
    count = entries.length;
    const slicer = new TimeSlicer();
    const keyed: KeyedPaper[] = ids && options.citationContext ? await withLibraryKeys(entries, options.citationContext, slicer) : entries;
    const keys = await runInSlices(citationKeySteps(keyed), slicer);
    parts.push(`% Paperdex export, ${new Date(now).toISOString()}: ${entries.length} papers\n\n`);
    for (let at = 0; at < entries.length; at++) {
      const entry = entries[at]!;
      lines.push(bibtexEntry(keys.get(entry.id)!, pages[entry.page]!.slice(entry.start, entry.end)));
      const pageEnds = entries[at + 1]?.page !== entry.page;
      if (pageEnds || lines.length === PART_LINES) flush();
      if (pageEnds) pages[entry.page] = '';
      await slicer.maybeYield();
    }
  }
  return { blob: new Blob(parts, { type: TYPES[format].type }), fileName: exportFileName(format, now, ids !== undefined), count };
}
