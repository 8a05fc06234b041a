/**
 * Imports a file into the library: a Paperdex JSON export (any version this extension reads, see
 * `json-format.ts`) or a plain list of arXiv ids / paper URLs to save (`id-list.ts`).
 * A file as Paperdex writes it (one paper per line) is decoded, read, checked and written in one
 * transaction, a short step at a time: the database writes one step while the next is decoded and read,
 * and the page gets a task between steps. A bad paper aborts the transaction, so a bad file gets a
 * message that says what and where and changes nothing: all or nothing. Any other layout is parsed (in
 * slices) and checked whole first, then written the same way. Merge rules: `merge-import.ts`; a paper that ends up identical is not written
 * (so importing the same file twice changes nothing the second time, not even `updatedAt`).
 */
import Dexie from 'dexie';
import { nextStamp } from '../feed/cursor';
import { type ChangeLog, writeLibrary } from '../feed/write';
import type { PaperRecord } from '../../paper/record';
import type { PaperdexDB } from '../schema';
import { saveById } from '../save-by-id';
import { cleanText } from '../../paper/sanitize';
import { parseIdList } from './id-list';
import { checkHeader, checkPaper, migratePaper, type PaperCheck } from './json-format';
import { mergeImportedPaper, sameRecord } from './merge-import';
import { TimeSlicer } from './next-task';
import { decodeImportPieces, MAX_IMPORT_BYTES, NOT_UTF8, readImportBytes, readImportText } from './read-text';
import { parseJsonInSlices } from './sliced-json';
import { errorMessage } from '../../messaging/error-message';
import { gunzip, isGzip } from '../backup/gzip';

export type ImportReport =
  | { ok: true; kind: 'paperdex-json' | 'id-list'; added: number; updated: number; unchanged: number; saved?: number }
  | { ok: false; error: string };

export type ImportPhase = 'reading' | 'writing';

export interface ImportOptions {
  /** The file's name, when it has one (a `.json` name that isn't JSON is reported as such). */
  fileName?: string;
  /**
   * Papers read / written so far, of `total`, per phase ('writing' covers reading and checking too for a
   * file in Paperdex's line layout, which is read and written in one pass).
   */
  onProgress?: (done: number, total: number, phase: ImportPhase) => void;
  /** The import's time (`updatedAt` of what it writes, `savedAt` of papers saved by id; dates in the file more than a day later become it). */
  now?: number;
}

type Parsed = { ok: true; papers: PaperRecord[] } | { ok: false; error: string };

function invalidJson(error: unknown): Parsed {
  const detail = cleanText(errorMessage(error), 120);
  return { ok: false, error: `the file is not valid JSON (truncated?)${detail ? `: ${detail}` : ''}` };
}

/** Validates (and migrates) papers given one at a time, numbering them from 1 in messages. */
class PaperChecker {
  private checked = 0;

  constructor(
    private readonly version: number,
    /** The import's time: later dates in the file are clamped to it (`checkPaper`). */
    private readonly now: number,
  ) {}

  get count(): number {
    return this.checked;
  }

  check(raw: unknown): PaperCheck {
    const checked = checkPaper(migratePaper(raw, this.version), this.now);
    if (!checked.ok) return { ok: false, error: `paper ${this.checked + 1}: ${checked.error}` };
    this.checked++;
    return checked;
  }
}

/** The file is laid out otherwise than Paperdex writes it: read it whole (`parseWhole`). */
class NotLineLayout extends Error {}

/** A bad paper found while writing: the transaction is rolled back and this is the report. */
class ImportRefused extends Error {}

/**
 * Bytes of a file decoded at a time while it is read in the line layout (about 13 papers): pieces stay
 * small strings, which the garbage collector frees young (with 512 kB pieces a profile at 50k papers
 * showed about three times its time).
 */
const PIECE_BYTES = 32 * 1024;
/** The header line is about 120 bytes: a first line longer than this is not Paperdex's layout. */
const MAX_HEADER_BYTES = 64 * 1024;
const LINE_FEED = 0x0a;

/**
 * A file's bytes after its header line, decoded a piece at a time as they are read, each piece ending
 * at a line break (a UTF-8 multi-byte sequence never contains the byte 0x0a, so a piece is whole text).
 * 50k papers are 120 MB: decoded whole first, the import wrote nothing for the 0.5–2 s that took, and
 * held the whole text (up to twice the file's size) while it ran. Decoded as read, the decoding runs
 * while the database writes the previous step. Bytes that are not UTF-8 refuse the import (rolled
 * back), with the message of the whole-file decode.
 */
