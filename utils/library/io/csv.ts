/**
 * CSV export (RFC 4180): one header row, then one row per paper; fields separated by commas, rows by
 * CRLF; a field with a comma, quote or line break is quoted, its quotes doubled.
 * The file starts with a UTF-8 byte-order mark: without it Excel reads a CSV file in the system's
 * legacy code page and garbles every non-ASCII name (Müller, Nguyễn); other spreadsheets and CSV
 * readers skip the mark.
 * CSV injection (OWASP): titles, authors and notes are untrusted, so every text cell that a spreadsheet
 * could run as a formula gets a leading `'` and is quoted. That is a cell starting with a tab, carriage
 * return or line feed, or whose first visible character is `=`, `+`, `-` or `@`, also after leading
 * spaces, line breaks or invisible characters (spreadsheets trim them) and in their full-width or small
 * forms (`＝＋－＠`, which some spreadsheets read as the ASCII ones). A cell holding `;` is quoted too:
 * spreadsheets in many locales split unquoted cells at `;`, and each piece would start a cell of its own.
 *
 * Columns (fixed, in this order): id, title, authors ("; " between names), published (YYYY-MM-DD),
 * primary_category, first_seen, last_seen (ISO 8601 UTC), seen_count, saved_at, read_at (ISO 8601 UTC,
 * empty when not saved / unread), tags ("; "), note, hf_url, arxiv_url, pdf_url, code_url,
 * project_url, upvotes, abstract.
 */
import { stripBidiControls } from '../../paper/bidi';
import type { PaperRecord } from '../../paper/record';

export const CSV_BOM = '\ufeff';

export const CSV_COLUMNS = [
  'id', 'title', 'authors', 'published', 'primary_category', 'first_seen', 'last_seen', 'seen_count',
  'saved_at', 'read_at', 'tags', 'note', 'hf_url', 'arxiv_url', 'pdf_url', 'code_url', 'project_url',
  'upvotes', 'abstract',
] as const;

// What a spreadsheet skips before a formula: white space (Unicode's too) and invisible format characters.
const SKIPPED_START = /^[\s\u200b-\u200f\u2060\u061c\u202a-\u202e\u2066-\u2069\ufeff]*/;
// Formula characters once folded (NFKC: `＝` and `﹦` are `=`); U+2212 MINUS SIGN does not fold to `-`.
const FORMULA_CHAR = /^[=+\-@\u2212]/;

/** Whether a spreadsheet could read the text as a formula. */
function formulaLike(text: string): boolean {
  if (/^[\t\r\n]/.test(text)) return true;
  const first = text.codePointAt(SKIPPED_START.exec(text)![0].length);
  if (first === undefined) return false;
  // (Folding only what can fold: a million cells of an export are mostly ASCII.)
  const char = String.fromCodePoint(first);
  return FORMULA_CHAR.test(first < 0x80 ? char : char.normalize('NFKC'));
}

/** One cell: neutralized (and quoted) when a spreadsheet could read it as a formula, quoted when needed. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  // Bidirectional controls stored by versions before they were stripped on the way in go here too.
  const text = typeof value === 'string' ? stripBidiControls(value) : String(value);
  if (typeof value === 'string' && formulaLike(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isoTime(at: number | undefined): string | undefined {
  return at === undefined ? undefined : new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(record: PaperRecord): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string | number | undefined> = {
    id: record.id,
    title: record.title,
    authors: record.authors?.join('; '),
    published: record.publishedAt?.slice(0, 10),
    primary_category: record.primaryCategory,
    first_seen: isoTime(record.firstSeenAt),
    last_seen: isoTime(record.lastSeenAt),
    seen_count: record.seenCount,
    saved_at: isoTime(record.savedAt),
    read_at: isoTime(record.readAt),
    tags: record.tags.join('; '),
    note: record.note,
    hf_url: record.links.hf,
    arxiv_url: record.links.arxiv,
    pdf_url: record.links.pdf,
    code_url: record.links.github,
    project_url: record.links.project,
    upvotes: record.upvotes,
    abstract: record.abstract,
  };
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',')}\r\n`;
}
