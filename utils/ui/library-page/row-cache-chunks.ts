/**
 * The library page's rows, stored so the next open restores them instead of reading every full record
 * (abstracts included: at 50k papers that read was most of the page's load). Kept in the `searchIndex`
 * table: a head record (`library-rows`) with the cursors the rows are current through, and the rows in
 * chunks of `ROW_CACHE_CHUNK` (`library-rows:<n>`), so each chunk is decoded in a task of its own.
 *
 * A chunk is columnar (a few arrays of strings and typed arrays, not one object per row): structured
 * clone reads and writes that much faster. The snapshot is only a cache: the page catches up from its
 * cursors and checks the ids against the library (see `RowCache`), so a stale or missing one costs time,
 * never correctness.
 */
import { type ChangeCursor, cursorRecord } from '../../library/feed';
import type { PaperdexDB, SearchIndexRecord } from '../../library/schema';
import { SOURCE_SITES, type SourceSite } from '../../paper/record';
import { AUTHOR_SEP, type TableRow, titleKeyOf } from './table-rows';

export const ROW_CACHE_KEY = 'library-rows';
/** Format of the stored snapshot; any other is ignored (and rewritten after a full load). */
export const ROW_CACHE_FORMAT = 1;
export const ROW_CACHE_CHUNK = 2_500;

const chunkKey = (at: number) => `${ROW_CACHE_KEY}:${at}`;
/** Separates list items (authors, tags) inside one string: never in page text (control characters are stripped). */
const SEP = AUTHOR_SEP;
const SITES = SOURCE_SITES;
/** Per row: firstSeenAt, lastSeenAt, publishedAt, savedAt, readAt, updatedAt (NaN when absent). */
const NUMBERS = 6;

export interface RowCacheHead {
  /** Every write up to this `updatedAt` is in the rows. */
  updatedThrough: number;
  /** Every tombstone up to this `at` is applied. */
  removedThrough: number;
  chunks: number;
  papers: number;
  /** Written into every chunk, so chunks of two different saves are never mixed. */
  stamp: string;
}

interface EncodedChunk {
  stamp: string;
  ids: string[];
  titles: string[];
  /** The folded title when it differs from the title, else ''. */
  titleKeys: string[];
  authors: string[];
  tags: string[];
  numbers: Float64Array;
  /** Bit 0–1: sites (hf, arxiv); bit 7: has a note. */
  flags: Uint8Array;
  /** Sighting times beyond first and last: row i has `seen[seenStart[i] .. seenStart[i + 1]]`. */
  seenStart: Uint32Array;
  seen: Float64Array;
}

/** Shared by every decoded row (rows are never changed in place): fewer arrays for the collector. */
const SITE_LISTS: readonly (readonly SourceSite[])[] = [0, 1, 2, 3].map((flag) => Object.freeze(SITES.filter((_, bit) => flag & (1 << bit))));
const NONE: readonly string[] = Object.freeze([]);

const orNaN = (value: number | undefined) => (value === undefined ? NaN : value);
const split = (text: string): readonly string[] => (text === '' ? NONE : text.split(SEP));

export function encodeChunk(rows: readonly TableRow[], stamp: string): EncodedChunk {
  const n = rows.length;
  const numbers = new Float64Array(n * NUMBERS);
  const flags = new Uint8Array(n);
  const seenStart = new Uint32Array(n + 1);
  const seen: number[] = [];
  const chunk: EncodedChunk = { stamp, ids: [], titles: [], titleKeys: [], authors: [], tags: [], numbers, flags, seenStart, seen: new Float64Array(0) };
  rows.forEach((row, i) => {
    chunk.ids.push(row.id);
    chunk.titles.push(row.title);
    // Folded here, in the background, so the first sort by title after an open costs no folding.
    const titleKey = titleKeyOf(row);
    chunk.titleKeys.push(titleKey === row.title ? '' : titleKey);
    chunk.authors.push(row.authors);
    chunk.tags.push(row.tags.join(SEP));
    const at = i * NUMBERS;
    numbers[at] = row.firstSeenAt;
    numbers[at + 1] = row.lastSeenAt;
    numbers[at + 2] = orNaN(row.publishedAt);
    numbers[at + 3] = orNaN(row.savedAt);
    numbers[at + 4] = orNaN(row.readAt);
    numbers[at + 5] = row.updatedAt;
    let flag = row.hasNote ? 128 : 0;
    SITES.forEach((site, bit) => {
      if (row.sites.includes(site)) flag |= 1 << bit;
    });
    flags[i] = flag;
    seenStart[i] = seen.length;
    // First and last are in `numbers`.
    for (const at of row.moreSeen ?? []) seen.push(at);
  });
  seenStart[n] = seen.length;
  chunk.seen = Float64Array.from(seen);
  return chunk;
}