class BytePieces {
  // Not stripping a byte-order mark: only the header line, decoded apart, can start with one.
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
  ) {}

  /** The next piece of text, or undefined at the end. */
  next(): string | undefined {
    const { bytes, at } = this;
    if (at >= bytes.length) return undefined;
    let end = bytes.length;
    if (at + PIECE_BYTES < bytes.length) {
      const lineFeed = bytes.indexOf(LINE_FEED, at + PIECE_BYTES - 1);
      if (lineFeed >= 0) end = lineFeed + 1;
    }
    this.at = end;
    try {
      return this.decoder.decode(bytes.subarray(at, end));
    } catch {
      throw new ImportRefused(NOT_UTF8);
    }
  }
}

/**
 * Files as Paperdex writes them: the header on the first line, then one paper per line. Papers are
 * read and checked a batch at a time (synchronously, so the import transaction stays open between
 * batches). A layout it can't follow (a reformatted or damaged file) throws `NotLineLayout`.
 */
class LineLayoutReader {
  private expectMore = true;
  private ended = false;

  private constructor(
    /** The text read but not yet taken as lines (from `at`); more comes from `pieces`. */
    private buffer: string,
    private at: number,
    private readonly pieces: BytePieces | undefined,
    private readonly checker: PaperChecker,
    readonly total: number,
  ) {}

  /** A reader, a refusal of the header, or undefined when the text is not in the line layout. */
  static open(text: string, now: number): LineLayoutReader | { ok: false; error: string } | undefined {
    const firstBreak = text.indexOf('\n');
    if (firstBreak < 0) return undefined;
    const checked = LineLayoutReader.header(text.slice(0, firstBreak));
    return checked?.ok ? new LineLayoutReader(text, firstBreak + 1, undefined, new PaperChecker(checked.version, now), checked.count ?? 0) : checked;
  }

  /** As `open`, on a file's bytes (already found not UTF-16 nor binary): the rest is decoded as it is read. */
  static openBytes(bytes: Uint8Array, now: number): LineLayoutReader | { ok: false; error: string } | undefined {
    const firstBreak = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(LINE_FEED);
    if (firstBreak < 0) return undefined;
    let first: string;
    try {
      first = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes.subarray(0, firstBreak));
    } catch {
      return undefined;
    }
    const checked = LineLayoutReader.header(first);
    return checked?.ok ? new LineLayoutReader('', 0, new BytePieces(bytes, firstBreak + 1), new PaperChecker(checked.version, now), checked.count ?? 0) : checked;
  }

  private static header(line: string): { ok: true; version: number; count?: number } | { ok: false; error: string } | undefined {
    const first = line.trim();
    if (!first.endsWith('"papers":[')) return undefined;
    let header: unknown;
    try {
      header = JSON.parse(`${first}]}`);
    } catch {
      return undefined;
    }
    return checkHeader(header);
  }

  get done(): boolean {
    return this.ended;
  }

  get read(): number {
    return this.checker.count;
  }

  /** The next line (without its break), or undefined when the text has ended. */
  private line(): string | undefined {
    for (;;) {
      const end = this.buffer.indexOf('\n', this.at);
      if (end >= 0) {
        const line = this.buffer.slice(this.at, end);
        this.at = end + 1;
        return line;
      }
      const piece = this.pieces?.next();
      if (piece === undefined) {
        if (this.at >= this.buffer.length) return undefined;
        const line = this.buffer.slice(this.at);
        this.at = this.buffer.length;
        return line;
      }
      this.buffer = this.buffer.slice(this.at) + piece;
      this.at = 0;
    }
  }

  /** Everything after the lines read. */
  private rest(): string {
    let rest = this.buffer.slice(this.at);
    for (let piece = this.pieces?.next(); piece !== undefined; piece = this.pieces?.next()) rest += piece;
    this.buffer = '';
    this.at = 0;
    return rest;
  }

  /** The next papers: at most `max`, or as many as `budgetMs` allows (at least one). */
  next(max: number, budgetMs: number): PaperRecord[] {
    const papers: PaperRecord[] = [];
    const start = performance.now();
    while (!this.ended && papers.length < max && (papers.length === 0 || performance.now() - start < budgetMs)) {
      const read = this.line();
      if (read === undefined) throw new NotLineLayout(); // no closing line: truncated
      const line = read.trim();
      if (!line) continue;
      if (line === ']}') {
        // The end: only whitespace may follow, and no paper line may have promised another.
        if (this.rest().trim() || (this.expectMore && this.checker.count > 0)) throw new NotLineLayout();
        this.ended = true;
        break;
      }
      if (!this.expectMore) throw new NotLineLayout();
      this.expectMore = line.endsWith(',');
      let raw: unknown;
      try {
        raw = JSON.parse(this.expectMore ? line.slice(0, -1) : line);
      } catch {
        throw new NotLineLayout();
      }
      const checked = this.checker.check(raw);
      if (!checked.ok) throw new ImportRefused(checked.error);
      papers.push(checked.record);
    }
    return papers;
  }
}

