/**
 * The second copy of the user's marks, as stored in `browser.storage.local`: one key per marked paper
 * (`mark:<id>`, a `MarkEntry`), the list of those ids (`marks-copy:ids`, see `follow.ts`) and one meta
 * key (`marks-copy`: format, how far the copy has followed the change feed, which database it followed,
 * how many entries). A paper is in the copy while it is saved,
 * tagged, read or noted; the entry also carries what makes the mark meaningful alone (title, the first
 * authors, dates, links), so a library rebuilt from the copy shows real papers, not bare ids.
 *
 * What is read back is not trusted: the copy outlives the database and may be corrupt, or written by
 * another version. Every entry is validated and bounded as a captured paper is (`sanitizeCapturedPaper`,
 * `normalizeTag`, `normalizeNote`); an entry that fails is skipped, never half applied.
 */
import type { ChangeCursor } from '../feed/cursor';
import { type PaperLinks, type PaperRecord, SOURCE_SITES, type SourceSite } from '../../paper/record';
import { normalizeNote } from '../../paper/note';
import { isRecord, sanitizeCapturedPaper } from '../../paper/sanitize';
import { MAX_TAGS_PER_PAPER, normalizeTag } from '../../paper/tags';

/** Format of entries and meta; another value (a newer Paperdex, or garbage) is not read. */
export const MARKS_COPY_FORMAT = 1;
export const META_KEY = 'marks-copy';
export const ENTRY_PREFIX = 'mark:';
/** Authors kept with a mark: enough to recognise the paper ("Vaswani, Shazeer, Parmar …"). */
export const COPY_AUTHORS = 3;

export const entryKey = (id: string): string => `${ENTRY_PREFIX}${id}`;

/** One marked paper. */
export interface MarkEntry {
  id: string;
  title: string;
  authors?: string[];
  publishedAt?: string;
  links: PaperLinks;
  firstSeenAt: number;
  lastSeenAt: number;
  /** How often pages showed it, and on which sites (absent: never shown, as a paper saved by id). */
  seenCount?: number;
  sites?: SourceSite[];
  savedAt?: number;
  readAt?: number;
  tags: string[];
  note?: string;
}

export interface CopyMeta {
  format: typeof MARKS_COPY_FORMAT;
  /** The copy holds every change of the database `dbId` up to here. */
  cursor: ChangeCursor;
  /** The database the copy followed (its marker record, `db-marker.ts`): another one means the database was lost. */
  dbId: string;
  /** Entries in the copy. */
  count: number;
  /** When the copy was last checked against the database for papers missing from it. */
  verifiedAt: number;
}

/** Whether the user marked the paper: saved, tagged, read or noted. */
export const isMarked = (record: Pick<PaperRecord, 'savedAt' | 'readAt' | 'tags' | 'note'>): boolean =>
  record.savedAt !== undefined || record.readAt !== undefined || record.tags.length > 0 || record.note !== undefined;

/** The entry for `record`, or undefined when the user has not marked it (it leaves the copy). */
export function markEntryOf(record: PaperRecord): MarkEntry | undefined {
  if (!isMarked(record)) return undefined;
  const entry: MarkEntry = { id: record.id, title: record.title, links: record.links, firstSeenAt: record.firstSeenAt, lastSeenAt: record.lastSeenAt, tags: record.tags };
  if (record.authors?.length) entry.authors = record.authors.slice(0, COPY_AUTHORS);
  if (record.publishedAt) entry.publishedAt = record.publishedAt;
  if (record.seenCount > 0) entry.seenCount = record.seenCount;
  if (record.sites.length) entry.sites = record.sites;
  if (record.savedAt !== undefined) entry.savedAt = record.savedAt;
  if (record.readAt !== undefined) entry.readAt = record.readAt;
  if (record.note !== undefined) entry.note = record.note;
  return entry;
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** A stored entry, validated and bounded; undefined when it is not one (or marks nothing). */
export function parseMarkEntry(raw: unknown, now: number): MarkEntry | undefined {
  if (!isRecord(raw) || typeof raw.id !== 'string') return undefined;
  // A paper saved by id that no page has shown has no title yet: validated with a stand-in, kept empty.
  const title = typeof raw.title === 'string' ? raw.title : '';
  const paper = sanitizeCapturedPaper({ id: raw.id, title: title || raw.id, authors: raw.authors, publishedAt: raw.publishedAt, links: raw.links }, now);
  if (!paper || paper.id !== raw.id) return undefined;
  if (!isTime(raw.firstSeenAt) || !isTime(raw.lastSeenAt)) return undefined;
  const tags = Array.isArray(raw.tags) ? [...new Set(raw.tags.filter((tag): tag is string => typeof tag === 'string').map(normalizeTag).filter((tag): tag is string => !!tag))] : [];
  const entry: MarkEntry = {
    id: paper.id,
    title: title ? paper.title : '',
    links: paper.links,
    firstSeenAt: raw.firstSeenAt,
    lastSeenAt: raw.lastSeenAt,
    tags: tags.slice(0, MAX_TAGS_PER_PAPER),
  };
  if (paper.authors) entry.authors = paper.authors.slice(0, COPY_AUTHORS);
  if (paper.publishedAt) entry.publishedAt = paper.publishedAt;
  if (isTime(raw.seenCount) && raw.seenCount > 0) entry.seenCount = raw.seenCount;
  if (Array.isArray(raw.sites)) {
    const sites = SOURCE_SITES.filter((site) => (raw.sites as unknown[]).includes(site));
    if (sites.length) entry.sites = sites;
  }
  if (isTime(raw.savedAt)) entry.savedAt = raw.savedAt;
  if (isTime(raw.readAt)) entry.readAt = raw.readAt;
  const note = typeof raw.note === 'string' ? normalizeNote(raw.note) : undefined;
  if (note !== undefined) entry.note = note;
  return isMarked(entry) ? entry : undefined;
}

/** The stored meta, or undefined when absent, corrupt or of another format. */
export function parseMeta(raw: unknown): CopyMeta | undefined {
  if (!isRecord(raw) || raw.format !== MARKS_COPY_FORMAT || !isRecord(raw.cursor)) return undefined;
  const { updatedThrough, removedThrough } = raw.cursor;
  if (typeof updatedThrough !== 'number' || typeof removedThrough !== 'number' || typeof raw.dbId !== 'string' || !raw.dbId) return undefined;
  if (!isTime(raw.count) || !isTime(raw.verifiedAt)) return undefined;
  return { format: MARKS_COPY_FORMAT, cursor: { updatedThrough, removedThrough }, dbId: raw.dbId, count: raw.count, verifiedAt: raw.verifiedAt };
}
