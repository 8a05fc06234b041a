import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentFingerprint } from '@/utils/capture/fingerprint';
import { foldPendingCaptures, queueCapture } from '@/utils/capture/record-capture';
import { registerCursor } from '@/utils/library/feed/write';
import { DAY_MS, expiredRowIds, hasUserFields, pruneExpired, pruneIfDue, pruneTombstones, rowHasUserFields, TOMBSTONE_GRACE_DAYS } from '@/utils/library/retention';
import { toTableRow } from '@/utils/ui/library-page/table-rows';
import { PaperdexDB } from '@/utils/library/schema';
import type { CapturedPaper, Listing, PaperRecord } from '@/utils/paper/record';
import { DEFAULT_SETTINGS, readSettings, updateSettings } from '@/utils/library/settings';

const NOW = Date.UTC(2026, 10, 27, 12);
const listing: Listing = { site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers' };

function paper(id: string, lastSeenDaysAgo: number, extra: Partial<PaperRecord> = {}, now = NOW): PaperRecord {
  const lastSeenAt = now - lastSeenDaysAgo * DAY_MS;
  return {
    id,
    title: `Paper ${id}`,
    abstract: 'An abstract.',
    authors: ['Ada Lovelace'],
    links: { hf: `https://huggingface.co/papers/${id}` },
    firstSeenAt: lastSeenAt - DAY_MS,
    lastSeenAt,
    seenCount: 2,
    seenOn: [{ site: 'hf', kind: 'daily', label: 'Daily', url: listing.url, lastAt: lastSeenAt, count: 2 }],
    sites: ['hf'],
    tags: [],
    updatedAt: lastSeenAt,
    ...extra,
  };
}

let db: PaperdexDB;
beforeEach(() => {
  db = new PaperdexDB(`retention-${Math.random()}`);
});
afterEach(() => db.delete());

const ids = async () => (await db.papers.orderBy('id').primaryKeys()).sort();

describe('hasUserFields', () => {
  it.each([
    ['nothing', {}, false],
    ['empty tags', { tags: [] }, false],
    ['a blank note', { note: '   ' }, false],
    ['saved', { savedAt: NOW }, true],
    ['tagged', { tags: ['to-read'] }, true],
    ['read', { readAt: NOW }, true],
    ['a note', { note: 'check the appendix' }, true],
  ])('%s → %s', (_name, extra, expected) => {
    expect(hasUserFields(paper('2401.00001', 1, extra))).toBe(expected);
  });
});

describe('pruneExpired', () => {
  it('removes untouched papers last seen more than N days ago; exactly N days is kept', async () => {
    await db.papers.bulkPut([
      paper('2401.00001', 29),
      paper('2401.00002', 30), // exactly 30 days
      paper('2401.00003', 30 + 1 / DAY_MS), // 30 days and 1 ms
      paper('2401.00004', 400),
    ]);
    const result = await pruneExpired(db, { retentionDays: 30 }, NOW);
    expect(result.removed).toBe(2);
    expect(await ids()).toEqual(['2401.00001', '2401.00002']);
  });

  it('never removes saved, tagged, read or noted papers, and leaves their records exactly as they were', async () => {
    const kept = [
      paper('2401.00011', 900, { savedAt: NOW - 900 * DAY_MS }),
      paper('2401.00012', 900, { tags: ['survey', 'to-read'] }),
      paper('2401.00013', 900, { readAt: NOW - 899 * DAY_MS }),
      paper('2401.00014', 900, { note: 'Compare with RWKV' }),
      paper('2401.00015', 900, { savedAt: NOW - 5 * DAY_MS, tags: ['cite'], readAt: NOW - DAY_MS, note: 'all of them' }),
    ];
    await db.papers.bulkPut([...kept, paper('2401.00016', 900), paper('2401.00017', 900, { note: '' })]);
    const result = await pruneExpired(db, { retentionDays: 7 }, NOW);
    expect(result.removed).toBe(2);
    expect(await db.papers.orderBy('id').toArray()).toEqual(kept);
  });

  it('keeps everything when retention is forever', async () => {
    await db.papers.bulkPut([paper('2401.00021', 5000), paper('2401.00022', 1)]);
    expect((await pruneExpired(db, { retentionDays: null }, NOW)).removed).toBe(0);
    expect(await ids()).toEqual(['2401.00021', '2401.00022']);
  });

  it('writes a tombstone for every removed paper, and only for those', async () => {
    await db.papers.bulkPut([paper('2401.00031', 100), paper('2401.00032', 100), paper('2401.00033', 10), paper('2401.00034', 100, { tags: ['x'] })]);
    await pruneExpired(db, { retentionDays: 90 }, NOW);
    expect(await db.removedPapers.orderBy('id').toArray()).toEqual([
      { id: '2401.00031', at: NOW },
      { id: '2401.00032', at: NOW },
    ]);
  });

  it('is idempotent: a second run removes nothing and writes nothing', async () => {
    await db.papers.bulkPut([paper('2401.00041', 100), paper('2401.00042', 10), paper('2401.00043', 100, { savedAt: NOW })]);
    expect((await pruneExpired(db, { retentionDays: 30 }, NOW)).removed).toBe(1);
    const papers = await db.papers.toArray();
    const tombstones = await db.removedPapers.toArray();
    expect((await pruneExpired(db, { retentionDays: 30 }, NOW + 1000)).removed).toBe(0);
    expect(await db.papers.toArray()).toEqual(papers);
    expect(await db.removedPapers.toArray()).toEqual(tombstones);
  });

  it('works through a library larger than one chunk, reporting progress', async () => {
    const many = Array.from({ length: 1_234 }, (_, i) => paper(`2402.${String(i).padStart(5, '0')}`, i % 3 === 0 ? 200 : 20, i % 10 === 0 ? { tags: ['keep'] } : {}));
    await db.papers.bulkPut(many);
    const expected = many.filter((record, i) => i % 3 === 0 && i % 10 !== 0).length;
    expect(expiredRowIds(many.map(toTableRow), 90, NOW)).toHaveLength(expected);
    const progress: number[] = [];
    const result = await pruneExpired(db, { retentionDays: 90 }, NOW, (done) => progress.push(done));
    expect(result.removed).toBe(expected);
    expect(progress.length).toBeGreaterThan(0);
    expect(await db.papers.count()).toBe(many.length - expected);
    expect(await db.removedPapers.count()).toBe(expected);
  });

  it('keeps a paper whose new sighting is queued but not merged yet', async () => {
    await db.papers.bulkPut([paper('2401.00051', 100), paper('2401.00052', 100)]);
    await db.pendingCaptures.add({ at: NOW, listing, papers: [], problems: [], seen: [{ id: '2401.00051', upvotes: 3 }] });
    expect((await pruneExpired(db, { retentionDays: 30 }, NOW)).removed).toBe(1);
    expect(await ids()).toEqual(['2401.00051']);
  });

  it('a removed paper that a listing shows again comes back, even when the listing had it unchanged', async () => {
    const now = Date.now();
    const card: CapturedPaper = { id: '2401.00061', title: 'Paper 2401.00061', abstract: 'An abstract.', links: {} };
    const other: CapturedPaper = { id: '2401.00062', title: 'Another', links: {} };
    await db.papers.bulkPut([paper(card.id, 60, {}, now), paper(other.id, 1, {}, now)]);
    // The listing's digest, refreshed yesterday, still remembers the old card as unchanged.
    await db.listingDigests.put({ url: listing.url, at: now - DAY_MS, cards: { [card.id]: contentFingerprint(card), [other.id]: contentFingerprint(other) } });
    expect((await pruneExpired(db, { retentionDays: 30 }, now)).removed).toBe(1);
    expect(Object.keys((await db.listingDigests.get(listing.url))!.cards)).toEqual([other.id]);

    await queueCapture(db, { listing, papers: [card, other], problems: [] }, now + 1000);
    await foldPendingCaptures(db);
    expect(await db.papers.get(card.id)).toMatchObject({ id: card.id, title: card.title, lastSeenAt: now + 1000 });
  });
});

describe('expiredRowIds (the preview, from the library page\'s rows)', () => {
  it('lists what pruning removes, exactly, without removing anything', async () => {
    const papers = [
      paper('2401.00071', 200),
      paper('2401.00072', 200, { note: 'kept by its note' }),
      paper('2401.00073', 200, { readAt: NOW }),
      paper('2401.00074', 100),
      paper('2401.00075', 5),
      paper('2401.00076', 200, { note: '  ' }), // a blank note keeps nothing
      paper('2401.00077', 200, { tags: ['x'] }),
      paper('2401.00078', 200, { savedAt: NOW - 300 * DAY_MS }),
    ];
    await db.papers.bulkPut(papers);
    const rows = papers.map(toTableRow);
    expect(expiredRowIds(rows, 30, NOW).sort()).toEqual(['2401.00071', '2401.00074', '2401.00076']);
    expect(expiredRowIds(rows, 180, NOW).sort()).toEqual(['2401.00071', '2401.00076']);
    expect(expiredRowIds(rows, 365, NOW)).toEqual([]);
    expect(expiredRowIds(rows, null, NOW)).toEqual([]);
    expect(await db.papers.count()).toBe(8);
    // The row test agrees with the record test for every paper.
    for (const record of papers) expect(rowHasUserFields(toTableRow(record)), record.id).toBe(hasUserFields(record));
    const preview = expiredRowIds(rows, 30, NOW);
    expect((await pruneExpired(db, { retentionDays: 30 }, NOW, undefined, preview)).removed).toBe(preview.length);
    expect((await db.papers.toCollection().primaryKeys()).sort()).toEqual(['2401.00072', '2401.00073', '2401.00075', '2401.00077', '2401.00078']);
  });

  it('candidates are checked again when removed: one saved, seen again or deleted since the preview stays or is skipped', async () => {
    const papers = [paper('2401.00101', 200), paper('2401.00102', 200), paper('2401.00103', 200), paper('2401.00104', 200)];
    await db.papers.bulkPut(papers);
    const candidates = expiredRowIds(papers.map(toTableRow), 30, NOW);
    expect(candidates).toHaveLength(4);
    await db.papers.update('2401.00101', { savedAt: NOW });
    await db.papers.update('2401.00102', { lastSeenAt: NOW });
    await db.papers.delete('2401.00103');
    const result = await pruneExpired(db, { retentionDays: 30 }, NOW, undefined, [...candidates, 'not-a-paper']);
    expect(result.removed).toBe(1);
    expect((await db.papers.toCollection().primaryKeys()).sort()).toEqual(['2401.00101', '2401.00102']);
    expect(await db.removedPapers.toCollection().primaryKeys()).toEqual(['2401.00104']);
  });
});

describe('pruneTombstones', () => {
  const OLD = NOW - (TOMBSTONE_GRACE_DAYS + 1) * DAY_MS;
  beforeEach(async () => {
    await db.removedPapers.bulkPut([
      { id: 'a', at: OLD - 2000 },
      { id: 'b', at: OLD - 1000 },
      { id: 'c', at: OLD },
      { id: 'd', at: NOW - DAY_MS },
    ]);
  });
  const left = async () => (await db.removedPapers.orderBy('id').primaryKeys()).sort();

  it('keeps the tombstones a registered cache has not applied yet', async () => {
    await registerCursor(db, 'search-index', { updatedThrough: NOW, removedThrough: OLD - 1000 });
    expect(await pruneTombstones(db, NOW)).toBe(2);
    expect(await left()).toEqual(['c', 'd']);
  });

  it('keeps what the cache furthest behind has not applied (the oldest registered cursor)', async () => {
    await registerCursor(db, 'search-index', { updatedThrough: NOW, removedThrough: NOW });
    await registerCursor(db, 'library-rows', { updatedThrough: NOW, removedThrough: OLD - 2000 });
    expect(await pruneTombstones(db, NOW)).toBe(1);
    expect(await left()).toEqual(['b', 'c', 'd']);
  });

  it('keeps recent tombstones even when every cache has applied them (pages may hold older indexes)', async () => {
    await registerCursor(db, 'search-index', { updatedThrough: NOW, removedThrough: NOW });
    expect(await pruneTombstones(db, NOW)).toBe(3);
    expect(await left()).toEqual(['d']);
  });

  it('without a registered cache, keeps only the grace period', async () => {
    expect(await pruneTombstones(db, NOW)).toBe(3);
    expect(await left()).toEqual(['d']);
  });
});

describe('pruneIfDue', () => {
  it('runs with the stored setting at most once a day, keeping the other settings', async () => {
    await updateSettings(db, { retentionDays: 30, dimSeen: true });
    await db.papers.bulkPut([paper('2401.00081', 40), paper('2401.00082', 29)]);
    expect(await pruneIfDue(db, NOW)).toMatchObject({ removed: 1 });

    // Within the day: not run, even though a paper has expired since.
    await db.papers.put(paper('2401.00083', 40));
    expect(await pruneIfDue(db, NOW + DAY_MS - 1)).toBeUndefined();
    expect(await db.papers.get('2401.00083')).toBeDefined();

    expect(await pruneIfDue(db, NOW + DAY_MS)).toMatchObject({ removed: 1 });
    expect(await readSettings(db)).toEqual({ ...DEFAULT_SETTINGS, dimSeen: true, retentionDays: 30 });
  });

  it('runs when the clock went back past the last run', async () => {
    await updateSettings(db, { retentionDays: 30 });
    expect(await pruneIfDue(db, NOW)).toBeDefined();
    expect(await pruneIfDue(db, NOW - 1000)).toBeDefined();
  });

  it('with retention forever removes no paper', async () => {
    await db.papers.bulkPut([paper('2401.00091', 4000)]);
    expect(await pruneIfDue(db, NOW)).toEqual({ removed: 0, tombstonesDropped: 0 });
    expect(await db.papers.count()).toBe(1);
  });
});