/**
 * The whole-text path: any valid JSON layout, parsed in slices (`parseJsonInSlices`, so a reformatted
 * 50k-paper file doesn't hold the page), then checked. Only text that isn't a JSON object it can follow
 * (broken, or not an export at all) is handed to one JSON.parse, for its error message.
 */
async function parseWhole(pieces: readonly string[], now: number, onProgress: ImportOptions['onProgress']): Promise<Parsed> {
  let value: unknown;
  try {
    value = (await parseJsonInSlices(pieces)) ?? JSON.parse(pieces.join(''));
  } catch (error) {
    return invalidJson(error);
  }
  const checked = checkHeader(value);
  if (!checked.ok) return checked;
  const raws = (value as { papers?: unknown }).papers;
  if (!Array.isArray(raws)) return { ok: false, error: 'not a Paperdex export (it has no list of papers)' };
  const checker = new PaperChecker(checked.version, now);
  const slicer = new TimeSlicer();
  const papers: PaperRecord[] = [];
  for (const raw of raws) {
    const paper = checker.check(raw);
    if (!paper.ok) return paper;
    papers.push(paper.record);
    if (papers.length % 500 === 0) onProgress?.(papers.length, raws.length, 'reading');
    await slicer.maybeYield();
  }
  return { ok: true, papers };
}

/** Papers read and written per step of the import transaction (each step's work stays short). */
const WRITE_PAGE = 250;
/** How long a step may spend reading and checking lines before its papers are written. */
const STEP_READ_MS = 8;

type Counts = { added: number; updated: number; unchanged: number };
type Outcome = keyof Counts;

/**
 * Merges papers into the library, a step at a time, inside the caller's transaction on `papers` and
 * `removedPapers`. Each step's writes are awaited one step later, so the database always has the next
 * step queued while this one is read and merged. A paper repeated in the file is merged with what this
 * import wrote for it (read back in the transaction).
 */
class ImportWriter {
  /** What this import did to each paper it has seen. */
  private readonly outcome = new Map<string, Outcome>();
  private known: Set<string> = new Set();
  private tombstoned: Set<string> = new Set();
  private previous: Promise<unknown> = Promise.resolve();
  constructor(
    private readonly db: PaperdexDB,
    private readonly now: number,
    private readonly log: ChangeLog,
  ) {}

  /** Reads the ids the library and its tombstones hold, once, as keys: a paper new to the library needs no read, and only a paper with a tombstone needs a delete. */
  async start(): Promise<void> {
    const [known, tombstoned] = await Promise.all([this.db.papers.toCollection().primaryKeys(), this.db.removedPapers.toCollection().primaryKeys()]);
    this.known = new Set(known);
    this.tombstoned = new Set(tombstoned);
  }

  async write(papers: readonly PaperRecord[]): Promise<void> {
    const { db, now, outcome } = this;
    // Papers repeated within the step are merged with each other first.
    const incoming = new Map<string, PaperRecord>();
    for (const paper of papers) {
      const known = incoming.get(paper.id);
      incoming.set(paper.id, known ? mergeImportedPaper(known, paper) : paper);
    }
    const stored = [...incoming.keys()].filter((id) => this.known.has(id) || outcome.has(id));
    const existing = new Map<string, PaperRecord>();
    if (stored.length) {
      for (const record of await db.papers.bulkGet(stored)) if (record) existing.set(record.id, record);
    }
    const writes: PaperRecord[] = [];
    const revived: string[] = [];
    for (const paper of incoming.values()) {
      const record = existing.get(paper.id);
      const before = outcome.get(paper.id);
      if (!record) {
        writes.push({ ...paper, updatedAt: now });
        outcome.set(paper.id, 'added');
        // A paper deleted earlier and imported again is in the library again: its tombstone goes.
        if (this.tombstoned.has(paper.id)) revived.push(paper.id);
        continue;
      }
      const merged = mergeImportedPaper(record, paper);
      if (sameRecord(merged, record)) {
        if (!before) outcome.set(paper.id, 'unchanged');
        continue;
      }
      // A record this import already wrote keeps its time; one the library had gets a later one.
      writes.push({ ...merged, updatedAt: before && before !== 'unchanged' ? record.updatedAt : nextStamp(record.updatedAt, now) });
      if (before !== 'added') outcome.set(paper.id, 'updated');
    }
    let written: Promise<unknown> | undefined;
    if (writes.length) {
      // The store's own put: Dexie's per-request work was a fifth of the import's main-thread time at 50k
      // papers. A failed put aborts the transaction (Dexie aborts it on any request error). The count
      // after the puts resolves when they are done (requests run in order).
      const store = Dexie.currentTransaction.idbtrans.objectStore(db.papers.name);
      for (const record of writes) store.put(record);
      written = db.papers.where(':id').equals(writes.at(-1)!.id).count();
    }
    // Posted once the import's transaction commits (`writeLibrary`): open pages catch up then.
    if (writes.length) this.log.wrote(writes.map((record) => record.id), true);
    const step = Promise.all([written, revived.length ? db.removedPapers.bulkDelete(revived) : undefined]);
    await this.previous;
    this.previous = step;
  }

