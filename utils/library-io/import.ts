/**
 * Imports a file into the library: a Paperdex JSON export (any version this extension reads, see
 * `json-format.ts`) or a plain list of arXiv ids / paper URLs to save (`id-list.ts`).
 * Everything is read and validated first (a task given back to the page between slices); a bad file
 * gets a message that says what and where and changes nothing. Then the papers are written in one
 * transaction: all or nothing. Merge rules: `merge-import.ts`; a paper that ends up identical is not
 * written (so importing the same file twice changes nothing the second time, not even `updatedAt`).
 */
import type { PaperRecord } from '../paper';
import type { PaperdexDB } from '../db/schema';
import { saveById } from '../db/save-by-id';
import { cleanText } from '../sanitize';
import { parseIdList } from './id-list';
import { checkHeader, checkPaper, migratePaper } from './json-format';
import { mergeImportedPaper, sameRecord } from './merge-import';
import { TimeSlicer } from './next-task';
import { readImportText } from './read-text';

export type ImportReport =
  | { ok: true; kind: 'paperdex-json' | 'id-list'; added: number; updated: number; unchanged: number; saved?: number }
  | { ok: false; error: string };

export type ImportPhase = 'reading' | 'writing';

export interface ImportOptions {
  /** The file's name, when it has one (a `.json` name that isn't JSON is reported as such). */
  fileName?: string;
  /** Papers read / written so far, of `total`, per phase. */
  onProgress?: (done: number, total: number, phase: ImportPhase) => void;
  /** The import's time (`updatedAt` of what it writes, `savedAt` of papers saved by id). */
  now?: number;
}

type Parsed = { ok: true; papers: PaperRecord[] } | { ok: false; error: string };

function invalidJson(error: unknown): Parsed {
  const detail = cleanText(error instanceof Error ? error.message : String(error), 120);
  return { ok: false, error: `the file is not valid JSON (truncated?)${detail ? `: ${detail}` : ''}` };
}

/** Validates (and migrates) papers given one at a time, numbering them from 1 in messages. */
class PaperCollector {
  readonly papers: PaperRecord[] = [];
  private readonly slicer = new TimeSlicer();

  constructor(
    private readonly version: number,
    private readonly total: number,
    private readonly onProgress?: ImportOptions['onProgress'],
  ) {}

  /** An error message, or undefined when the paper is good. */
  async add(raw: unknown): Promise<string | undefined> {
    const checked = checkPaper(migratePaper(raw, this.version));
    if (!checked.ok) return `paper ${this.papers.length + 1}: ${checked.error}`;
    this.papers.push(checked.record);
    if (this.papers.length % 500 === 0) this.onProgress?.(this.papers.length, Math.max(this.total, this.papers.length), 'reading');
    await this.slicer.maybeYield();
    return undefined;
  }
}

/**
 * The fast path, for files as Paperdex writes them: the header on the first line, then one paper per
 * line, so each line is parsed on its own between tasks. Returns undefined when the text is laid out
 * otherwise (a reformatted or damaged file), for the whole-text path to read or report.
 */
async function parseLineByLine(text: string, onProgress: ImportOptions['onProgress']): Promise<Parsed | undefined> {
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0) return undefined;
  const first = text.slice(0, firstBreak).trim();
  if (!first.endsWith('"papers":[')) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(`${first}]}`);
  } catch {
    return undefined;
  }
  const checked = checkHeader(header);
  if (!checked.ok) return checked;
  const collector = new PaperCollector(checked.version, checked.count ?? 0, onProgress);
  let at = firstBreak + 1;
  let expectMore = true;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end).trim();
    at = end + 1;
    if (!line) continue;
    if (line === ']}') {
      // The end: only whitespace may follow, and no paper line may have promised another.
      if (text.slice(at).trim() || (expectMore && collector.papers.length > 0)) return undefined;
      return { ok: true, papers: collector.papers };
    }
    if (!expectMore) return undefined;
    expectMore = line.endsWith(',');
    let raw: unknown;
    try {
      raw = JSON.parse(expectMore ? line.slice(0, -1) : line);
    } catch {
      return undefined;
    }
    const error = await collector.add(raw);
    if (error) return { ok: false, error };
  }
  return undefined; // no closing line: truncated
}

/** The whole-text path: any valid JSON layout (this one blocks the page while JSON.parse runs). */
async function parseWhole(text: string, onProgress: ImportOptions['onProgress']): Promise<Parsed> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return invalidJson(error);
  }
  const checked = checkHeader(value);
  if (!checked.ok) return checked;
  const papers = (value as { papers?: unknown }).papers;
  if (!Array.isArray(papers)) return { ok: false, error: 'not a Paperdex export (no "papers" list)' };
  const collector = new PaperCollector(checked.version, papers.length, onProgress);
  for (const raw of papers) {
    const error = await collector.add(raw);
    if (error) return { ok: false, error };
  }
  return { ok: true, papers: collector.papers };
}

export async function parseExportText(text: string, onProgress?: ImportOptions['onProgress']): Promise<Parsed> {
  return (await parseLineByLine(text, onProgress)) ?? parseWhole(text, onProgress);
}

