import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkAddTag, bulkRemoveTag, bulkSetRead, bulkSetSaved, deletePapers, restorePapers } from '@/utils/library/bulk-actions';
import { foldPendingCaptures, queueCapture } from '@/utils/capture/record-capture';
import { PaperdexDB } from '@/utils/library/schema';
import { MAX_TAGS_PER_PAPER } from '@/utils/paper/tags';
import { paper, T0 } from '../support/paper-records';

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

  it('undo after the paper was captured again brings the user\'s fields back onto the new record', async () => {
    const daily = { site: 'hf' as const, kind: 'daily' as const, label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11' };
    const trending = { site: 'hf' as const, kind: 'trending' as const, label: 'Trending', url: 'https://huggingface.co/papers/trending' };
    await db.papers.put(paper('2403.00005', { savedAt: T0 - 50, readAt: T0 - 40, tags: ['to-read', 'diffusion'], note: 'Compare with the baseline.', seenCount: 3 }));
    const removed = await deletePapers(db, ['2403.00005'], T0 + 100);
    // A listing shows it again before Undo: the real capture path (queue, then fold) makes a new record.
    await queueCapture(db, { listing: trending, papers: [{ id: '2403.00005', title: 'Paper 2403.00005, revised', links: {}, upvotes: 42 }], problems: [] }, T0 + 150);
    await queueCapture(db, { listing: daily, papers: [{ id: '2403.00005', title: 'Paper 2403.00005, revised', links: {}, upvotes: 42 }], problems: [] }, T0 + 160);
    await foldPendingCaptures(db);
    expect((await db.papers.get('2403.00005'))!.savedAt).toBeUndefined();

    expect(await restorePapers(db, removed, T0 + 200)).toBe(1);
    const back = (await db.papers.get('2403.00005'))!;
    // The user's fields are back…
    expect(back).toMatchObject({ savedAt: T0 - 50, readAt: T0 - 40, tags: ['to-read', 'diffusion'], note: 'Compare with the baseline.' });
    // …on the fresher page fields of the new capture (what the old record had and it lacks is kept)…
    expect(back).toMatchObject({ title: 'Paper 2403.00005, revised', upvotes: 42, abstract: 'Abstract of 2403.00005.' });
    // …with both histories: first seen as before the delete, last seen at the new capture, every view counted.
    expect(back).toMatchObject({ firstSeenAt: T0, lastSeenAt: T0 + 160, seenCount: 5 });
    expect(back.seenOn.map((place) => [place.url, place.count])).toEqual([
      [daily.url, 2],
      [trending.url, 1],
    ]);
    expect(back.updatedAt).toBeGreaterThan(T0 + 160);
    expect(await db.removedPapers.count()).toBe(0);
  });
});
