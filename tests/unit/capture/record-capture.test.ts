import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { foldPendingCaptures, MAX_DIGEST_CARDS, QUEUE_ROW_BYTES, queueCapture, queueRows, recordCapture, splitByDigest } from '@/utils/capture/record-capture';
import { REVISIT_WINDOW_MS } from '@/utils/capture/merge';
import { PaperdexDB } from '@/utils/library/schema';
import type { CapturedPaper, Listing } from '@/utils/paper/record';

const listing: Listing = { site: 'hf', kind: 'daily', label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11' };
const weekly: Listing = { site: 'hf', kind: 'weekly', label: 'Weekly 2026-W11', url: 'https://huggingface.co/papers/week/2026-W11' };
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
  it('stores a batch in one go', async () => {
    const records = await recordCapture(db, { listing, papers: [paper(1), paper(2)], problems: [] }, T0);
    expect(records.map((record) => [record.id, record.seenCount])).toEqual([
      ['2403.10001', 1],
      ['2403.10002', 1],
    ]);
    expect(await db.papers.count()).toBe(2);
  });

  it('merges into existing records without touching user fields', async () => {
    await recordCapture(db, { listing, papers: [paper(1)], problems: [] }, T0);
    await db.papers.update('2403.10001', { savedAt: T0 + 5, tags: ['reading'], note: 'mine' });
    await recordCapture(db, { listing: weekly, papers: [paper(1, { abstract: undefined, upvotes: 4 })], problems: [] }, T0 + 1000);
    expect(await db.papers.get('2403.10001')).toMatchObject({
      abstract: 'Abstract 1',
      upvotes: 4,
      savedAt: T0 + 5,
      tags: ['reading'],
      note: 'mine',
      seenCount: 2,
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

describe('queueCapture and foldPendingCaptures', () => {
  it('a queued batch is durable before it is merged, and merged exactly once', async () => {
    await queueCapture(db, { listing, papers: [paper(1), paper(2)], problems: [] }, T0);
    expect(await db.pendingCaptures.count()).toBe(1);
    expect(await db.papers.count()).toBe(0);

    expect(await foldPendingCaptures(db)).toEqual({ batches: 1, papers: 2, failed: 0 });
    expect(await db.pendingCaptures.count()).toBe(0);
    expect(await db.papers.get('2403.10001')).toMatchObject({ firstSeenAt: T0, seenCount: 1 });

    expect(await foldPendingCaptures(db)).toEqual({ batches: 0, papers: 0, failed: 0 });
    expect(await db.papers.get('2403.10001')).toMatchObject({ seenCount: 1 });
  });

  it('merges batches in the order they arrived, at the time they were seen', async () => {
    await queueCapture(db, { listing, papers: [paper(1, { upvotes: 1 })], problems: [] }, T0);
    await queueCapture(db, { listing: weekly, papers: [paper(1, { upvotes: 9 })], problems: [] }, T0 + 60_000);
    await foldPendingCaptures(db);
    expect(await db.papers.get('2403.10001')).toMatchObject({
      upvotes: 9,
      firstSeenAt: T0,
      lastSeenAt: T0 + 60_000,
      seenCount: 2,
    });
  });

  it('two folds running at once apply each batch once', async () => {
    for (let i = 0; i < 5; i++) {
      await queueCapture(db, { listing: { ...listing, url: `${listing.url}?v=${i}` }, papers: [paper(1)], problems: [] }, T0 + i);
    }
    const [a, b] = await Promise.all([foldPendingCaptures(db), foldPendingCaptures(db)]);
    expect(a.batches + b.batches).toBe(5);
    expect(await db.papers.get('2403.10001')).toMatchObject({ seenCount: 5 });
  });

  it('a batch that cannot be merged stays queued and does not block the others', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = { ...paper(9), id: undefined } as unknown as CapturedPaper;
    await queueCapture(db, { listing, papers: [broken], problems: [] }, T0);
    await queueCapture(db, { listing, papers: [paper(2)], problems: [] }, T0 + 1);
    expect(await foldPendingCaptures(db)).toEqual({ batches: 1, papers: 1, failed: 1 });
    expect(await db.pendingCaptures.count()).toBe(1);
    expect(await db.papers.get('2403.10002')).toBeDefined();
  });

  it('splits a big page into rows small enough for IndexedDB to keep inline, and merges it whole', async () => {
    const abstract = 'We study latent diffusion models for image synthesis. '.repeat(30);
    const papers = Array.from({ length: 100 }, (_, i) => paper(i, { abstract }));
    const problems = [{ reason: 'card-invalid' as const, count: 2 }];
    const rows = queueRows({ listing, papers, problems }, T0);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(JSON.stringify(row).length).toBeLessThanOrEqual(64 * 1024);
    expect(rows.flatMap((row) => row.papers)).toEqual(papers);
    expect(rows.map((row) => row.problems)).toEqual([problems, ...rows.slice(1).map(() => [])]);

    await queueCapture(db, { listing, papers, problems }, T0);
    await foldPendingCaptures(db);
    expect(await db.papers.count()).toBe(100);
    expect(await db.captureProblems.get('hf:card-invalid')).toMatchObject({ count: 2 });
    expect(QUEUE_ROW_BYTES).toBeLessThan(64 * 1024);
  });

  it('queues a page without cards as one row that carries its problems', () => {
    const problems = [{ reason: 'no-cards' as const, count: 1 }];
    expect(queueRows({ listing, papers: [], problems }, T0)).toEqual([{ at: T0, listing, papers: [], problems }]);
  });
});

describe('revisits of a listing', () => {
  it('splitByDigest sends in full only what changed since the listing was last captured', () => {
    const first = splitByDigest([paper(1), paper(2)], undefined);
    expect(first.changed.map((p) => p.id)).toEqual(['2403.10001', '2403.10002']);
    expect(first.unchanged).toEqual([]);
    const digest = { url: listing.url, at: T0, cards: first.cards };
    const again = splitByDigest([paper(1, { upvotes: 7 }), paper(2, { title: 'Paper 2, revised' }), paper(3)], digest);
    expect(again.unchanged).toEqual([{ id: '2403.10001', upvotes: 7 }]);
    expect(again.changed.map((p) => p.id)).toEqual(['2403.10002', '2403.10003']);
    expect(Object.keys(again.cards).sort()).toEqual(['2403.10001', '2403.10002', '2403.10003']);
  });

  it('a digest keeps the newest cards past its cap', () => {
    const many = Array.from({ length: MAX_DIGEST_CARDS }, (_, i) => paper(i));
    const { cards } = splitByDigest([paper(99_999)], { url: listing.url, at: T0, cards: splitByDigest(many, undefined).cards });
    expect(Object.keys(cards)).toHaveLength(MAX_DIGEST_CARDS);
    expect(cards).toHaveProperty('2403.109999');
    expect(cards).not.toHaveProperty('2403.10000');
  });

  it('a revisit queues counters only, and merges them as a full sighting', async () => {
    // Digests older than LISTING_DIGEST_DAYS are pruned by the fold: these captures are recent.
    const now = Date.now() - 2 * REVISIT_WINDOW_MS;
    await queueCapture(db, { listing, papers: [paper(1, { upvotes: 1 }), paper(2)], problems: [] }, now);
    await foldPendingCaptures(db);
    const later = now + REVISIT_WINDOW_MS + 1;
    await queueCapture(db, { listing, papers: [paper(1, { upvotes: 40 }), paper(2, { abstract: 'Abstract 2, revised' })], problems: [] }, later);
    const [row] = await db.pendingCaptures.toArray();
    expect(row!.seen).toEqual([{ id: '2403.10001', upvotes: 40 }]);
    expect(row!.papers.map((p) => p.id)).toEqual(['2403.10002']);
    expect(JSON.stringify(row).length).toBeLessThan(1_000);

    await foldPendingCaptures(db);
    expect(await db.papers.get('2403.10001')).toMatchObject({ upvotes: 40, seenCount: 2, lastSeenAt: later, abstract: 'Abstract 1', title: 'Paper 1' });
    expect(await db.papers.get('2403.10002')).toMatchObject({ abstract: 'Abstract 2, revised', seenCount: 2 });
  });

  it('a paper deleted since is not brought back by a counters-only sighting', async () => {
    const now = Date.now() - 2 * REVISIT_WINDOW_MS;
    await queueCapture(db, { listing, papers: [paper(1)], problems: [] }, now);
    await foldPendingCaptures(db);
    await db.papers.delete('2403.10001');
    await queueCapture(db, { listing, papers: [paper(1)], problems: [] }, now + REVISIT_WINDOW_MS);
    expect(await foldPendingCaptures(db)).toMatchObject({ failed: 0 });
    expect(await db.papers.count()).toBe(0);
    expect(await db.pendingCaptures.count()).toBe(0);
  });

  it('old digests are pruned', async () => {
    await db.listingDigests.put({ url: 'https://huggingface.co/papers/date/2020-01-01', at: T0 - 30 * 86_400_000, cards: {} });
    await queueCapture(db, { listing, papers: [paper(1)], problems: [] }, Date.now());
    await foldPendingCaptures(db);
    expect((await db.listingDigests.toArray()).map((digest) => digest.url)).toEqual([listing.url]);
  });
});
