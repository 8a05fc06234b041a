/**
 * Keeping the copy current: from its cursor, the copy reads what changed in the library (tombstones,
 * then papers written since, a page at a time so no read holds the database long) and writes only the
 * entries that changed: a marked paper's entry when it differs from the stored one, a removal when a
 * paper in the copy was unmarked or deleted. A capture of unmarked papers writes nothing. The meta (the
 * cursor) is written with each page's entries, after its removals, so a worker stopped half-way redoes
 * at most one page. The copy registers its cursor with the feed's registry (once it has applied new
 * tombstones), so tombstone clean-up never drops a deletion the copy has not applied.
 */
import type { PaperRecord } from '../../paper/record';
import { backendTransaction, registerCursor } from '../feed/write';
import { type ChangeCursor, done, type Tombstone } from '../feed/cursor';
import type { PaperdexDB } from '../schema';
import type { LocalArea } from './area';
import { type CopyMeta, entryKey, markEntryOf, META_KEY, sameEntry } from './format';

/** Papers read per transaction. */
export const FOLLOW_PAGE = 500;

const after = (value: number) => IDBKeyRange.lowerBound(value, true);

/**
 * Papers written after `updatedThrough`, oldest first, about `limit` of them: a page never splits the
 * papers of one stamp (a bulk write stamps many alike), so the cursor can stop at the page's last stamp.
 */
async function changedPage(db: PaperdexDB, updatedThrough: number, limit: number): Promise<{ papers: PaperRecord[]; last: boolean }> {
  const index = (await backendTransaction(db, ['papers'])).objectStore('papers').index('updatedAt');
  const papers = await done<PaperRecord[]>(index.getAll(after(updatedThrough), limit));
  if (papers.length < limit) return { papers, last: true };
  const stamp = papers[papers.length - 1]!.updatedAt;
  const group = await done<PaperRecord[]>(index.getAll(IDBKeyRange.only(stamp)));
  return { papers: [...papers.filter((paper) => paper.updatedAt !== stamp), ...group], last: false };
}

async function tombstonesSince(db: PaperdexDB, removedThrough: number): Promise<Tombstone[]> {
  const transaction = await backendTransaction(db, ['removedPapers']);
  return done<Tombstone[]>(transaction.objectStore('removedPapers').index('at').getAll(after(removedThrough)));
}

export interface FollowResult {
  meta: CopyMeta;
  /** Entries written and removed. */
  written: number;
  removed: number;
}

/** Brings the copy (whose `meta` belongs to `db`) up to date with it. */
export async function followLibrary(db: PaperdexDB, area: LocalArea, meta: CopyMeta, pageSize = FOLLOW_PAGE): Promise<FollowResult> {
  let { cursor, count } = meta;
  let written = 0;
  let removed = 0;
  let tombstones = await tombstonesSince(db, cursor.removedThrough);
  for (;;) {
    const page = await changedPage(db, cursor.updatedThrough, pageSize);
    const next: ChangeCursor = { ...cursor };
    for (const { at } of tombstones) next.removedThrough = Math.max(next.removedThrough, at);
    for (const { updatedAt } of page.papers) next.updatedThrough = Math.max(next.updatedThrough, updatedAt);
    const keys = [...tombstones.map((tombstone) => entryKey(tombstone.id)), ...page.papers.map((paper) => entryKey(paper.id))];
    const stored = keys.length ? await area.get(keys) : {};
    // Tombstones first: a paper deleted, then written again, is in the page too.
    const changes = new Map<string, ReturnType<typeof markEntryOf>>();
    for (const { id } of tombstones) changes.set(entryKey(id), undefined);
    for (const paper of page.papers) changes.set(entryKey(paper.id), markEntryOf(paper));
    const set: Record<string, unknown> = {};
    const gone: string[] = [];
    for (const [key, entry] of changes) {
      const had = stored[key] !== undefined;
      if (entry && !sameEntry(stored[key], entry)) {
        set[key] = entry;
        if (!had) count++;
      } else if (!entry && had) {
        gone.push(key);
        count--;
      }
    }
    if (gone.length) await area.remove(gone);
    const changed = gone.length > 0 || Object.keys(set).length > 0;
    if (changed || next.updatedThrough !== cursor.updatedThrough || next.removedThrough !== cursor.removedThrough) {
      await area.set({ ...set, [META_KEY]: { ...meta, cursor: next, count: Math.max(0, count) } });
    }
    written += Object.keys(set).length;
    removed += gone.length;
    cursor = next;
    tombstones = [];
    if (page.last) break;
  }
  if (cursor.removedThrough !== meta.cursor.removedThrough) await registerCursor(db, 'marks-copy', cursor);
  return { meta: { ...meta, cursor, count: Math.max(0, count) }, written, removed };
}
