/**
 * What a search result shows of a paper (a "row"): title, first authors, links, where and when it was
 * seen, saved/read, tags. Made from a record here; kept per paper by the `LibraryIndex`
 * (`result-rows.ts`) and in the popup's snapshot. No imports: the popup's entry script uses it.
 */
import type { PaperLinks, PaperRecord } from '../paper/record';

/** The authors a row keeps (a result shows "A, B, C +4"). */
export const ROW_AUTHORS = 3;

export interface ResultRow {
  id: string;
  /** May be empty (a paper saved by id before its page was seen): shown as its id. */
  title: string;
  /** The first `ROW_AUTHORS` authors (names trimmed, blank ones left out). */
  authors: string[];
  /** How many (non-blank) authors the paper has. */
  authorCount: number;
  links: PaperLinks;
  /** Where it was seen last (`seenOn[0].label`). */
  seenLabel?: string;
  lastSeenAt: number;
  seenCount: number;
  savedAt?: number;
  readAt?: number;
  tags: string[];
}

export function toResultRow(record: PaperRecord): ResultRow {
  const authors = (record.authors ?? []).map((name) => name.trim()).filter(Boolean);
  const row: ResultRow = {
    id: record.id,
    title: record.title ?? '',
    authors: authors.slice(0, ROW_AUTHORS),
    authorCount: authors.length,
    links: record.links ?? {},
    lastSeenAt: record.lastSeenAt ?? 0,
    seenCount: record.seenCount ?? 0,
    tags: record.tags ?? [],
  };
  const seenLabel = record.seenOn?.[0]?.label;
  if (seenLabel !== undefined) row.seenLabel = seenLabel;
  if (record.savedAt !== undefined) row.savedAt = record.savedAt;
  if (record.readAt !== undefined) row.readAt = record.readAt;
  return row;
}