  async finish(): Promise<Counts> {
    await this.previous;
    const counts: Counts = { added: 0, updated: 0, unchanged: 0 };
    for (const value of this.outcome.values()) counts[value]++;
    return counts;
  }
}

/** Writes validated papers into the library in one transaction. */
async function writePapers(db: PaperdexDB, papers: readonly PaperRecord[], now: number, onProgress: ImportOptions['onProgress']): Promise<Counts> {
  onProgress?.(0, papers.length, 'writing');
  return writeLibrary(db, [db.papers, db.removedPapers], async (log) => {
    const writer = new ImportWriter(db, now, log);
    await writer.start();
    for (let at = 0; at < papers.length; at += WRITE_PAGE) {
      await writer.write(papers.slice(at, at + WRITE_PAGE));
      onProgress?.(Math.min(at + WRITE_PAGE, papers.length), papers.length, 'writing');
    }
    return writer.finish();
  });
}

/**
 * A file in the line layout, read, checked and written in one transaction, step by step: the database
 * writes one step while the next is read and checked (before, all 50k papers were read first). A bad
 * paper throws `ImportRefused` and a layout it can't follow `NotLineLayout`: either aborts the
 * transaction, so nothing is written.
 */
async function streamLineLayout(db: PaperdexDB, reader: LineLayoutReader, now: number, onProgress: ImportOptions['onProgress']): Promise<Counts> {
  const total = reader.total;
  onProgress?.(0, total, 'writing');
  return writeLibrary(db, [db.papers, db.removedPapers], async (log) => {
    const writer = new ImportWriter(db, now, log);
    await writer.start();
    while (!reader.done) {
      const papers = reader.next(WRITE_PAGE, STEP_READ_MS);
      if (papers.length) await writer.write(papers);
      onProgress?.(reader.read, Math.max(total, reader.read), 'writing');
    }
    return writer.finish();
  });
}

/**
 * Imports a file in the line layout in one pass; undefined when it turns out not to be in that layout
 * (rolled back: the whole-text path reads it or says what is wrong with it).
 */
async function importLineLayout(db: PaperdexDB, reader: LineLayoutReader, now: number, onProgress: ImportOptions['onProgress']): Promise<ImportReport | undefined> {
  try {
    return { ok: true, kind: 'paperdex-json', ...(await streamLineLayout(db, reader, now, onProgress)) };
  } catch (error) {
    if (error instanceof ImportRefused) return { ok: false, error: error.message };
    if (!(error instanceof NotLineLayout)) throw error;
    return undefined;
  }
}

/**
 * Reads, checks and writes a Paperdex JSON export; a bad file resolves to its refusal, nothing written.
 * `lineLayoutTried`: the file's bytes were already tried in the line layout, which they are not in.
 */
async function importJsonText(db: PaperdexDB, pieces: readonly string[], now: number, onProgress: ImportOptions['onProgress'], lineLayoutTried: boolean): Promise<ImportReport> {
  const reader = lineLayoutTried ? undefined : LineLayoutReader.open(pieces.join(''), now);
  if (reader && !(reader instanceof LineLayoutReader)) return reader;
  if (reader) {
    const report = await importLineLayout(db, reader, now, onProgress);
    if (report) return report;
  }
  const parsed = await parseWhole(pieces, now, onProgress);
  if (!parsed.ok) return parsed;
  return { ok: true, kind: 'paperdex-json', ...(await writePapers(db, parsed.papers, now, onProgress)) };
}

