/**
 * Keeping the copy current: from its cursor, the copy reads what changed in the library (tombstones,
 * then papers written since, a page at a time so no read holds the database long) and writes only what
 * changed: the entry of each marked paper written since, and a removal for each paper of the copy that
 * was unmarked or deleted. Which papers the copy holds is one small key (`IDS_KEY`, the ids), read once a
 * run and written only when that set changes, so a capture of unmarked papers writes nothing but the
 * cursor, and no entry is read back (reading entries from storage.local is its slowest operation:
 * measured in `npm run bench -- marks-copy`). Entries, the ids and the meta (the cursor) of a page are
 * written in one `set`, after the page's removals, so a worker stopped half-way redoes at most one page.
 * The copy registers its cursor with the feed's registry (once it has applied new tombstones), so
 * tombstone clean-up never drops a deletion the copy has not applied.
 */
import type { PaperRecord } from '../../paper/record';
import { isRecord } from '../../paper/sanitize';
import { backendTransaction, registerCursor } from '../feed/write';
import { type ChangeCursor, done, type Tombstone } from '../feed/cursor';
import type { PaperdexDB } from '../schema';
import type { LocalArea } from './area';
import { type CopyMeta, ENTRY_PREFIX, entryKey, markEntryOf, MARKS_COPY_FORMAT, META_KEY } from './format';

/** Papers read per transaction. */
export const FOLLOW_PAGE = 500;
/** The ids of the papers the copy holds. */
export const IDS_KEY = 'marks-copy:ids';

const after = (value: number) => IDBKeyRange.lowerBound(value, true);

/**
 * Papers written after `updatedThrough`, oldest first, about `limit` of them: a page never splits the
 * papers of one stamp (a bulk write stamps many alike), so the cursor can stop at the page's last stamp.
 */
export async function changedPage(db: PaperdexDB, updatedThrough: number, limit: number): Promise<{ papers: PaperRecord[]; last: boolean }> {
  const index = (await backendTransaction(db, ['papers'])).objectStore('papers').index('updatedAt');
  const papers = await done<PaperRecord[]>(index.getAll(after(updatedThrough), limit));
  if (papers.length < limit) return { papers, last: true };
  const stamp = papers[papers.length - 1]!.updatedAt;
  const group = await done<PaperRecord[]>(index.getAll(IDBKeyRange.only(stamp)));
  return { papers: [...papers.filter((paper) => paper.updatedAt !== stamp), ...group], last: false };
}

export async function tombstonesSince(db: PaperdexDB, removedThrough: number): Promise<Tombstone[]> {
  const transaction = await backendTransaction(db, ['removedPapers']);
  return done<Tombstone[]>(transaction.objectStore('removedPapers').index('at').getAll(after(removedThrough)));
}

/** The stored ids value for `ids`. */
export const idsValue = (ids: Iterable<string>) => ({ format: MARKS_COPY_FORMAT, ids: [...ids] });

/** The ids the copy holds: from their key, or (missing or unreadable) from the entries' keys themselves. */
export async function readIds(area: LocalArea): Promise<Set<string>> {
  const stored = (await area.get(IDS_KEY))[IDS_KEY];
  if (isRecord(stored) && stored.format === MARKS_COPY_FORMAT && Array.isArray(stored.ids) && stored.ids.every((id) => typeof id === 'string')) return new Set(stored.ids as string[]);
  return new Set(Object.keys(await area.get(null)).filter((key) => key.startsWith(ENTRY_PREFIX)).map((key) => key.slice(ENTRY_PREFIX.length)));
}

export interface FollowResult {
  meta: CopyMeta;
  /** Entries written and removed. */
  written: number;
  removed: number;
}

export interface FollowOptions {
  pageSize?: number;
  /** Papers whose entries were just written from what the database holds (a restore): not written again. */
  current?: ReadonlySet<string>;
}

/** Brings the copy (whose `meta` belongs to `db`) up to date with it. */
export async function followLibrary(db: PaperdexDB, area: LocalArea, meta: CopyMeta, options: FollowOptions = {}): Promise<FollowResult> {
  const pageSize = options.pageSize ?? FOLLOW_PAGE;
  const ids = await readIds(area);
  let { cursor } = meta;
  let written = 0;
  let removed = 0;
  let tombstones = await tombstonesSince(db, cursor.removedThrough);
  for (;;) {
    const page = await changedPage(db, cursor.updatedThrough, pageSize);
    const next: ChangeCursor = { ...cursor };
    for (const { at } of tombstones) next.removedThrough = Math.max(next.removedThrough, at);
    for (const { updatedAt } of page.papers) next.updatedThrough = Math.max(next.updatedThrough, updatedAt);
    const set: Record<string, unknown> = {};
    const gone = new Set<string>();
    // Tombstones first: a paper deleted, then written again, is in the page too.
    for (const { id } of tombstones) if (ids.has(id)) gone.add(id);
    let membership = gone.size > 0;
    for (const paper of page.papers) {
      const entry = markEntryOf(paper);
      if (entry) {
        gone.delete(paper.id);
        if (!ids.has(paper.id)) membership = true;
        else if (options.current?.has(paper.id)) continue;
        set[entryKey(paper.id)] = entry;
      } else if (ids.has(paper.id)) {
        gone.add(paper.id);
        membership = true;
      }
    }
    for (const id of gone) ids.delete(id);
    for (const key of Object.keys(set)) ids.add(key.slice(ENTRY_PREFIX.length));
    if (gone.size) await area.remove([...gone].map(entryKey));
    if (membership) set[IDS_KEY] = idsValue(ids);
    const moved = next.updatedThrough !== cursor.updatedThrough || next.removedThrough !== cursor.removedThrough;
    if (moved || Object.keys(set).length) await area.set({ ...set, [META_KEY]: { ...meta, cursor: next, count: ids.size } });
    written += Object.keys(set).length - (membership ? 1 : 0);
    removed += gone.size;
    cursor = next;
    tombstones = [];
    if (page.last) break;
  }
  if (cursor.removedThrough !== meta.cursor.removedThrough) await registerCursor(db, 'marks-copy', cursor);
  return { meta: { ...meta, cursor, count: ids.size }, written, removed };
}
