/**
 * A snapshot of the first screenful of the recent list, kept by the popup in its own `localStorage`
 * so that the next open can paint it before the library (IndexedDB) and the search code are loaded.
 * Only the fields a result shows are kept (its `ResultRow`). What is read back is checked field by field and ignored
 * as a whole when anything is off: it is shown as text, and its links are checked again when shown.
 */
import type { PaperLinks } from '../../paper/record';
import { type ResultRow, ROW_AUTHORS } from '../../search/result-row';
import { isRecord, safeHttpUrl } from '../../paper/sanitize';

export const FIRST_SCREEN_KEY = 'paperdex.popup.recent';
/** Papers kept: the list renders this many at first (a little more than the popup shows). */
export const FIRST_SCREEN_SIZE = 7;
/** 2: the papers are result rows (`ResultRow`). */
const VERSION = 2;

const MAX_ID = 100;
const MAX_TEXT = 2_000;
const MAX_AUTHORS = 100_000;
const MAX_TAGS = 50;
const LINK_KINDS = ['hf', 'arxiv', 'pdf', 'github', 'project'] as const;

function toSnapshotRow(row: ResultRow): ResultRow {
  const links: PaperLinks = {};
  for (const kind of LINK_KINDS) {
    const url = safeHttpUrl(row.links[kind]);
    if (url) links[kind] = url;
  }
  return { ...row, authors: row.authors.slice(0, ROW_AUTHORS), links, tags: row.tags.slice(0, MAX_TAGS) };
}

/** The snapshot text for the first `FIRST_SCREEN_SIZE` of `papers` (the recent list, all papers). */
export function firstScreenText(papers: readonly ResultRow[]): string {
  return JSON.stringify({ v: VERSION, papers: papers.slice(0, FIRST_SCREEN_SIZE).map(toSnapshotRow) });
}

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isCount = (value: unknown, max: number): value is number => isTime(value) && Number.isInteger(value) && value <= max;
const isTexts = (value: unknown, maxItems: number, maxLength: number): value is string[] =>
  Array.isArray(value) && value.length <= maxItems && value.every((item) => isText(item, maxLength));

/** A stored row, checked field by field; undefined when its shape is wrong. */
function fromSnapshotRow(value: unknown): ResultRow | undefined {
  if (!isRecord(value)) return undefined;
  const { id, title, authors, authorCount, links, seenLabel, lastSeenAt, seenCount, savedAt, readAt, tags } = value;
  if (!isText(id, MAX_ID) || id === '' || !isText(title, MAX_TEXT) || !isTexts(authors, ROW_AUTHORS, MAX_TEXT)) return undefined;
  if (!isCount(authorCount, MAX_AUTHORS) || authorCount < authors.length) return undefined;
  if (!isTime(lastSeenAt) || !isCount(seenCount, Number.MAX_SAFE_INTEGER) || !isTexts(tags, MAX_TAGS, MAX_TEXT)) return undefined;
  if ((savedAt !== undefined && !isTime(savedAt)) || (readAt !== undefined && !isTime(readAt))) return undefined;
  if (seenLabel !== undefined && !isText(seenLabel, MAX_TEXT)) return undefined;
  if (!isRecord(links)) return undefined;
  const checkedLinks: PaperLinks = {};
  for (const kind of LINK_KINDS) {
    if (links[kind] === undefined) continue;
    const url = safeHttpUrl(links[kind]);
    if (!url) return undefined;
    checkedLinks[kind] = url;
  }
  const row: ResultRow = { id, title, authors, authorCount, links: checkedLinks, lastSeenAt, seenCount, tags };
  if (seenLabel !== undefined) row.seenLabel = seenLabel;
  if (savedAt !== undefined) row.savedAt = savedAt;
  if (readAt !== undefined) row.readAt = readAt;
  return row;
}

/** The papers in a snapshot's text, or undefined when there is none or it is broken in any way. */
export function parseFirstScreen(text: string | null | undefined): ResultRow[] | undefined {
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || parsed.v !== VERSION || !Array.isArray(parsed.papers)) return undefined;
  if (parsed.papers.length === 0 || parsed.papers.length > FIRST_SCREEN_SIZE) return undefined;
  const papers: ResultRow[] = [];
  const ids = new Set<string>();
  for (const item of parsed.papers) {
    const paper = fromSnapshotRow(item);
    if (!paper || ids.has(paper.id)) return undefined;
    ids.add(paper.id);
    papers.push(paper);
  }
  return papers;
}

const defaultStore = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled
  }
};

/** The stored snapshot's papers, or undefined (none, broken, or no storage). */
export function readFirstScreen(store = defaultStore()): ResultRow[] | undefined {
  try {
    return parseFirstScreen(store?.getItem(FIRST_SCREEN_KEY));
  } catch {
    return undefined;
  }
}

/**
 * Stores the recent list's first screenful (no write when it is unchanged); an empty list removes
 * the snapshot, so an emptied library opens as it is.
 */
export function writeFirstScreen(papers: readonly ResultRow[], store = defaultStore()): void {
  try {
    if (!store) return;
    if (papers.length === 0) {
      store.removeItem(FIRST_SCREEN_KEY);
      return;
    }
    const text = firstScreenText(papers);
    if (store.getItem(FIRST_SCREEN_KEY) !== text) store.setItem(FIRST_SCREEN_KEY, text);
  } catch {
    // Full or disabled storage: the next open waits for the library, as without a snapshot.
  }
}
