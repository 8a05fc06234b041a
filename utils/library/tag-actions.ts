/**
 * Tags as reading lists, across the whole library: rename (onto an existing tag it is a merge), and
 * delete. Each is one transaction over the papers that carry the tag (found by the `tags` index), and
 * touches only those papers' tags and `updatedAt`.
 */
import { normalizeTag } from '../paper/tags';
import { stamped, writeLibrary } from './feed/write';
import type { PaperdexDB } from './schema';

export interface TagChange {
  /** Papers written. */
  changed: number;
  /** The tag the papers now carry (normalized); undefined for a delete. */
  tag?: string;
  /** The new name was already a tag: the two lists are now one. */
  merged: boolean;
}

/**
 * Renames `from` to `to` (normalized) on every paper. When `to` is already a tag this merges the two
 * lists: a paper that had both keeps one, where `to` was (so it never gains a tag, and the 50-tag limit
 * holds). Rejects an unusable name.
 */
export function renameTag(db: PaperdexDB, from: string, to: string, now = Date.now()): Promise<TagChange> {
  const target = normalizeTag(to);
  if (!target) return Promise.reject(new Error('A tag needs at least one letter or digit.'));
  return writeLibrary(db, [db.papers], async (log) => {
    if (target === from) return { changed: 0, tag: target, merged: false };
    const merged = (await db.papers.where('tags').equals(target).limit(1).count()) > 0;
    const papers = await db.papers.where('tags').equals(from).toArray();
    const updated = papers.map((paper) => {
      const tags = paper.tags.includes(target) ? paper.tags.filter((tag) => tag !== from) : paper.tags.map((tag) => (tag === from ? target : tag));
      return stamped(paper, { tags }, now);
    });
    await db.papers.bulkPut(updated);
    log.wrote(updated.map((paper) => paper.id), true);
    return { changed: updated.length, tag: target, merged };
  });
}

/** Removes `tag` from every paper (the papers stay). */
export function deleteTag(db: PaperdexDB, tag: string, now = Date.now()): Promise<TagChange> {
  return writeLibrary(db, [db.papers], async (log) => {
    const papers = await db.papers.where('tags').equals(tag).toArray();
    await db.papers.bulkPut(papers.map((paper) => stamped(paper, { tags: paper.tags.filter((t) => t !== tag) }, now)));
    log.wrote(papers.map((paper) => paper.id), true);
    return { changed: papers.length, merged: false };
  });
}
