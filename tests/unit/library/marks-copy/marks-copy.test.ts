/**
 * The second copy of the user's marks (storage.local): it follows every kind of mark and their
 * removal, catches up after changes it missed, survives a corrupt copy, and restores a lost database
 * without overwriting a mark or bringing back a deleted paper.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { recordCapture } from '@/utils/capture/record-capture';
import { deletePapers } from '@/utils/library/bulk-actions';
import { oldestRegisteredCursor } from '@/utils/library/feed/write';
import { type LocalArea } from '@/utils/library/marks-copy/area';
import { DB_MARKER_KEY } from '@/utils/library/marks-copy/db-marker';
import { IDS_KEY } from '@/utils/library/marks-copy/follow';
import { entryKey, type MarkEntry, META_KEY, parseMarkEntry } from '@/utils/library/marks-copy/format';
import { keepMarksCopy } from '@/utils/library/marks-copy/keep';
import { NOTICE_KEY, parseRestoreNotice, restoreNoticeText } from '@/utils/library/marks-copy/notice';
import { updateMarksCopy, VERIFY_EVERY_MS } from '@/utils/library/marks-copy/update';
import { PaperdexDB } from '@/utils/library/schema';
import { addTag, removeTag, setNote, setRead, setSaved } from '@/utils/library/user-actions';
import { paper, T0 } from '../../support/paper-records';

const area = fakeBrowser.storage.local as unknown as LocalArea;
let db: PaperdexDB;
let name: string;
let now: number;

/** Writes counted, to prove what a run did not write. */
function counting(inner: LocalArea) {
  const counts = { set: 0, remove: 0, keys: 0 };
  const wrapped: LocalArea = {
    get: (keys) => inner.get(keys),
    set: (items) => {
      counts.set++;
      counts.keys += Object.keys(items).length;
      return inner.set(items);
    },
    remove: (keys) => {
      counts.remove++;
      return inner.remove(keys);
    },
  };
  return { area: wrapped, counts };
}

const tick = () => (now += 1_000);
const update = (target: PaperdexDB = db, into: LocalArea = area) => updateMarksCopy(target, into, tick());
const entries = async (): Promise<Record<string, MarkEntry>> => {
  const all = await area.get(null);
  return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith('mark:')).map(([key, value]) => [key.slice(5), value as MarkEntry]));
};
const reopen = async (): Promise<PaperdexDB> => {
  db.close();
  db = new PaperdexDB(name);
  await db.open();
  return db;
};
/** The browser deleted the database: the next open makes a new, empty one. */
const loseDatabase = async (): Promise<PaperdexDB> => {
  db.close();
  await new PaperdexDB(name).delete();
  return reopen();
};