export type ExportCheck = { ok: true; papers: number; declared: number } | { ok: false; error: string };

/**
 * Reads a Paperdex JSON file in the line layout (as an export writes it) without writing anything: every
 * paper parsed and checked as an import would, and counted. `declared`: the count its header states. A
 * backup is verified with it, so what it accepts is what Import will restore.
 */
export function checkExportBytes(bytes: Uint8Array, now = Date.now()): ExportCheck {
  const reader = LineLayoutReader.openBytes(bytes, now);
  if (!reader) return { ok: false, error: 'not a Paperdex export in its own layout (no header line)' };
  if (!(reader instanceof LineLayoutReader)) return reader;
  try {
    while (!reader.done) reader.next(WRITE_PAGE, Number.POSITIVE_INFINITY);
  } catch (error) {
    if (error instanceof ImportRefused) return { ok: false, error: error.message };
    if (error instanceof NotLineLayout) return { ok: false, error: 'the file is truncated or not in the layout Paperdex writes' };
    throw error;
  }
  return { ok: true, papers: reader.read, declared: reader.total };
}

/** The text's first character that isn't white space (undefined when there is none). */
function firstNonSpace(pieces: readonly string[]): string | undefined {
  for (const piece of pieces) {
    const found = /\S/u.exec(piece)?.[0];
    if (found) return found;
  }
  return undefined;
}

/** What kind of file the text is: a JSON export, or a list of ids (anything that isn't JSON). */
function looksLikeJson(start: string, fileName: string | undefined): boolean {
  return start === '{' || start === '[' || /\.json$/i.test(fileName ?? '');
}

/**
 * Imports a Paperdex JSON export or a list of paper ids. Resolves to a report; a bad file resolves to
 * `{ ok: false, error }` with the library unchanged. A database failure also ends as an error report
 * (the transaction is rolled back).
 */
export async function importLibraryFile(db: PaperdexDB, file: Blob | string, options: ImportOptions = {}): Promise<ImportReport> {
  const now = options.now ?? Date.now();
  // A gzip-compressed file (a backup, `.json.gz`) is read as the file it holds. (One over the size
  // limit already is refused as too large, unread.)
  if (typeof file !== 'string' && file.size <= MAX_IMPORT_BYTES && (await isGzip(file))) {
    const inflated = await gunzip(file, MAX_IMPORT_BYTES);
    if (!inflated.ok) return inflated;
    file = inflated.file;
  }
  const read = typeof file === 'string' ? await readImportText(file) : await readImportBytes(file);
  if (!read.ok) return read;
  try {
    // The text, in pieces when it is a file's (a large one is never made one string: `decodeImportPieces`).
    let pieces: string[];
    let lineLayoutTried = false;
    if ('text' in read) pieces = [read.text];
    else {
      // A Paperdex export is decoded as it is written, not whole first (`BytePieces`).
      const reader = LineLayoutReader.openBytes(read.bytes, now);
      if (reader && !(reader instanceof LineLayoutReader)) return reader;
      if (reader) {
        const report = await importLineLayout(db, reader, now, options.onProgress);
        if (report) return report;
      }
      // (Bytes that are not in the line layout are not as text either.)
      lineLayoutTried = true;
      const decoded = await decodeImportPieces(read.bytes);
      if (!decoded.ok) return decoded;
      pieces = decoded.pieces;
    }
    const start = firstNonSpace(pieces);
    if (start === undefined) return { ok: false, error: 'the file is empty' };
    if (looksLikeJson(start, options.fileName)) {
      if (start === '[') return { ok: false, error: 'not a Paperdex export (a JSON list, not a Paperdex library object)' };
      return await importJsonText(db, pieces, now, options.onProgress, lineLayoutTried);
    }
    const list = parseIdList(pieces.join(''));
    if (!list.ok) return list;
    options.onProgress?.(0, list.papers.length, 'writing');
    const saved = await saveById(db, list.papers, now);
    options.onProgress?.(list.papers.length, list.papers.length, 'writing');
    return { ok: true, kind: 'id-list', added: saved.created, updated: saved.saved, unchanged: saved.alreadySaved, saved: list.papers.length };
  } catch (error) {
    console.error('[Paperdex] import failed', error);
    return { ok: false, error: `the library could not be written (nothing was changed): ${cleanText(errorMessage(error), 200) ?? 'unknown error'}` };
  }
}