function isChunk(data: unknown): data is EncodedChunk {
  if (typeof data !== 'object' || data === null) return false;
  const c = data as Partial<EncodedChunk>;
  const n = c.ids?.length ?? -1;
  return (
    typeof c.stamp === 'string' &&
    Array.isArray(c.ids) &&
    [c.titles, c.titleKeys, c.authors, c.tags].every((list) => Array.isArray(list) && list.length === n) &&
    c.numbers instanceof Float64Array && c.numbers.length === n * NUMBERS &&
    c.flags instanceof Uint8Array && c.flags.length === n &&
    c.seenStart instanceof Uint32Array && c.seenStart.length === n + 1 &&
    c.seen instanceof Float64Array && c.seen.length === c.seenStart[n]
  );
}

export function decodeChunk(chunk: EncodedChunk): TableRow[] {
  const { numbers, flags, seenStart, seen } = chunk;
  const rows: TableRow[] = [];
  for (let i = 0; i < chunk.ids.length; i++) {
    const at = i * NUMBERS;
    const firstSeenAt = numbers[at]!;
    const lastSeenAt = numbers[at + 1]!;
    const flag = flags[i]!;
    const row: TableRow = {
      id: chunk.ids[i]!,
      title: chunk.titles[i]!,
      authors: chunk.authors[i]!,
      firstSeenAt,
      lastSeenAt,
      tags: split(chunk.tags[i]!),
      sites: SITE_LISTS[flag & 3]!,
      updatedAt: numbers[at + 5]!,
    };
    if (seenStart[i + 1]! > seenStart[i]!) row.moreSeen = Array.from(seen.subarray(seenStart[i]!, seenStart[i + 1]!));
    const titleKey = chunk.titleKeys[i]!;
    row.titleKey = titleKey === '' ? row.title : titleKey;
    const published = numbers[at + 2]!;
    const saved = numbers[at + 3]!;
    const read = numbers[at + 4]!;
    if (!Number.isNaN(published)) row.publishedAt = published;
    if (!Number.isNaN(saved)) row.savedAt = saved;
    if (!Number.isNaN(read)) row.readAt = read;
    if (flag & 128) row.hasNote = true;
    rows.push(row);
  }
  return rows;
}

function isHead(data: unknown): data is Omit<RowCacheHead, 'updatedThrough'> {
  if (typeof data !== 'object' || data === null) return false;
  const head = data as Partial<RowCacheHead>;
  return typeof head.removedThrough === 'number' && typeof head.stamp === 'string' && Number.isInteger(head.chunks) && head.chunks! >= 0;
}

/** The stored snapshot's head, or undefined when there is none in this format. */
export async function readRowCacheHead(db: PaperdexDB): Promise<RowCacheHead | undefined> {
  const record = await db.searchIndex.get(ROW_CACHE_KEY);
  if (!record || record.format !== ROW_CACHE_FORMAT || !isHead(record.data)) return undefined;
  return { ...record.data, updatedThrough: record.indexedThrough, papers: record.papers };
}

/** Chunk `at` of the snapshot `head`, decoded; undefined when it is missing, unreadable or of another save. */
export async function readRowCacheChunk(db: PaperdexDB, head: RowCacheHead, at: number): Promise<TableRow[] | undefined> {
  const record = await db.searchIndex.get(chunkKey(at));
  if (!record || record.format !== ROW_CACHE_FORMAT || !isChunk(record.data) || record.data.stamp !== head.stamp) return undefined;
  return decodeChunk(record.data);
}

/**
 * Stores `rows` (in the order given: the page restores them in that order) as current through the
 * cursors, in one transaction; each chunk is encoded in a task of its own.
 */
export async function writeRowCache(db: PaperdexDB, rows: readonly TableRow[], cursors: ChangeCursor): Promise<void> {
  const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const chunks = Math.ceil(rows.length / ROW_CACHE_CHUNK);
  await db.transaction('rw', db.searchIndex, async () => {
    for (let at = 0; at < chunks; at++) {
      const data = encodeChunk(rows.slice(at * ROW_CACHE_CHUNK, (at + 1) * ROW_CACHE_CHUNK), stamp);
      const record: SearchIndexRecord = { key: chunkKey(at), format: ROW_CACHE_FORMAT, indexedThrough: cursors.updatedThrough, papers: data.ids.length, data };
      await db.searchIndex.put(record);
    }
    // Chunks a larger library left behind.
    const stored = await db.searchIndex.where('key').between(`${ROW_CACHE_KEY}:`, `${ROW_CACHE_KEY};`).primaryKeys();
    const left = stored.filter((key) => Number(String(key).slice(ROW_CACHE_KEY.length + 1)) >= chunks);
    if (left.length) await db.searchIndex.bulkDelete(left);
    const head: Omit<RowCacheHead, 'updatedThrough' | 'papers'> = { removedThrough: cursors.removedThrough, chunks, stamp };
    await db.searchIndex.put({ key: ROW_CACHE_KEY, format: ROW_CACHE_FORMAT, indexedThrough: cursors.updatedThrough, papers: rows.length, data: head });
    // Registered with the change feed: tombstones past it are kept until these rows have applied them.
    await db.searchIndex.put(cursorRecord('library-rows', cursors));
  });
}
