/**
 * Exports the library (or a selection) as a file: JSON (lossless, `json-format.ts`), BibTeX
 * (`bibtex.ts`) or CSV (`csv.ts`). Papers are read a page at a time in id order and formatted in short
 * slices of work, the page getting a task between them, so a 50k-paper export never freezes it. (Pages
 * are separate reads: a paper captured while the export runs may or may not be in the file.)
 */
import type { PaperRecord } from '../paper';
import type { PaperdexDB } from '../db/schema';
import { baseCitationKey, baseKeyOf, bibtexEntry, bibtexFields, type CitationContext, citationKeySteps, type KeyedPaper, paperYear } from './bibtex';
import { CSV_BOM, csvHeader, csvRow } from './csv';
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

/** Papers read per step (a step's read and formatting stay short: the page gets a task between). */
const PAGE = 500;

/** Papers per part of the file (one string, then one Blob): about 120 kB of text. */
const PART_LINES = 50;

const TYPES: Record<ExportFormat, { type: string; extension: string }> = {
  json: { type: 'application/json', extension: 'json' },
  bibtex: { type: 'application/x-bibtex;charset=utf-8', extension: 'bib' },
  csv: { type: 'text/csv;charset=utf-8', extension: 'csv' },
};

/**
 * Calls `visit` with each record, in id order. Pages are read one ahead (the database reads the next
 * while this one is formatted), and the page gets a task whenever a slice of work has used its budget.
 */
async function eachRecord(
  db: PaperdexDB,
  ids: readonly string[] | undefined,
  visit: (record: PaperRecord) => void,
  progress: (done: number, total: number) => void,
): Promise<void> {
  const slicer = new TimeSlicer();
  let done = 0;
  const format = async (page: readonly PaperRecord[], total: number) => {
    for (const record of page) {
      visit(record);
      done++;
      await slicer.maybeYield();
    }
    progress(done, total);
  };
  if (ids) {
    const wanted = [...new Set(ids)].sort();
    const read = (at: number) => db.papers.bulkGet(wanted.slice(at, at + PAGE)).then((page) => page.filter((record) => record !== undefined));
    let next = read(0);
    for (let at = 0; at < wanted.length; at += PAGE) {
      const page = await next;
      if (at + PAGE < wanted.length) next = read(at + PAGE);
      await format(page, wanted.length);
    }
    return;
  }
  const total = await db.papers.count();
  const read = (after: string | undefined) => (after === undefined ? db.papers.orderBy('id') : db.papers.where('id').above(after)).limit(PAGE).toArray();
  let next = read(undefined);
  for (;;) {
    const page = await next;
    if (!page.length) return;
    next = read(page.at(-1)!.id);
    await format(page, total);
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
  // The file's parts: every PART_LINES papers, their text is joined into one string and encoded to UTF-8
  // as a Blob right away, so the strings die young (50k small strings kept for a page cost 100-500 ms
  // garbage-collector pauses at 50k papers). The file is then a list of Blobs, which costs nothing to
  // build (one Blob of 100 MB of strings took seconds in a single task). Parts stay small (about 120 kB):
  // a part of a whole 500-paper page (1.2 MB) was a task over 50 ms of its own, 70 of them in a 50k export.
  const parts: BlobPart[] = [];
  let count = 0;
  const progress = (done: number, total: number) => {
    count = done;
    onProgress?.(Math.min(done, total), Math.max(done, total));
  };
  let lines: string[] = [];
  const flush = (separator: string, before = '') => {
    if (lines.length) parts.push(new Blob([before + lines.join(separator)]));
    lines = [];
  };
  // (The header goes in front at the end: until then, a part before this one is papers.)
  const flushJson = () => flush(',\n', parts.length ? ',\n' : '');

  if (format === 'json') {
    await eachRecord(
      db,
      ids,
      (record) => {
        if (lines.push(JSON.stringify(record)) === PART_LINES) flushJson();
      },
      (done, total) => {
        flushJson();
        progress(done, total);
      },
    );
    parts.unshift(headerLine(count, now));
    parts.push(count ? `\n${FOOTER_LINE}` : FOOTER_LINE);
  } else if (format === 'csv') {
    parts.push(CSV_BOM, csvHeader());
    await eachRecord(
      db,
      ids,
      (record) => {
        if (lines.push(csvRow(record)) === PART_LINES) flush('');
      },
      (done, total) => {
        flush('');
        progress(done, total);
      },
    );
  } else {
    // Keys depend on the whole set (collisions): each page's entries are formatted without their keys
    // (kept as one string per page), and the keys put in front at the end.
    const entries: { id: string; base: string; year: number; page: number; start: number; end: number }[] = [];
    const pages: string[] = [];
    let offset = 0;
    await eachRecord(
      db,
      ids,
      (record) => {
        const fields = bibtexFields(record);
        entries.push({ id: record.id, base: baseCitationKey(record), year: paperYear(record), page: pages.length, start: offset, end: offset + fields.length });
        offset += fields.length;
        lines.push(fields);
      },
      (done, total) => {
        pages.push(lines.join(''));
        lines = [];
        offset = 0;
        progress(done, total);
      },
    );
    const slicer = new TimeSlicer();
    const keyed: KeyedPaper[] = ids && options.citationContext ? await withLibraryKeys(entries, options.citationContext, slicer) : entries;
    const keys = await runInSlices(citationKeySteps(keyed), slicer);
    parts.push(`% Paperdex export, ${new Date(now).toISOString()}: ${entries.length} papers\n\n`);
    for (let at = 0; at < entries.length; at++) {
      const entry = entries[at]!;
      lines.push(bibtexEntry(keys.get(entry.id)!, pages[entry.page]!.slice(entry.start, entry.end)));
      const pageEnds = entries[at + 1]?.page !== entry.page;
      if (pageEnds || lines.length === PART_LINES) flush('');
      if (pageEnds) pages[entry.page] = '';
      await slicer.maybeYield();
    }
  }
  return { blob: new Blob(parts, { type: TYPES[format].type }), fileName: exportFileName(format, now, ids !== undefined), count };
}
