/**
 * The change contract: the one stamping rule, tombstones, the feed event posted once a write has
 * committed (never for a failed one), the cursor registry that retention asks, and one tag order.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changesSince, countTags, readCursor, stamped } from '@/utils/library/feed';
import { type LibraryChange, onLibraryChange } from '@/utils/library/feed/feed';
import { backendTransaction, changePaper, registerCursor, tagCounts, writeLibrary } from '@/utils/library/feed/write';
import { deletePapers } from '@/utils/library/bulk-actions';
import { recordCapture } from '@/utils/capture/record-capture';
import { DAY_MS, pruneTombstones, TOMBSTONE_GRACE_DAYS } from '@/utils/library/retention';
import { PaperdexDB } from '@/utils/library/schema';
import { setSaved } from '@/utils/library/user-actions';
import { toTableRow } from '@/utils/ui/library-page/table-rows';
import { PlainLibraryDb, openLibraryConnection } from '@/utils/ui/popup/plain-library-db';
import { LibraryIndex } from '@/utils/search/library-index';
import { paper, T0 } from '../../support/paper-records';

let db: PaperdexDB;
let heard: LibraryChange[];
let stop: () => void;
beforeEach(async () => {
  db = new PaperdexDB(`feed-${Math.random()}`);
  await db.papers.bulkPut([paper('2403.00001', { tags: ['b', 'z'] }), paper('2403.00002', { tags: ['é', 'a'] }), paper('2403.00003', { tags: ['b', 'z', 'é', 'a'] })]);
  heard = [];
  stop = onLibraryChange((change) => heard.push(change));
});
afterEach(async () => {
  stop();
  db.close();
  await db.delete();
});

describe('stamped', () => {
  it('stamps past the old value, whatever the clock says, and removes fields set to undefined', () => {
    const record = paper('1', { savedAt: 5, updatedAt: 1_000 });
    expect(stamped(record, { readAt: 7 }, 2_000).updatedAt).toBe(2_000);
    // A clock set back, or two writes in one millisecond: still past.
    expect(stamped(record, {}, 10).updatedAt).toBe(1_001);
    expect(stamped(record, {}, 1_000).updatedAt).toBe(1_001);
    const unsaved = stamped(record, { savedAt: undefined }, 2_000);
    expect('savedAt' in unsaved).toBe(false);
    expect(record.savedAt).toBe(5);
  });

  it('every write path moves the library cursor forward, so readers see it', async () => {
    const read = async () => readCursor(await backendTransaction(db));
    const before = await read();
    await setSaved(db, '2403.00001', true, 1); // a clock far behind
    const afterSave = await read();
    expect(afterSave.updatedThrough).toBeGreaterThan(before.updatedThrough);
    const { updated } = await changesSince(await backendTransaction(db), before);
    expect(updated.map((record) => record.id)).toEqual(['2403.00001']);
  });
});

describe('tombstones', () => {
  it('a delete writes one per paper, read back past the cursor; the cursor moves to the newest', async () => {
    const before = await readCursor(await backendTransaction(db));
    await deletePapers(db, ['2403.00001', '2403.00002', 'missing'], T0 + 50);
    const changes = await changesSince(await backendTransaction(db), before);
    expect(changes.removed.map((tombstone) => tombstone.id).sort()).toEqual(['2403.00001', '2403.00002']);
    expect(changes.cursor).toEqual({ updatedThrough: before.updatedThrough, removedThrough: T0 + 50 });
    expect((await changesSince(await backendTransaction(db), changes.cursor)).removed).toEqual([]);
  });
});

describe('the feed event', () => {
  it('is posted once the write committed: what a listener reads then is written', async () => {
    const seen: (number | undefined)[] = [];
    const reader = onLibraryChange(() => void db.papers.get('2403.00001').then((record) => seen.push(record?.savedAt)));
    await setSaved(db, '2403.00001', true, T0 + 1);
    reader();
    expect(heard).toEqual([{ kind: 'papers', ids: ['2403.00001'], user: true }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([T0 + 1]);
  });

  it('is not posted for a write that failed or was aborted, nor for one that changed nothing', async () => {
    await expect(
      writeLibrary(db, [db.papers], async (log) => {
        await db.papers.put({ ...paper('2403.00009'), title: 'never' });
        log.wrote(['2403.00009'], true);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await expect(
      writeLibrary(db, [db.papers], async (log) => {
        log.wrote(['2403.00001'], true);
        await db.papers.add(paper('2403.00001')); // a constraint error aborts the transaction
      }),
    ).rejects.toThrow();
    await setSaved(db, '2403.00002', false); // not saved: nothing to change
    expect(heard).toEqual([]);
    expect(await db.papers.get('2403.00009')).toBeUndefined();
  });

  it('inside a caller’s transaction, waits for that one to commit, and is never posted if it aborts', async () => {
    const order: string[] = [];
    const listen = onLibraryChange(() => order.push('posted'));
    await db.transaction('rw', db.papers, async () => {
      await changePaper(db, '2403.00001', () => ({ note: 'n' }), T0 + 1);
      order.push('inner done');
    });
    expect(order).toEqual(['inner done', 'posted']);
    await expect(
      db.transaction('rw', db.papers, async () => {
        await changePaper(db, '2403.00002', () => ({ note: 'n' }), T0 + 2);
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    listen();
    expect(order).toEqual(['inner done', 'posted']);
    expect((await db.papers.get('2403.00002'))!.note).toBeUndefined();
  });

  it('says whether the user’s fields changed: a capture is not a user change', async () => {
    await recordCapture(db, { listing: { site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers' }, papers: [{ id: '2403.00001', title: 'T', links: {} }], problems: [] }, T0 + 5);
    expect(heard).toEqual([{ kind: 'papers', ids: ['2403.00001'], user: false }]);
  });

  it('a capture keeps the stored user fields, whatever the merge made', async () => {
    await setSaved(db, '2403.00001', true, T0 + 1);
    await recordCapture(db, { listing: { site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers' }, papers: [{ id: '2403.00001', title: 'T', links: {}, savedAt: 1, tags: ['x'] } as never], problems: [] }, T0 + 5);
    expect(await db.papers.get('2403.00001')).toMatchObject({ savedAt: T0 + 1, tags: ['b', 'z'] });
  });
});

describe('the cursor registry', () => {
  const NOW = T0 + 100 * DAY_MS;
  const OLD = NOW - (TOMBSTONE_GRACE_DAYS + 1) * DAY_MS;

  it('retention keeps the tombstones a stored cache has not consumed, and drops them once it has', async () => {
    const index = await LibraryIndex.open(db);
    await index.save(); // registered before the delete
    await deletePapers(db, ['2403.00001'], OLD);
    expect(await pruneTombstones(db, NOW)).toBe(0);
    expect(await db.removedPapers.count()).toBe(1);
    await index.refresh();
    await index.save();
    expect(await pruneTombstones(db, NOW)).toBe(1);
  });

  it('the oldest registered cursor decides (here the library rows, behind the search index)', async () => {
    await deletePapers(db, ['2403.00001'], OLD);
    await registerCursor(db, 'search-index', { updatedThrough: NOW, removedThrough: NOW });
    await registerCursor(db, 'library-rows', { updatedThrough: NOW, removedThrough: OLD - 1 });
    expect(await pruneTombstones(db, NOW)).toBe(0);
    await registerCursor(db, 'library-rows', { updatedThrough: NOW, removedThrough: OLD });
    expect(await pruneTombstones(db, NOW)).toBe(1);
  });
});

describe('tag counts', () => {
  it('one order everywhere: most used first, ties in code-unit order (not the locale’s)', async () => {
    const expected = [
      { tag: 'a', count: 2 },
      { tag: 'b', count: 2 },
      { tag: 'z', count: 2 },
      { tag: 'é', count: 2 },
    ];
    expect(await tagCounts(db)).toEqual(expected);
    const store = new PlainLibraryDb((await openLibraryConnection(db.name))!);
    expect(await store.tagCounts()).toEqual(expected);
    store.close();
    expect(countTags((await db.papers.toArray()).map((record) => toTableRow(record).tags))).toEqual(expected);
  });
});

