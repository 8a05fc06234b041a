import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PaperdexDB } from '@/utils/library/schema';
import { setRead, setSaved } from '@/utils/library/user-actions';
import type { PaperRecord } from '@/utils/paper/record';
import { PlainLibraryDb, openLibraryConnection } from '@/utils/ui/popup/plain-library-db';
import { type PaperFilter, type PaperList, PaperListLoader, CURSOR_NOT_READ, viewStatus } from '@/utils/ui/popup/paper-list';
import { LibraryIndex } from '@/utils/search/library-index';
import { paperTitled, seedRecords } from '../../support/seed-library';

const records = seedRecords();
const HOUSEHOLDER = paperTitled(records, 'Householder Projector');
const TJEPA = paperTitled(records, 'T-JEPA');

let db: PaperdexDB;
/** The popup's own connection (Dexie seeds and changes the library, as the background would). */
let library: PlainLibraryDb;
let loader: PaperListLoader;
beforeEach(async () => {
  db = new PaperdexDB(`test-${Math.random()}`);
  await db.papers.bulkPut(records);
  library = new PlainLibraryDb((await openLibraryConnection(db.name))!);
  loader = new PaperListLoader(library, { recentLimit: 10 });
  loader.setIndex(await LibraryIndex.open(library));
});
afterEach(async () => {
  library.close();
  await db.delete();
});

async function load(query: string, filter: PaperFilter = { kind: 'all' }): Promise<PaperList> {
  return loader.load(query, filter, await library.cursor());
}
const ids = (view: PaperList) => view.papers.map((paper) => paper.id);
const newestFirst = [...records].sort((a, b) => b.lastSeenAt - a.lastSeenAt);

describe('PaperListLoader: recent papers', () => {
  it('with no query, the most recently seen papers, newest first', async () => {
    const view = await load('  ');
    expect(view.kind).toBe('recent');
    expect(ids(view)).toEqual(newestFirst.slice(0, 10).map((paper) => paper.id));
    expect(view.matches).toBeUndefined(); // the whole library: counted apart
    expect(viewStatus(view, undefined)).toBeUndefined();
    expect(viewStatus(view, records.length)).toBe('62 papers');
  });

  it('saved: only saved papers, by when they were seen', async () => {
    await setSaved(db, HOUSEHOLDER.id, true);
    await setSaved(db, TJEPA.id, true);
    const view = await load('', { kind: 'saved' });
    expect(ids(view)).toEqual([HOUSEHOLDER, TJEPA].sort((a, b) => b.lastSeenAt - a.lastSeenAt).map((paper) => paper.id));
    expect(viewStatus(view, 62)).toBe('2 papers');
  });

  it('one tag: a reading list', async () => {
    const view = await load('', { kind: 'tag', tag: 'recsys' });
    expect(view.papers.every((paper) => paper.tags.includes('recsys'))).toBe(true);
    expect(view.matches).toBe(3);
    expect(viewStatus(view, 62)).toBe('3 papers');
  });

  it('unread: read papers are left out and counted out', async () => {
    const newest = newestFirst[0]!;
    await setRead(db, newest.id, true);
    const read = vi.spyOn(library, 'idsWith');
    const view = await load('', { kind: 'unread' });
    expect(read).toHaveBeenCalledWith('readAt'); // the read papers come from the readAt index, keys only
    expect(ids(view)).not.toContain(newest.id);
    expect(view.papers).toHaveLength(10);
    expect(view.matches).toBe(records.length - 1);
    expect(viewStatus(view, 62)).toBe('61 papers');
  });

  it('the first list, asked for before the library’s stamp is read, is not read again when the stamp is the same', async () => {
    const reads = vi.spyOn(library, 'recentAndCursor');
    const first = await loader.load('', { kind: 'all' }, CURSOR_NOT_READ);
    expect(ids(first)).toEqual(newestFirst.slice(0, 10).map((paper) => paper.id));
    // The popup renders nothing again: the same view.
    expect(await loader.load('', { kind: 'all' }, await library.cursor())).toBe(first);
    expect(reads).toHaveBeenCalledTimes(1);

    // A paper seen since: read again, and it is on top.
    const seen = { ...newestFirst.at(-1)!, lastSeenAt: Date.now() + 1_000, updatedAt: Date.now() + 1_000 };
    await db.papers.put(seen);
    const after = await loader.load('', { kind: 'all' }, await library.cursor());
    expect(reads).toHaveBeenCalledTimes(2);
    expect(after.papers[0]?.id).toBe(seen.id);
  });

  it('the first list comes short (its first rows), then whole; asked again with the stamp, it is not read again', async () => {
    const twoStep = new PaperListLoader(library, { recentLimit: 10, firstRecent: 3 });
    const reads = vi.spyOn(library, 'recentAndCursor');
    const first = await twoStep.load('', { kind: 'all' }, CURSOR_NOT_READ);
    expect(ids(first)).toEqual(newestFirst.slice(0, 3).map((paper) => paper.id));
    // Asked again once the stamp is read (the popup's next render): the same short list.
    expect(await twoStep.load('', { kind: 'all' }, await library.cursor())).toBe(first);
    expect(reads).toHaveBeenCalledTimes(1);
    const whole = await first.complete!();
    expect(await first.complete!()).toBe(whole);
    expect(ids(whole)).toEqual(newestFirst.slice(0, 10).map((paper) => paper.id));
    expect(whole.complete).toBeUndefined();
    // Once read, the whole list is the one given, without reading again.
    expect(await twoStep.load('', { kind: 'all' }, await library.cursor())).toBe(whole);
    expect(reads.mock.calls.map(([limit]) => limit)).toEqual([3, 10]);
    // Later lists (the library changed) are read whole at once.
    const seen = { ...newestFirst.at(-1)!, lastSeenAt: Date.now() + 1_000, updatedAt: Date.now() + 1_000 };
    await db.papers.put(seen);
    const after = await twoStep.load('', { kind: 'all' }, await library.cursor());
    expect(after.papers).toHaveLength(10);
    expect(after.papers[0]?.id).toBe(seen.id);
    expect(after.complete).toBeUndefined();
  });

  it('the first list is read again when the library changed before its stamp was read', async () => {
    const pending = loader.load('', { kind: 'all' }, CURSOR_NOT_READ);
    const seen = { ...newestFirst.at(-1)!, lastSeenAt: Date.now() + 1_000, updatedAt: Date.now() + 1_000 };
    await db.papers.put(seen);
    await pending;
    expect((await loader.load('', { kind: 'all' }, await library.cursor())).papers[0]?.id).toBe(seen.id);
  });

  it('an empty filter gives an empty list', async () => {
    const view = await load('', { kind: 'tag', tag: 'nothing-here' });
    expect(view.papers).toEqual([]);
    expect(view.matches).toBe(0);
  });
});

