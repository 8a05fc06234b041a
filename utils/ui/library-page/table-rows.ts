/**
 * The library page holds every paper as a light row: what the table shows, sorts and filters on, without
 * the abstract and the other long fields (the per-paper view reads the full record). About 0.5 kB a
 * paper instead of several: authors are one string, and most rows carry no sighting list (their first
 * and last sighting are fields of their own).
 */
import type { CitationSource } from '../../library/io/bibtex';
import type { PaperRecord, SourceSite } from '../../paper/record';
import { shortAuthors } from '../shared/authors';

export interface TableRow {
  id: string;
  title: string;
  /**
   * Folded title for sorting (compared with `<`, much faster than a collator at 50k rows); made by
   * `titleKeyOf` on the first sort by title, not for every row loaded.
   */
  titleKey?: string;
  /**
   * The record's authors joined by `AUTHOR_SEP` (one string instead of an array of strings: 50k rows
   * held ~5 MB less); the table splits them for the rows in view only (`rowAuthors`).
   */
  authors: string;
  /** Epoch ms of the arXiv publication, when known. */
  publishedAt?: number;
  firstSeenAt: number;
  lastSeenAt: number;
  savedAt?: number;
  readAt?: number;
  tags: readonly string[];
  sites: readonly SourceSite[];
  /**
   * Sighting times the record keeps besides first and last (each listing's last view), for the
   * seen-date filter; absent when there are none (most rows).
   */
  moreSeen?: readonly number[];
  updatedAt: number;
  /** The record has a non-blank note (the note itself stays in the record): retention keeps such papers. */
  hasNote?: true;
}

export function titleSortKey(title: string): string {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

export function titleKeyOf(row: TableRow): string {
  return (row.titleKey ??= titleSortKey(row.title));
}

/** Separates authors in `TableRow.authors`: never in page text (control characters are stripped). */
export const AUTHOR_SEP = '\u001f';

/**
 * Saved by id (a link menu, an id-list import) and never shown by a page yet: no title, no sighting.
 * (Its first/last-seen times are when it was added, not sightings.)
 */
export function neverSeen(row: TableRow): boolean {
  return row.sites.length === 0 && row.title.trim() === '';
}

/** "Ada Lovelace, Alan Turing, Grace Hopper +4" */
export function rowAuthors(row: TableRow): string {
  return row.authors === '' ? '' : shortAuthors(row.authors.split(AUTHOR_SEP));
}

/** Each row as what its BibTeX citation key is made of (an export of a selection keys against them all). */
export function* rowCitationSources(rows: Iterable<TableRow>): Generator<CitationSource> {
  for (const row of rows) yield { id: row.id, title: row.title, firstAuthor: row.authors.split(AUTHOR_SEP, 1)[0] || undefined, publishedAt: row.publishedAt };
}

/** Every sighting time of a row (first, last, then the others), for the seen-date filter. */
export function rowSeenTimes(row: TableRow): number[] {
  const times = row.firstSeenAt === row.lastSeenAt ? [row.lastSeenAt] : [row.firstSeenAt, row.lastSeenAt];
  return row.moreSeen ? times.concat(row.moreSeen) : times;
}

export function toTableRow(record: PaperRecord): TableRow {
  const published = record.publishedAt ? Date.parse(record.publishedAt) : NaN;
  const moreSeen: number[] = [];
  for (const place of record.seenOn ?? []) {
    const at = place.lastAt;
    if (Number.isFinite(at) && at !== record.firstSeenAt && at !== record.lastSeenAt && !moreSeen.includes(at)) moreSeen.push(at);
  }
  const row: TableRow = {
    id: record.id,
    title: record.title ?? '',
    authors: (record.authors ?? []).join(AUTHOR_SEP),
    firstSeenAt: record.firstSeenAt,
    lastSeenAt: record.lastSeenAt,
    tags: record.tags ?? [],
    sites: record.sites ?? [],
    updatedAt: record.updatedAt ?? 0,
  };
  if (moreSeen.length) row.moreSeen = moreSeen;
  if (Number.isFinite(published)) row.publishedAt = published;
  if (record.savedAt !== undefined) row.savedAt = record.savedAt;
  if (record.readAt !== undefined) row.readAt = record.readAt;
  if (typeof record.note === 'string' && record.note.trim() !== '') row.hasNote = true;
  return row;
}
