/**
 * CSV export (RFC 4180): one header row, then one row per paper; fields separated by commas, rows by
 * CRLF; a field with a comma, quote or line break is quoted, its quotes doubled.
 * The file starts with a UTF-8 byte-order mark: without it Excel reads a CSV file in the system's
 * legacy code page and garbles every non-ASCII name (Müller, Nguyễn); other spreadsheets and CSV
 * readers skip the mark.
 * A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
 * return) gets a leading `'`, as OWASP advises against CSV injection: titles and notes are untrusted.
 *
 * Columns (fixed, in this order): id, title, authors ("; " between names), published (YYYY-MM-DD),
 * primary_category, first_seen, last_seen (ISO 8601 UTC), seen_count, saved_at, read_at (ISO 8601 UTC,
 * empty when not saved / unread), tags ("; "), note, hf_url, arxiv_url, pdf_url, code_url,
 * project_url, upvotes, abstract.
 */
import type { PaperRecord } from '../paper';

export const CSV_BOM = '\ufeff';

export const CSV_COLUMNS = [
  'id', 'title', 'authors', 'published', 'primary_category', 'first_seen', 'last_seen', 'seen_count',
  'saved_at', 'read_at', 'tags', 'note', 'hf_url', 'arxiv_url', 'pdf_url', 'code_url', 'project_url',
  'upvotes', 'abstract',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralized when a spreadsheet would read it as a formula, quoted when needed. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
