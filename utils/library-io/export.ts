/**
 * Exports the library (or a selection) as a file: JSON (lossless, `json-format.ts`), BibTeX
 * (`bibtex.ts`) or CSV (`csv.ts`). Papers are read a page at a time in id order, and the page gets a
 * task between pages, so a 50k-paper export never freezes it. (Pages are separate reads: a paper
 * captured while the export runs may or may not be in the file.)
 */
import type { PaperRecord } from '../paper';
import type { PaperdexDB } from '../db/schema';
import { baseCitationKey, bibtexEntry, bibtexFields, citationKeys, paperYear } from './bibtex';
import { CSV_BOM, csvHeader, csvRow } from './csv';
import { FOOTER_LINE, headerLine } from './json-format';
import { nextTask, TimeSlicer } from './next-task';

export type ExportFormat = 'json' | 'bibtex' | 'csv';

export interface ExportOptions {
  format: ExportFormat;
  /** Only these papers (a selection); ids not in the library are skipped. Default: the whole library. */
  ids?: readonly string[];
  /** Papers written so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** The export's time (file name, JSON header). */
  now?: number;
}

export interface ExportResult {
  blob: Blob;
  fileName: string;
  /** Papers in the file. */
  count: number;
}

/** Papers read per step (a step's read and formatting stay short: the page gets a task between). */
const PAGE = 500;

const TYPES: Record<ExportFormat, { type: string; extension: string }> = {
  json: { type: 'application/json', extension: 'json' },
  bibtex: { type: 'application/x-bibtex;charset=utf-8', extension: 'bib' },
  csv: { type: 'text/csv;charset=utf-8', extension: 'csv' },
};

/** Calls `visit` with each page of records, in id order, a new task between pages. */
async function eachPage(db: PaperdexDB, ids: readonly string[] | undefined, visit: (page: PaperRecord[], total: number) => void): Promise<void> {
  if (ids) {
    const wanted = [...new Set(ids)].sort();
    for (let at = 0; at < wanted.length; at += PAGE) {
      const page = (await db.papers.bulkGet(wanted.slice(at, at + PAGE))).filter((record) => record !== undefined);
      visit(page, wanted.length);
      await nextTask();
    }
    return;
  }
  const total = await db.papers.count();
  const read = (after: string | undefined) => (after === undefined ? db.papers.orderBy('id') : db.papers.where('id').above(after)).limit(PAGE).toArray();
  let next = read(undefined);
  for (;;) {
    const page = await next;
    if (!page.length) return;
    // The next page is read while this one is formatted (the database and the page work at once).
    next = read(page.at(-1)!.id);
    visit(page, total);
    await nextTask();
  }
}

export function exportFileName(format: ExportFormat, now: number, selection: boolean): string {
  const day = new Date(now).toISOString().slice(0, 10);
  return `paperdex-${selection ? 'selection' : 'library'}-${day}.${TYPES[format].extension}`;
}

/** Builds the export file. Never throws for content; a database failure rejects. */
export async function exportLibrary(db: PaperdexDB, options: ExportOptions): Promise<ExportResult> {
  const { format, ids, onProgress } = options;
  const now = options.now ?? Date.now();
  const parts: string[] = [];
  let count = 0;
  const progress = (page: PaperRecord[], total: number) => {
    count += page.length;
    onProgress?.(Math.min(count, total), Math.max(count, total));
  };

  if (format === 'json') {
    await eachPage(db, ids, (page, total) => {
      const lines = page.map((record) => JSON.stringify(record));
      parts.push((count ? ',\n' : '') + lines.join(',\n'));
      progress(page, total);
    });
    parts.unshift(headerLine(count, now));
    parts.push(count ? `\n${FOOTER_LINE}` : FOOTER_LINE);
  } else if (format === 'csv') {
    parts.push(CSV_BOM, csvHeader());
    await eachPage(db, ids, (page, total) => {
      parts.push(page.map(csvRow).join(''));
      progress(page, total);
    });
  } else {
    // Keys depend on the whole set (collisions): entries are written first, keys put in at the end.
    const entries: { id: string; base: string; year: number; fields: string }[] = [];
    await eachPage(db, ids, (page, total) => {
      for (const record of page) entries.push({ id: record.id, base: baseCitationKey(record), year: paperYear(record), fields: bibtexFields(record) });
      progress(page, total);
    });
    const keys = citationKeys(entries);
    parts.push(`% Paperdex export, ${new Date(now).toISOString()}: ${entries.length} papers\n\n`);
    for (let at = 0; at < entries.length; at += PAGE) {
      parts.push(entries.slice(at, at + PAGE).map((entry) => bibtexEntry(keys.get(entry.id)!, entry.fields)).join(''));
      await nextTask();
    }
  }
  // Each part is encoded to UTF-8 as its own Blob (small tasks); the file is then a list of Blobs,
  // which costs nothing to build (one Blob of 100 MB of strings took seconds in a single task).
  const blobs: Blob[] = [];
  const slicer = new TimeSlicer();
  for (const part of parts) {
    blobs.push(new Blob([part]));
    await slicer.maybeYield();
  }
  return { blob: new Blob(blobs, { type: TYPES[format].type }), fileName: exportFileName(format, now, ids !== undefined), count };
}