describe('PaperListLoader: search', () => {
  it('ranks through typos, with the count of matches and the words to highlight', async () => {
    const view = await load('housholder projektor');
    expect(view.kind).toBe('search');
    expect(view.papers[0]?.id).toBe(HOUSEHOLDER.id);
    expect(view.matches).toBeGreaterThanOrEqual(1);
    expect(view.highlightTerms.has('householder')).toBe(true);
    expect(viewStatus({ ...view, matches: 1 }, 62)).toBe('1 match');
  });

  it('searches within the filter', async () => {
    expect((await load('tabular', { kind: 'tag', tag: 'ssl' })).papers[0]?.id).toBe(TJEPA.id);
    expect(ids(await load('tabluar jepa', { kind: 'saved' }))).toEqual([]);
    await setSaved(db, TJEPA.id, true);
    expect(ids(await load('tabluar jepa', { kind: 'saved' }))).toEqual([TJEPA.id]);
  });

  it('a pasted arXiv URL goes straight to the paper', async () => {
    const view = await load(`https://arxiv.org/abs/${TJEPA.id}v3`);
    expect(view.pastedId).toBe(TJEPA.id);
    expect(ids(view)).toEqual([TJEPA.id]);
  });

  it('catches up with a paper added after it opened', async () => {
    const added: PaperRecord = { ...TJEPA, id: '2612.00001', title: 'Quokka: Marsupial Attention', tags: [], updatedAt: Date.now() };
    await db.papers.put(added);
    expect((await load('quoka marsupial')).papers[0]?.id).toBe(added.id);
  });

  it('keeps the same filter set for every keystroke until the library changes', async () => {
    const index = await LibraryIndex.open(library);
    const search = vi.spyOn(index, 'searchRows');
    loader.setIndex(index);
    const saved: PaperFilter = { kind: 'saved' };
    await setSaved(db, TJEPA.id, true);
    await load('t', saved);
    await load('ta', saved);
    const [first, second] = search.mock.calls.map((call) => call[1]?.restrictTo);
    expect(first).toBeDefined();
    expect(second).toBe(first);
    await setSaved(db, HOUSEHOLDER.id, true);
    await load('tab', saved);
    const third = search.mock.calls[2]?.[1]?.restrictTo;
    expect(third).not.toBe(first);
    expect([...third!].sort()).toEqual([HOUSEHOLDER.id, TJEPA.id].sort());
  });

  it('before the index is open, a query waits for it (the recent list does not)', async () => {
    const fresh = new PaperListLoader(library);
    const stamp = await library.cursor();
    expect((await fresh.load('tabular', { kind: 'all' }, stamp)).indexPending).toBe(true);
    expect((await fresh.load('', { kind: 'all' }, stamp)).papers.length).toBeGreaterThan(0);
  });

  it.each(["'", '!', '^', '|', '=', "'!^|=", 'x'.repeat(2_000), '🧪 🚀', '注意力机制', '\ud800'])('never throws on %j', async (query) => {
    const view = await load(query);
    expect(view.kind).toBe('search');
    expect(Array.isArray(view.papers)).toBe(true);
  });
});
