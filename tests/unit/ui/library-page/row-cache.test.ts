import { countPaperReads } from '../../support/change-contract';
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkAddTag, deletePapers, restorePapers } from '@/utils/library/bulk-actions';
import { PaperdexDB } from '@/utils/library/schema';
import { RowCache } from '@/utils/ui/library-page/row-cache';
import { paper, T0 } from '../../support/paper-records';

let db: PaperdexDB;
const ids = Array.from({ length: 2_500 }, (_, i) => `2401.${String(i).padStart(5, '0')}`);
beforeEach(async () => {
  db = new PaperdexDB(`rows-${Math.random()}`);
  await db.papers.bulkPut(ids.map((id, i) => paper(id, { lastSeenAt: T0 + i, updatedAt: T0 + i })));
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('RowCache', () => {
  it('paints the most recently seen first, then loads everything in chunks', async () => {
    const store = new RowCache(db);
    await store.loadFirstScreen(10);
    expect([...store.rows.keys()].sort()).toEqual(ids.slice(-10).sort());
    const progress: number[] = [];
    await store.loadAll((loaded) => progress.push(loaded));
    expect(store.size).toBe(2_500);
    expect(store.complete).toBe(true);
    expect(progress).toHaveLength(5); // chunks of 500
    expect(progress.at(-1)).toBe(2_500);
  });

  it('catches up with writes and deletes made elsewhere, reading only what changed', async () => {
    const store = new RowCache(db);
    await store.loadAll();
    const version = store.version;
    expect(await store.catchUp()).toBe(false);

    await bulkAddTag(db, [ids[3]!, ids[4]!], 'later', T0 + 10_000);
    const removed = await deletePapers(db, [ids[5]!], T0 + 10_001);
    await db.papers.put(paper('2501.00001', { updatedAt: T0 + 10_002 }));
    const reads = countPaperReads(db);
    expect(await store.catchUp()).toBe(true);
    expect(reads.records).toBe(3); // the two tagged papers and the new one, not the library
    expect(store.version).toBeGreaterThan(version);
    expect(store.rows.get(ids[3]!)!.tags).toEqual(['later']);
    expect(store.rows.has(ids[5]!)).toBe(false);
    expect(store.rows.has('2501.00001')).toBe(true);

    await restorePapers(db, removed, T0 + 20_000);
    await store.catchUp();
    expect(store.rows.has(ids[5]!)).toBe(true);
  });

  it('a delete made here is not undone by an older read', async () => {
    const store = new RowCache(db);
    await store.loadAll();
    store.forget([ids[0]!], T0 + 5_000);
    await deletePapers(db, [ids[0]!], T0 + 5_000);
    await store.catchUp();
    expect(store.rows.has(ids[0]!)).toBe(false);
  });
});