beforeEach(async () => {
  fakeBrowser.reset();
  now = T0 + 10_000;
  name = `marks-copy-${Math.random()}`;
  db = new PaperdexDB(name);
  await db.papers.bulkPut([
    paper('2403.00001', { authors: ['A One', 'B Two', 'C Three', 'D Four'], publishedAt: '2024-03-01T00:00:00.000Z' }),
    paper('2403.00002'),
    paper('2403.00003'),
  ]);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('the copy follows the library', () => {
  it('keeps saves, tags, reads and notes with their metadata, and drops a paper once nothing marks it or it is deleted', async () => {
    await update();
    expect(await entries()).toEqual({});
    await setSaved(db, '2403.00001', true, tick());
    await addTag(db, '2403.00002', 'To Read', tick());
    await setRead(db, '2403.00003', true, tick());
    await update();
    const first = (await entries())['2403.00001']!;
    expect(first).toMatchObject({ id: '2403.00001', title: 'Paper 2403.00001', authors: ['A One', 'B Two', 'C Three'], publishedAt: '2024-03-01T00:00:00.000Z', savedAt: expect.any(Number), tags: [] });
    expect(first.links.arxiv).toBe('https://arxiv.org/abs/2403.00001');
    expect((await entries())['2403.00002']!.tags).toEqual(['to-read']);
    expect((await entries())['2403.00003']!.readAt).toBeTypeOf('number');

    await setNote(db, '2403.00001', 'Read §3 again', tick());
    await setSaved(db, '2403.00001', false, tick());
    await update();
    expect((await entries())['2403.00001']).toMatchObject({ note: 'Read §3 again' });
    expect((await entries())['2403.00001']!.savedAt).toBeUndefined();

    await setNote(db, '2403.00001', '', tick());
    await removeTag(db, '2403.00002', 'to-read', tick());
    await deletePapers(db, ['2403.00003'], tick());
    await update();
    expect(await entries()).toEqual({});
    expect(((await area.get(META_KEY))[META_KEY] as { count: number }).count).toBe(0);
  });

  it('registers its cursor, so tombstone clean-up keeps deletions it has not applied', async () => {
    await setSaved(db, '2403.00001', true, tick());
    await update();
    await deletePapers(db, ['2403.00001'], tick());
    expect((await oldestRegisteredCursor(db))!.removedThrough).toBeLessThan(now - 1_000);
    await update();
    expect((await oldestRegisteredCursor(db))!.removedThrough).toBe(now - 1_000);
  });

  it('writes only the entries that changed, and nothing for a capture of unmarked papers', async () => {
    await setSaved(db, '2403.00001', true, tick());
    await update();
    const { area: counted, counts } = counting(area);
    await recordCapture(db, { listing: { site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers' }, papers: [{ id: '2403.00002', title: 'Paper 2403.00002', links: {} }, { id: '2403.00009', title: 'New', links: {} }], problems: [] }, tick());
    await update(db, counted);
    // The cursor moved past the capture (one meta write); no entry was written or removed.
    expect(counts).toEqual({ set: 1, remove: 0, keys: 1 });
    // A new mark: its entry, the copy's ids and the meta, in one set.
    await setRead(db, '2403.00002', true, tick());
    await update(db, counted);
    expect(counts).toEqual({ set: 2, remove: 0, keys: 4 });
    // A change to a paper the copy holds: its entry and the meta.
    await setNote(db, '2403.00002', 'n', tick());
    await update(db, counted);
    expect(counts).toEqual({ set: 3, remove: 0, keys: 6 });
  });

  it('the background keeper runs on user changes from the feed, and not on captures', async () => {
    const { area: counted, counts } = counting(area);
    // As the background: no callbacks.
    const keeper = keepMarksCopy(db, counted);
    try {
      await keeper.run();
      const afterStart = counts.set;
      expect(afterStart).toBeGreaterThan(0);
      await recordCapture(db, { listing: { site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers' }, papers: [{ id: '2403.00002', title: 'Paper 2403.00002', links: {} }], problems: [] }, tick());
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(counts.set).toBe(afterStart);
      await setSaved(db, '2403.00002', true, tick());
      await vi.waitFor(async () => expect(Object.keys(await entries())).toEqual(['2403.00002']));
    } finally {
      keeper.stop();
    }
  });

  it('writes nothing while storage is in trouble (a full disk), and catches up at the next change', async () => {
    let paused = true;
    const keeper = keepMarksCopy(db, area, { paused: async () => paused });
    try {
      await setSaved(db, '2403.00001', true, tick());
      await keeper.run();
      expect(await area.get(null)).toEqual({});
      paused = false;
      await setRead(db, '2403.00002', true, tick());
      await vi.waitFor(async () => expect(Object.keys(await entries()).sort()).toEqual(['2403.00001', '2403.00002']));
    } finally {
      keeper.stop();
    }
  });

  it('catches up after changes it missed (a worker asleep while a page wrote), a page at a time', async () => {
    await update();
    for (let i = 10; i < 40; i++) await db.papers.put(paper(`2403.000${i}`, { tags: ['bulk'], updatedAt: now }));
    await setSaved(db, '2403.00001', true, tick());
    await deletePapers(db, ['2403.00011'], tick());
    const { followLibrary } = await import('@/utils/library/marks-copy/follow');
    const { parseMeta } = await import('@/utils/library/marks-copy/format');
    const meta = parseMeta((await area.get(META_KEY))[META_KEY])!;
    const followed = await followLibrary(db, area, meta, { pageSize: 7 });
    expect(followed.written).toBe(30);
    expect(Object.keys(await entries()).sort()).toEqual(['2403.00001', ...Array.from({ length: 30 }, (_, i) => `2403.000${i + 10}`).filter((id) => id !== '2403.00011')].sort());
    expect(followed.meta.count).toBe(30);
  });
});

describe('a corrupt copy', () => {
  it('is ignored safely: bad entries are dropped, a bad meta makes the copy start over from the database', async () => {
    await setSaved(db, '2403.00001', true, tick());
    await update();
    await area.set({ [META_KEY]: { format: 99, junk: true }, [entryKey('2403.00002')]: { id: '2403.00002', title: 5 }, [entryKey('evil')]: '<script>', 'mark:2403.00003': { id: 'javascript:alert(1)' } });
    const result = await update();
    expect(result.restored).toBeUndefined();
    expect(result.skipped).toBe(3);
    expect(Object.keys(await entries())).toEqual(['2403.00001']);
    expect(await db.papers.count()).toBe(3);
    // The list of ids unreadable: taken from the entries' keys, so an unmarked paper still leaves the copy.
    await area.set({ [IDS_KEY]: { format: 1, ids: [3] } });
    await setSaved(db, '2403.00001', false, tick());
    await update();
    expect(await entries()).toEqual({});
  });

  it('reads entries bounded and validated', () => {
    const raw = { id: '2403.00001', title: 'T\u202e', authors: ['a', 'b', 'c', 'd'], links: { arxiv: 'javascript:alert(1)', hf: 'https://huggingface.co/papers/2403.00001' }, firstSeenAt: 1, lastSeenAt: 2, tags: ['X Y', 7, ''], note: 'n'.repeat(30_000) };
    const entry = parseMarkEntry(raw, T0)!;
    expect(entry.authors).toEqual(['a', 'b', 'c']);
    expect(entry.links).toEqual({ hf: 'https://huggingface.co/papers/2403.00001' });
    expect(entry.tags).toEqual(['x-y']);
    expect(entry.note!.length).toBe(20_000);
    expect(entry.title).toBe('T');
    expect(parseMarkEntry({ ...raw, tags: [], note: undefined }, T0)).toBeUndefined();
    expect(parseMarkEntry({ ...raw, firstSeenAt: -1 }, T0)).toBeUndefined();
  });
});

describe('restoring from the copy', () => {
  async function markLibrary() {
    await setSaved(db, '2403.00001', true, tick());
    await addTag(db, '2403.00001', 'diffusion', tick());
    await setNote(db, '2403.00002', 'A note', tick());
    await setRead(db, '2403.00003', true, tick());
    await update();
  }

  it('rebuilds every marked paper when the database was deleted, and says so', async () => {
    await markLibrary();
    const before = await db.papers.toArray();
    await loseDatabase();
    expect(await db.papers.count()).toBe(0);
    const result = await update();
    expect(result.restored).toEqual({ papers: 3, saved: 1, tagged: 1, read: 1, noted: 1, cause: 'database-lost' });
    const after = await db.papers.toArray();
    for (const record of before) {
      const back = after.find((paper) => paper.id === record.id)!;
      expect({ savedAt: back.savedAt, tags: back.tags, readAt: back.readAt, note: back.note, title: back.title }).toEqual({ savedAt: record.savedAt, tags: record.tags, readAt: record.readAt, note: record.note, title: record.title });
      // Seen as before, on the same sites (not "Added by id", as a paper no page has shown).
      expect({ seenCount: back.seenCount, sites: back.sites, firstSeenAt: back.firstSeenAt }).toEqual({ seenCount: record.seenCount, sites: record.sites, firstSeenAt: record.firstSeenAt });
      expect(back.seenCount).toBeGreaterThan(0);
    }
    const notice = parseRestoreNotice((await area.get(NOTICE_KEY))[NOTICE_KEY])!;
    expect(restoreNoticeText(notice)).toBe('Paperdex restored 3 papers (1 saved, 1 tagged, 1 read, 1 with notes) from its backup copy after the browser deleted its database.');
    // The copy now follows the new database: a second run restores nothing.
    expect((await update()).restored).toBeUndefined();
    expect(Object.keys(await entries()).length).toBe(3);
  });

  it('restores into a database that is missing altogether', async () => {
    await markLibrary();
    db.close();
    await db.delete();
    db = new PaperdexDB(name);
    expect((await update()).restored?.papers).toBe(3);
  });

  it('restores from a copy with an unreadable meta when the database is empty', async () => {
    await markLibrary();
    await area.set({ [META_KEY]: 'garbage' });
    await loseDatabase();
    expect((await update()).restored?.papers).toBe(3);
  });

  it('never overwrites a mark the new database has, and marks a paper captured since the loss', async () => {
    await markLibrary();
    await loseDatabase();
    // Before Paperdex's background ran: the user tagged a paper again in the library page, a listing showed another.
    await db.papers.bulkPut([paper('2403.00001', { tags: ['kept'], updatedAt: now }), paper('2403.00002', { updatedAt: now })]);
    const result = await update();
    expect(result.restored?.papers).toBe(2);
    const one = (await db.papers.get('2403.00001'))!;
    expect(one.tags).toEqual(['kept']);
    expect(one.savedAt).toBeUndefined();
    expect((await db.papers.get('2403.00002'))!.note).toBe('A note');
    expect((await db.papers.get('2403.00002'))!.seenCount).toBe(1);
    expect((await entries())['2403.00001']!.tags).toEqual(['kept']);
  });

  it('never brings back a paper the user deleted, nor a tag the user removed', async () => {
    await markLibrary();
    await deletePapers(db, ['2403.00002'], tick());
    await removeTag(db, '2403.00001', 'diffusion', tick());
    // The copy follows the deletion and the tag in the same step.
    await update();
    expect(Object.keys(await entries()).sort()).toEqual(['2403.00001', '2403.00003']);
    expect((await entries())['2403.00001']!.tags).toEqual([]);
    await loseDatabase();
    await update();
    expect(await db.papers.get('2403.00002')).toBeUndefined();
    expect((await db.papers.get('2403.00001'))!.tags).toEqual([]);
  });

  it('a database deleted after a paper was deleted in it, before the copy ran: the tombstone in a new database still wins', async () => {
    await markLibrary();
    await loseDatabase();
    // The library page of the new database deleted a paper a listing showed again.
    await db.papers.put(paper('2403.00003', { updatedAt: now }));
    await deletePapers(db, ['2403.00003'], tick());
    const result = await update();
    expect(result.restored?.papers).toBe(2);
    expect(await db.papers.get('2403.00003')).toBeUndefined();
    expect(Object.keys(await entries()).sort()).toEqual(['2403.00001', '2403.00002']);
  });

  it('gets back marked papers lost from a database that still opens (checked once a day), never deleted ones', async () => {
    await markLibrary();
    await deletePapers(db, ['2403.00003'], tick());
    // Lost behind the change contract's back (no tombstone): only the storage can do that.
    await db.papers.delete('2403.00001');
    expect((await update()).restored).toBeUndefined();
    now += VERIFY_EVERY_MS;
    const result = await update();
    expect(result.restored).toMatchObject({ papers: 1, saved: 1, tagged: 1, cause: 'papers-lost' });
    expect((await db.papers.get('2403.00001'))!.tags).toEqual(['diffusion']);
    expect(await db.papers.get('2403.00003')).toBeUndefined();
    expect(restoreNoticeText(parseRestoreNotice((await area.get(NOTICE_KEY))[NOTICE_KEY])!)).toMatch(/^Paperdex restored 1 paper \(1 saved, 1 tagged\) from its backup copy that had gone missing from its database\.$/);
  });

  it('a database the copy follows is never restored into just because its marker is there (same database, nothing lost)', async () => {
    await markLibrary();
    expect(await db.searchIndex.get(DB_MARKER_KEY)).toBeDefined();
    await reopen();
    expect((await update()).restored).toBeUndefined();
  });
});
