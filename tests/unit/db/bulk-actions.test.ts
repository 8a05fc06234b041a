import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkAddTag, bulkRemoveTag, bulkSetRead, bulkSetSaved, deletePapers, restorePapers } from '@/utils/db/bulk-actions';
import { PaperdexDB } from '@/utils/db/schema';
import { MAX_TAGS_PER_PAPER } from '@/utils/tags';
import { paper, T0 } from '../library/fixtures';

let db: PaperdexDB;
beforeEach(async () => {
  db = new PaperdexDB(`bulk-${Math.random()}`);
  await db.papers.bulkPut([
    paper('2403.00001', { savedAt: T0 - 5, tags: ['to-read'] }),
    paper('2403.00002', { readAt: T0 - 5 }),
    paper('2403.00003', { tags: Array.from({ length: MAX_TAGS_PER_PAPER }, (_, i) => `t${i}`) }),
    paper('2403.00004', { note: 'keep me' }),
  ]);
});
afterEach(async () => {
  await db.delete();
});

const updatedAt = async () => Object.fromEntries((await db.papers.toArray()).map((p) => [p.id, p.updatedAt]));

describe('bulk actions', () => {
  it('save writes only the papers that change, and bumps only their updatedAt', async () => {
    const result = await bulkSetSaved(db, ['2403.00001', '2403.00002', '2403.00003', 'missing'], true, T0 + 100);
    expect(result).toEqual({ changed: 2, skipped: 0 });
    expect(await updatedAt()).toEqual({ '2403.00001': T0, '2403.00002': T0 + 100, '2403.00003': T0 + 100, '2403.00004': T0 });
    expect((await db.papers.get('2403.00001'))!.savedAt).toBe(T0 - 5); // first save time kept
    expect((await db.papers.where('savedAt').above(0).primaryKeys()).sort()).toEqual(['2403.00001', '2403.00002', '2403.00003']);
  });

  it('unsave removes the field', async () => {
    await bulkSetSaved(db, ['2403.00001', '2403.00002'], false, T0 + 100);
    expect(await db.papers.get('2403.00001')).not.toHaveProperty('savedAt');
    expect(await updatedAt()).toMatchObject({ '2403.00001': T0 + 100, '2403.00002': T0 });
  });

  it('read and unread', async () => {
    expect(await bulkSetRead(db, ['2403.00001', '2403.00002'], true, T0 + 100)).toEqual({ changed: 1, skipped: 0 });
    expect((await db.papers.get('2403.00002'))!.readAt).toBe(T0 - 5);
    expect(await bulkSetRead(db, ['2403.00001', '2403.00002'], false, T0 + 200)).toEqual({ changed: 2, skipped: 0 });
    expect(await db.papers.where('readAt').above(0).count()).toBe(0);
  });

  it('a tag is normalized, added once, and skipped on papers at the tag limit', async () => {
    const result = await bulkAddTag(db, ['2403.00001', '2403.00002', '2403.00003', '2403.00001'], ' To Read ', T0 + 100);
    expect(result).toEqual({ changed: 1, skipped: 1 });
    expect((await db.papers.get('2403.00002'))!.tags).toEqual(['to-read']);
    expect((await db.papers.get('2403.00003'))!.tags).toHaveLength(MAX_TAGS_PER_PAPER);
    expect(await db.papers.where('tags').equals('to-read').count()).toBe(2);
  });

  it('an unusable tag is refused and nothing changes', async () => {
    const before = await db.papers.toArray();
    await expect(bulkAddTag(db, ['2403.00001'], '!!!')).rejects.toThrow(/letter or digit/);
    expect(await db.papers.toArray()).toEqual(before);
  });

  it('remove a tag', async () => {
    await bulkRemoveTag(db, ['2403.00001', '2403.00002'], 'to-read', T0 + 100);
    expect(await db.papers.where('tags').equals('to-read').count()).toBe(0);
    expect(await updatedAt()).toMatchObject({ '2403.00001': T0 + 100, '2403.00002': T0 });
  });

  it('one transaction: a failure part-way leaves every paper as it was', async () => {
    const ids = Array.from({ length: 1200 }, (_, i) => `2404.${String(i).padStart(5, '0')}`);
    await db.papers.bulkPut(ids.map((id) => paper(id)));
    const before = await db.papers.toArray();
    // A record that makes the write fail in the third chunk (after two chunks were put).
    let calls = 0;
    const original = db.papers.bulkPut.bind(db.papers);
    db.papers.bulkPut = ((items: never[]) => (++calls === 3 ? Promise.reject(new Error('disk full')) : original(items))) as typeof db.papers.bulkPut;
    await expect(bulkSetSaved(db, ids, true, T0 + 100)).rejects.toThrow('disk full');
    db.papers.bulkPut = original;
    expect(await db.papers.toArray()).toEqual(before);
  });
});

describe('delete and undo', () => {
  it('deletes papers and writes their tombstones in one go; undo restores the exact records', async () => {
    const before = await db.papers.bulkGet(['2403.00001', '2403.00004']);
    const removed = await deletePapers(db, ['2403.00001', '2403.00004', 'missing'], T0 + 100);
    expect(removed).toEqual(before);
    expect(await db.papers.count()).toBe(2);
    expect(await db.removedPapers.toArray()).toEqual([
      { id: '2403.00001', at: T0 + 100 },
      { id: '2403.00004', at: T0 + 100 },
    ]);

    expect(await restorePapers(db, removed, T0 + 200)).toBe(2);
    expect(await db.removedPapers.count()).toBe(0);
    const after = await db.papers.bulkGet(['2403.00001', '2403.00004']);
    // Everything as it was; only updatedAt moves forward so the search index and open pages see them again.
    expect(after.map((p) => ({ ...p, updatedAt: 0 }))).toEqual(before.map((p) => ({ ...p, updatedAt: 0 })));
    expect(after.map((p) => p!.updatedAt)).toEqual([T0 + 200, T0 + 200]);
  });

  it('undo leaves a paper captured again since as the capture wrote it', async () => {
    const removed = await deletePapers(db, ['2403.00001'], T0 + 100);
    await db.papers.put(paper('2403.00001', { title: 'Seen again', updatedAt: T0 + 150 }));
    expect(await restorePapers(db, removed, T0 + 200)).toBe(0);
    expect((await db.papers.get('2403.00001'))!.title).toBe('Seen again');
    expect(await db.removedPapers.count()).toBe(0);
  });
});
