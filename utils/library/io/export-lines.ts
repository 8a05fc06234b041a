/**
 * Reading the library for an export, a page at a time in id order, and the line formats' file parts
 * (JSON records, CSV rows). Used by the library page (`export.ts`) and by the export worker
 * (`export-worker.ts`), which formats one half of the library while the page does the other.
 */
import Dexie from 'dexie';
import type { PaperdexDB } from '../schema';
import type { PaperRecord } from '../../paper/record';
import { isRecord } from '../../paper/sanitize';
import { csvRow } from './csv';
import { TimeSlicer } from './next-task';

/** Papers read per step (a step's read and formatting stay short: the page gets a task between). */
const PAGE = 500;

/**
 * Papers per part of the file (one string, then one Blob): about 120 kB of text. Each part is encoded as
 * a Blob right away, so the strings die young (50k small strings kept for a page cost 100-500 ms
 * garbage-collector pauses at 50k papers), and the file is a list of Blobs, which costs nothing to build
 * (one Blob of 100 MB of strings took seconds in a single task). A part of a whole 500-paper page
 * (1.2 MB) was a task over 50 ms of its own, 70 of them in a 50k export.
 */
export const PART_LINES = 50;

/** Ids from `from` (included) to `to` (excluded); an open end reaches the end of the library. */
export interface IdRange {
  from?: string;
  to?: string;
}

/** The papers an export reads: the given ids (a selection; unknown ones skipped), or a range of the library. */
export type ExportSource = { ids: readonly string[] } | { range: IdRange };

/**
 * Calls `visit` with each record, in id order, and `onPage` with the count so far after each page. Pages
 * are read one ahead (the database reads the next while this one is formatted), and the page gets a
 * task whenever a slice of work has used its budget.
 */
export async function eachRecord(db: PaperdexDB, source: ExportSource, visit: (record: PaperRecord) => void, onPage: (done: number) => void): Promise<void> {
  const slicer = new TimeSlicer();
  let done = 0;
  const format = async (page: readonly PaperRecord[]) => {
    for (const record of page) {
      visit(record);
      done++;
      await slicer.maybeYield();
    }
    onPage(done);
  };
  if ('ids' in source) {
    const wanted = [...new Set(source.ids)].sort();
    const read = (at: number) => db.papers.bulkGet(wanted.slice(at, at + PAGE)).then((page) => page.filter((record) => record !== undefined));
    let next = read(0);
    for (let at = 0; at < wanted.length; at += PAGE) {
      const page = await next;
      if (at + PAGE < wanted.length) next = read(at + PAGE);
      await format(page);
    }
    return;
  }
  const { from, to } = source.range;
  // After the last id read (excluded), else from the range's start (included); up to its end (excluded).
  // An open end is Dexie's lowest or highest key, which no paper id is.
  const read = (after: string | undefined) =>
    db.papers
      .where('id')
      .between(after ?? from ?? Dexie.minKey, to ?? Dexie.maxKey, after === undefined, false)
      .limit(PAGE)
      .toArray();
  let next = read(undefined);
  for (;;) {
    const page = await next;
    if (!page.length) return;
    next = read(page.at(-1)!.id);
    await format(page);
  }
}

export type LineFormat = 'json' | 'csv';

/** What goes between two parts of a line format's papers. */
export const PART_SEPARATOR: Record<LineFormat, string> = { json: ',\n', csv: '' };

/**
 * The papers of `source` as the text of a line-format file (JSON: one record per line, joined by ",\n";
 * CSV: rows, each ending its line), handed to `onPart` `PART_LINES` papers at a time; parts are joined
 * with `PART_SEPARATOR`. Resolves to the number of papers.
 */
export async function formatLines(
  db: PaperdexDB,
  format: LineFormat,
  source: ExportSource,
  onPart: (text: string) => void,
  onPage: (done: number) => void,
): Promise<number> {
  const separator = PART_SEPARATOR[format];
  const line = format === 'json' ? (record: PaperRecord) => JSON.stringify(record) : csvRow;
  let lines: string[] = [];
  let count = 0;
  const flush = () => {
    if (lines.length) onPart(lines.join(separator));
    lines = [];
  };
  await eachRecord(
    db,
    source,
    (record) => {
      count++;
      if (lines.push(line(record)) === PART_LINES) flush();
    },
    (done) => {
      flush();
      onPage(done);
    },
  );
  flush();
  return count;
}

/** `formatLines` with each part encoded as a Blob right away. */
export async function lineParts(db: PaperdexDB, format: LineFormat, source: ExportSource, onPage: (done: number) => void): Promise<{ parts: Blob[]; count: number }> {
  const parts: Blob[] = [];
  const count = await formatLines(db, format, source, (text) => parts.push(new Blob([text])), onPage);
  return { parts, count };
}

/** Parts joined with a separator (a string part between each two). */
export function joinParts(parts: readonly Blob[], separator: string): BlobPart[] {
  if (!separator) return [...parts];
  const joined: BlobPart[] = [];
  for (const [at, part] of parts.entries()) {
    if (at) joined.push(separator);
    joined.push(part);
  }
  return joined;
}

/** The export worker's request: one half of the library (from `from` to its end), in a line format. */
export interface WorkerRequest {
  format: LineFormat;
  from: string;
}

/**
 * The export worker's messages: progress (papers done), each part of its text as UTF-8 bytes (in order;
 * the buffer is transferred), then how many papers and parts it sent, or why it failed. Bytes, not
 * Blobs: a Blob made in the worker can become unreadable once the worker ends (NotReadableError, seen in
 * the bench), while the page's own Blobs live as long as the page.
 */
export type WorkerReply =
  | { type: 'progress'; done: number }
  | { type: 'part'; bytes: Uint8Array<ArrayBuffer> }
  | { type: 'done'; count: number; parts: number }
  | { type: 'failed'; error: string };

export function isWorkerRequest(value: unknown): value is WorkerRequest {
  return isRecord(value) && (value.format === 'json' || value.format === 'csv') && typeof value.from === 'string';
}

export function isWorkerReply(value: unknown): value is WorkerReply {
  const reply = value as Partial<Record<string, unknown>> | null;
  if (typeof reply !== 'object' || reply === null) return false;
  if (reply.type === 'progress') return Number.isSafeInteger(reply.done);
  if (reply.type === 'failed') return typeof reply.error === 'string';
  if (reply.type === 'part') return reply.bytes instanceof Uint8Array;
  return reply.type === 'done' && Number.isSafeInteger(reply.count) && Number.isSafeInteger(reply.parts);
}
