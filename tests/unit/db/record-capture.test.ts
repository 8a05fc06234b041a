import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordCapture } from '@/utils/db/record-capture';
import { PaperdexDB } from '@/utils/db/schema';
import type { CapturedPaper, Listing } from '@/utils/paper';

const listing: Listing = { site: 'hf', kind: 'daily', label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11' };
const T0 = Date.UTC(2026, 2, 11, 9);

function paper(n: number, extra: Partial<CapturedPaper> = {}): CapturedPaper {
  return { id: `2403.${String(10000 + n)}`, title: `Paper ${n}`, abstract: `Abstract ${n}`, links: {}, ...extra };
}

let db: PaperdexDB;
beforeEach(() => {
  db = new PaperdexDB(`test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('recordCapture', () => {
  it('stores a batch and answers what it stored', async () => {
    const { stored } = await recordCapture(db, { listing, papers: [paper(1), paper(2)], problems: [] }, T0);
    expect(stored.map((s) => [s.id, s.isNew, s.seenCount])).toEqual([
      ['2403.10001', true, 1],
      ['2403.10002', true, 1],
    ]);
    expect(await db.papers.count()).toBe(2);
  });

  it('merges into existing records without touching user fields', async () => {
    await recordCapture(db, { listing, papers: [paper(1)], problems: [] }, T0);
    await db.papers.update('2403.10001', { savedAt: T0 + 5, tags: ['reading'], note: 'mine' });
    const { stored } = await recordCapture(
      db,
      { listing: { ...listing, url: `${listing.url}?q=x`, kind: 'search' }, papers: [paper(1, { abstract: undefined, upvotes: 4 })], problems: [] },
      T0 + 1000,
    );
    expect(stored[0]).toMatchObject({ isNew: false, seenCount: 2, saved: true, tags: ['reading'] });
    expect(await db.papers.get('2403.10001')).toMatchObject({
      abstract: 'Abstract 1',
      upvotes: 4,
      savedAt: T0 + 5,
      tags: ['reading'],
      note: 'mine',
      lastSeenAt: T0 + 1000,
    });
  });

  it('folds a paper listed twice in one batch into one record', async () => {
    await recordCapture(db, { listing, papers: [paper(1), paper(1, { upvotes: 3 })], problems: [] }, T0);
    expect(await db.papers.count()).toBe(1);
    expect(await db.papers.get('2403.10001')).toMatchObject({ upvotes: 3, seenCount: 1 });
  });

  it('counts capture problems per site and reason', async () => {
    const problems = [{ reason: 'island-missing' as const, count: 1, detail: 'no island' }];
    await recordCapture(db, { listing, papers: [], problems }, T0);
    await recordCapture(db, { listing, papers: [], problems }, T0 + 1);
    expect(await db.captureProblems.get('hf:island-missing')).toMatchObject({
      count: 2,
      firstAt: T0,
      lastAt: T0 + 1,
      lastUrl: listing.url,
      lastDetail: 'no island',
    });
  });

  it('is all or nothing: a failing write leaves the library as it was', async () => {
    await recordCapture(db, { listing, papers: [paper(1)], problems: [] }, T0);
    const before = await db.papers.toArray();
    // An id the key path can't hold makes bulkPut throw inside the transaction.
    const broken = { ...paper(2), id: undefined } as unknown as CapturedPaper;
    await expect(recordCapture(db, { listing, papers: [paper(1, { upvotes: 50 }), broken], problems: [] }, T0 + 1)).rejects.toThrow();
    expect(await db.papers.toArray()).toEqual(before);
  });
});