/** Papers written per step of the import transaction (each step's merge and write stay short). */
const WRITE_PAGE = 500;

/**
 * Merges validated papers into the library in one transaction. Papers repeated in the file are merged
 * with each other first.
 */
export async function writeImportedPapers(
  db: PaperdexDB,
  papers: readonly PaperRecord[],
  now: number,
  onProgress?: ImportOptions['onProgress'],
): Promise<{ added: number; updated: number; unchanged: number }> {
  const incoming = new Map<string, PaperRecord>();
  for (const paper of papers) {
    const known = incoming.get(paper.id);
    incoming.set(paper.id, known ? mergeImportedPaper(known, paper) : paper);
  }
  const all = [...incoming.values()];
  onProgress?.(0, all.length, 'writing');
  const counts = { added: 0, updated: 0, unchanged: 0 };
  await db.transaction('rw', db.papers, db.removedPapers, async () => {
    // The ids the library and its tombstones hold, read once as keys: a paper new to the library needs
    // no read, and only a paper with a tombstone needs a delete (at 50k papers, a read and a delete per
    // paper cost more than the writes).
    const [known, tombstoned] = await Promise.all([
      db.papers.toCollection().primaryKeys().then((keys) => new Set(keys)),
      db.removedPapers.toCollection().primaryKeys().then((keys) => new Set(keys)),
    ]);
    // Each step's writes are awaited one step later, so the database always has the next step queued
    // while this one's merge runs.
    let previous: Promise<unknown> = Promise.resolve();
    for (let at = 0; at < all.length; at += WRITE_PAGE) {
      const page = all.slice(at, at + WRITE_PAGE);
      const stored = page.filter((paper) => known.has(paper.id));
      const existing = new Map<string, PaperRecord>();
      if (stored.length) {
        for (const record of await db.papers.bulkGet(stored.map((paper) => paper.id))) if (record) existing.set(record.id, record);
      }
      const writes: PaperRecord[] = [];
      const revived: string[] = [];
      for (const paper of page) {
        const record = existing.get(paper.id);
        if (!record) {
          writes.push({ ...paper, updatedAt: now });
          counts.added++;
          // A paper deleted earlier and imported again is in the library again: its tombstone goes.
          if (tombstoned.has(paper.id)) revived.push(paper.id);
          continue;
        }
        const merged = mergeImportedPaper(record, paper);
        if (sameRecord(merged, record)) {
          counts.unchanged++;
          continue;
        }
        writes.push({ ...merged, updatedAt: Math.max(now, record.updatedAt + 1) });
        counts.updated++;
      }
      const step = Promise.all([writes.length ? db.papers.bulkPut(writes) : undefined, revived.length ? db.removedPapers.bulkDelete(revived) : undefined]);
      await previous;
      previous = step;
      onProgress?.(Math.min(at, all.length), all.length, 'writing');
    }
    await previous;
    onProgress?.(all.length, all.length, 'writing');
  });
  return counts;
}

/** What kind of file the text is: a JSON export, or a list of ids (anything that isn't JSON). */
function looksLikeJson(text: string, fileName: string | undefined): boolean {
  const start = /\S/.exec(text)?.[0];
  return start === '{' || start === '[' || /\.json$/i.test(fileName ?? '');
}

/**
 * Imports a Paperdex JSON export or a list of paper ids. Resolves to a report; a bad file resolves to
 * `{ ok: false, error }` with the library unchanged. A database failure also ends as an error report
 * (the transaction is rolled back).
 */
export async function importLibraryFile(db: PaperdexDB, file: Blob | string, options: ImportOptions = {}): Promise<ImportReport> {
  const now = options.now ?? Date.now();
  const read = await readImportText(file);
  if (!read.ok) return read;
  const { text } = read;
  if (!/\S/.test(text)) return { ok: false, error: 'the file is empty' };
  try {
    if (looksLikeJson(text, options.fileName)) {
      if (/^\s*\[/.test(text)) return { ok: false, error: 'not a Paperdex export (a JSON list, not a Paperdex library object)' };
      const parsed = await parseExportText(text, options.onProgress);
      if (!parsed.ok) return parsed;
      const counts = await writeImportedPapers(db, parsed.papers, now, options.onProgress);
      return { ok: true, kind: 'paperdex-json', ...counts };
    }
    const list = parseIdList(text);
    if (!list.ok) return list;
    options.onProgress?.(0, list.papers.length, 'writing');
    const saved = await saveById(db, list.papers, now);
    options.onProgress?.(list.papers.length, list.papers.length, 'writing');
    return { ok: true, kind: 'id-list', added: saved.created, updated: saved.saved, unchanged: saved.alreadySaved, saved: list.papers.length };
  } catch (error) {
    console.error('[Paperdex] import failed', error);
    return { ok: false, error: `the library could not be written (nothing was changed): ${cleanText(error instanceof Error ? error.message : String(error), 200) ?? 'unknown error'}` };
  }
}
