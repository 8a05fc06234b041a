/**
 * The library page's stored rows: a snapshot restores exactly the rows a full read makes, reads no
 * paper record, and whatever happened since (writes, deletes, even a delete whose tombstone is gone)
 * is caught up; a broken or far-behind snapshot falls back to reading the library.
 */
import { countPaperReads } from '../../support/change-contract';
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkAddTag, deletePapers } from '@/utils/library/bulk-actions';
import { PaperdexDB } from '@/utils/library/schema';
import { RowCache } from '@/utils/ui/library-page/row-cache';
import { decodeChunk, encodeChunk, readRowCacheHead, ROW_CACHE_CHUNK, ROW_CACHE_KEY } from '@/utils/ui/library-page/row-cache-chunks';
import { rowSeenTimes, toTableRow, titleKeyOf } from '@/utils/ui/library-page/table-rows';
import { DEFAULT_SORT, sortRows } from '@/utils/ui/library-page/sort-filter';
import { DAY, paper, T0 } from '../../support/paper-records';

const SIZE = ROW_CACHE_CHUNK + 1_200; // two chunks
const ids = Array.from({ length: SIZE }, (_, i) => `2401.${String(i).padStart(5, '0')}`);
let db: PaperdexDB;

beforeEach(async () => {
  db = new PaperdexDB(`snapshot-${Math.random()}`);
  await db.papers.bulkPut(
    ids.map((id, i) =>
      paper(id, {
        title: i % 3 ? `Écoles ${i}` : `paper ${i}`,
        lastSeenAt: T0 + (i % 997) * DAY,
        firstSeenAt: T0 - i,
        updatedAt: T0 + i,
        sites: i % 5 ? ['hf'] : ['hf', 'arxiv'],
        tags: i % 7 ? [] : ['later', 'rl'],
        ...(i % 11 ? {} : { savedAt: T0 + 1, readAt: T0 + 2, note: 'kept', publishedAt: '2024-01-02' }),
      }),
    ),
  );
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** A store loaded from scratch and its rows stored. */
async function storedLibrary(): Promise<RowCache> {
  const store = new RowCache(db);
  await store.loadAll();
  expect(await store.saveSnapshot()).toBe(true);
  return store;
}

const countReads = () => countPaperReads(db);

const plain = (store: RowCache) => [...store.rows.values()].map((row) => ({ ...row, titleKey: titleKeyOf(row) })).sort((a, b) => (a.id < b.id ? -1 : 1));

describe('library row snapshot', () => {
  it('encodes and decodes every field of a row', () => {
    const rows = [
      toTableRow(paper('2401.00001', { seenOn: [{ site: 'hf', kind: 'daily', label: 'D', url: 'https://huggingface.co/papers', lastAt: T0 + 5, count: 2 }], lastSeenAt: T0 + 9, savedAt: 1, readAt: 2, note: 'n', publishedAt: '2023-05-06', sites: ['arxiv'], tags: ['a', 'b c'] })),
      toTableRow(paper('2401.00002', { title: '', authors: [], tags: [] })),
    ];
    const back = decodeChunk(encodeChunk(rows, 's'));
    expect(back).toEqual(rows.map((row) => ({ ...row, titleKey: titleKeyOf(row) })));
    expect(rowSeenTimes(back[0]!)).toEqual([T0, T0 + 9, T0 + 5]);
    expect(back[1]).not.toHaveProperty('moreSeen');
  });

  it('a second open restores the same rows without reading a paper record, already in the default order', async () => {
    const first = await storedLibrary();
    expect((await readRowCacheHead(db))!.chunks).toBe(2);

    const reads = countReads();
    const second = new RowCache(db);
    const progress: number[] = [];
    await second.loadAll((loaded) => progress.push(loaded));
    expect(reads.records).toBe(0);
    expect(progress).toEqual([ROW_CACHE_CHUNK, SIZE]);
    expect(plain(second)).toEqual(plain(first));
    expect(second.sorted(DEFAULT_SORT)).toEqual(sortRows(second.rows.values(), DEFAULT_SORT));
    expect(second.tagCounts()).toEqual([{ tag: 'later', count: Math.ceil(SIZE / 7) }, { tag: 'rl', count: Math.ceil(SIZE / 7) }]);
    expect(second.unsaved).toBe(false);
    expect(await second.saveSnapshot()).toBe(false); // nothing changed: nothing written
  });

  it('catches up with writes and deletes made after the rows were stored, reading only those', async () => {
    await storedLibrary();
    await bulkAddTag(db, [ids[3]!], 'new-tag', T0 + SIZE + 10);
    await deletePapers(db, [ids[4]!], T0 + SIZE + 11);
    await db.papers.put(paper('2502.00001', { updatedAt: T0 + SIZE + 12 }));

    const reads = countReads();
    const store = new RowCache(db);
    await store.loadAll();
    expect(reads.records).toBe(2); // the tagged paper and the new one
    expect(store.rows.get(ids[3]!)!.tags).toEqual(['new-tag']);
    expect(store.rows.has(ids[4]!)).toBe(false);
    expect(store.rows.has('2502.00001')).toBe(true);
    expect(store.size).toBe(SIZE);
    expect(store.unsaved).toBe(true); // stored again for the next open
    expect(store.sorted(DEFAULT_SORT)).toEqual(sortRows(store.rows.values(), DEFAULT_SORT));
  });

  it('drops a paper deleted without a tombstone left, and reads one added behind the cursors', async () => {
    await storedLibrary();
    await db.papers.delete(ids[10]!); // as if its tombstone had been pruned before this page caught up
    let store = new RowCache(db);
    await store.loadAll();
    expect(store.rows.has(ids[10]!)).toBe(false);
    expect(store.size).toBe(SIZE - 1);
    await store.saveSnapshot();

    await db.papers.put(paper('2300.00001', { updatedAt: T0 - 5 })); // written with an old updatedAt
    store = new RowCache(db);
    await store.loadAll();
    expect(store.rows.get('2300.00001')?.title).toBe('Paper 2300.00001');
    expect(store.size).toBe(SIZE);
  });

  it('reads the library itself when the snapshot is broken, of another save, or far behind', async () => {
    await storedLibrary();
    const chunk = (await db.searchIndex.get(`${ROW_CACHE_KEY}:1`))!;
    await db.searchIndex.put({ ...chunk, data: { ...(chunk.data as object), stamp: 'another save' } });
    let reads = countReads();
    let store = new RowCache(db);
    await store.loadAll();
    expect(reads.records).toBe(SIZE);
    expect(store.size).toBe(SIZE);
    expect(await store.saveSnapshot()).toBe(true);

    // More changed papers than a catch-up should read in one go.
    await bulkAddTag(db, ids.slice(0, 2_500), 'bulk', T0 + SIZE + 100);
    db.close();
    db = new PaperdexDB(db.name);
    reads = countReads();
    store = new RowCache(db);
    await store.loadAll();
    expect(reads.records).toBe(SIZE);
    expect(store.rows.get(ids[0]!)!.tags).toContain('bulk');
  });
});
