/**
 * Result rows (`paper-row.ts`) as the `LibraryIndex` keeps them: one per paper in memory, stored with
 * the word index, so a keystroke renders its hits without reading a record from IndexedDB (reading
 * the hits' full records, abstracts included, was most of a keystroke's time).
 *
 * Rows are kept encoded (one short JSON string per paper: few objects for the garbage collector, and
 * quick to store and restore) and decoded only for the hits shown.
 */
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl } from '../paper/arxiv-id';
import type { PaperLinks, PaperRecord } from '../paper/record';
import { type ResultRow, toResultRow } from './result-row';

export { type ResultRow, toResultRow } from './result-row';

/** The links every arXiv paper has, stored as 1 when they are the usual URL for the id. */
const CANONICAL: readonly [keyof PaperLinks, (id: string) => string][] = [
  ['hf', hfPaperUrl],
  ['arxiv', arxivAbsUrl],
  ['pdf', arxivPdfUrl],
];
const OTHER_LINKS: readonly (keyof PaperLinks)[] = ['github', 'project'];

type Encoded = [
  title: string,
  authors: string[],
  authorCount: number,
  tags: string[],
  lastSeenAt: number,
  seenCount: number,
  savedAt: number | null,
  readAt: number | null,
  seenLabel: string | null,
  links: (string | 0 | 1)[],
];

export function encodeRow(row: ResultRow): string {
  const links: (string | 0 | 1)[] = [];
  for (const [kind, canonical] of CANONICAL) {
    const url = row.links[kind];
    links.push(url === undefined ? 0 : url === canonical(row.id) ? 1 : url);
  }
  for (const kind of OTHER_LINKS) links.push(row.links[kind] ?? 0);
  const encoded: Encoded = [
    row.title,
    row.authors,
    row.authorCount,
    row.tags,
    row.lastSeenAt,
    row.seenCount,
    row.savedAt ?? null,
    row.readAt ?? null,
    row.seenLabel ?? null,
    links,
  ];
  return JSON.stringify(encoded);
}

/** Decodes what `encodeRow` wrote (the text never leaves this extension's own storage). */
export function decodeRow(id: string, text: string): ResultRow {
  const [title, authors, authorCount, tags, lastSeenAt, seenCount, savedAt, readAt, seenLabel, links] = JSON.parse(text) as Encoded;
  const row: ResultRow = { id, title, authors, authorCount, links: {}, lastSeenAt, seenCount, tags };
  CANONICAL.forEach(([kind, canonical], at) => {
    const url = links[at];
    if (url) row.links[kind] = url === 1 ? canonical(id) : url;
  });
  OTHER_LINKS.forEach((kind, at) => {
    const url = links[CANONICAL.length + at];
    if (typeof url === 'string') row.links[kind] = url;
  });
  if (seenLabel !== null) row.seenLabel = seenLabel;
  if (savedAt !== null) row.savedAt = savedAt;
  if (readAt !== null) row.readAt = readAt;
  return row;
}

/** Rows decoded lately, kept so a list re-rendered on the next keystroke gets the same objects. */
const DECODED_KEPT = 500;

/** Every indexed paper's row, encoded; structured-cloneable as `[ids, rows]`. */
export class ResultRowTable {
  private readonly encoded = new Map<string, string>();
  private readonly decoded = new Map<string, ResultRow>();

  static restore(data: unknown): ResultRowTable {
    if (!Array.isArray(data) || data.length !== 2 || !Array.isArray(data[0]) || !Array.isArray(data[1]) || data[0].length !== data[1].length) {
      throw new Error('Stored result rows are unreadable');
    }
    const [ids, rows] = data as [unknown[], unknown[]];
    const table = new ResultRowTable();
    ids.forEach((id, at) => {
      const row = rows[at];
      if (typeof id !== 'string' || typeof row !== 'string') throw new Error('Stored result rows are unreadable');
      table.encoded.set(id, row);
    });
    return table;
  }

  serialize(): [string[], string[]] {
    return [[...this.encoded.keys()], [...this.encoded.values()]];
  }

  get size(): number {
    return this.encoded.size;
  }

  has(id: string): boolean {
    return this.encoded.has(id);
  }

  get(id: string): ResultRow | undefined {
    let row = this.decoded.get(id);
    if (row) return row;
    const text = this.encoded.get(id);
    if (text === undefined) return undefined;
    row = decodeRow(id, text);
    if (this.decoded.size >= DECODED_KEPT) this.decoded.clear();
    this.decoded.set(id, row);
    return row;
  }

  /** Stores the row of `record`; returns whether it changed. */
  put(record: PaperRecord): boolean {
    const text = encodeRow(toResultRow(record));
    if (this.encoded.get(record.id) === text) return false;
    this.encoded.set(record.id, text);
    this.decoded.delete(record.id);
    return true;
  }

  delete(id: string): boolean {
    this.decoded.delete(id);
    return this.encoded.delete(id);
  }
}
