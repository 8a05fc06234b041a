import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { foldPendingCaptures, queueCapture, recordCapture } from '@/utils/capture/record-capture';
import { PaperdexDB } from '@/utils/library/schema';
import { deletePapers, restorePapers } from '@/utils/library/bulk-actions';
import { saveById } from '@/utils/library/save-by-id';
import { addTag, setRead, setSaved } from '@/utils/library/user-actions';
import type { CapturedPaper, Listing } from '@/utils/paper/record';
import { LibraryIndex, STORED_FORMAT } from '@/utils/search/library-index';
import { WordIndex } from '@/utils/search/word-index';
import { seedRecords } from '../support/seed-library';

const listing: Listing = { site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers/date/2026-03-11' };
const seeds = seedRecords();
const asCaptured = ({ id, title, abstract, authors, links }: (typeof seeds)[number]): CapturedPaper => ({ id, title, abstract, authors, links });

let db: PaperdexDB;
beforeEach(async () => {
  db = new PaperdexDB(`test-${Math.random()}`);
  await recordCapture(db, { listing, papers: seeds.map(asCaptured), problems: [] });
});
afterEach(async () => {
  await db.delete();
});

const topTitle = async (index: LibraryIndex, query: string) => (await index.search(query)).hits[0]?.record.title;

describe('LibraryIndex', () => {
  it('builds from the library when nothing is stored, then finds papers with typos', async () => {
    const progress: number[] = [];
    const index = await LibraryIndex.open(db, { onBuildProgress: (done) => progress.push(done) });
    expect(index.size).toBe(seeds.length);
    expect(progress.at(-1)).toBe(seeds.length);
    expect(await topTitle(index, 'housholder projektor')).toBe('Householder Projector for Unsupervised Latent Semantics Discovery');
    expect(index.unsaved).toBe(true);
  });

  it('restores the stored index instead of rebuilding it', async () => {
    const first = await LibraryIndex.open(db);
    await first.save();
    expect(first.unsaved).toBe(false);
    const add = vi.spyOn(WordIndex.prototype, 'add');
    const second = await LibraryIndex.open(db);
    expect(add).not.toHaveBeenCalled();
    expect(second.size).toBe(seeds.length);
    expect(await topTitle(second, 'tabluar jepa')).toMatch(/^T-JEPA/);
  });

  it('catches up with papers captured and tagged since it was stored', async () => {
    const first = await LibraryIndex.open(db);
    await first.save();
    await queueCapture(db, { listing, papers: [{ id: '2604.00001', title: 'Zeppelin Routing with Sheaf Attention', links: {} }], problems: [] });
    await foldPendingCaptures(db);
    await addTag(db, seeds[5]!.id, 'quokka-list');

    const reopened = await LibraryIndex.open(db);
    expect(reopened.size).toBe(seeds.length + 1);
    expect(await topTitle(reopened, 'zepelin routng')).toBe('Zeppelin Routing with Sheaf Attention');
    expect((await reopened.search('quokka-list')).hits[0]?.record.id).toBe(seeds[5]!.id);
    expect(reopened.unsaved).toBe(true);
  });

  it('refresh picks up changes while open, and results show the current record', async () => {
    const index = await LibraryIndex.open(db);
    expect((await index.search('householder')).hits[0]?.record.tags).toEqual([]);
    await addTag(db, (await index.search('householder')).hits[0]!.record.id, 'to-read');
    expect(await index.refresh()).toBe(1);
    expect((await index.search('householder')).hits[0]?.record.tags).toEqual(['to-read']);
  });

  it('matchingIds lists every paper matching all the words (or the pasted id), within a restriction', async () => {
    const index = await LibraryIndex.open(db);
    const withWord = seeds.filter((seed) => /\bdiffusion\b/i.test(`${seed.title} ${seed.abstract}`)).map((seed) => seed.id);
    expect(withWord.length).toBeGreaterThan(3);
    const all = index.matchingIds('diffusion');
    expect(all).toEqual(expect.arrayContaining(withWord));
    const only = new Set(withWord.slice(0, 2));
    expect(index.matchingIds('diffusion', only).sort()).toEqual([...only].sort());
    expect(index.matchingIds(`https://arxiv.org/abs/${seeds[3]!.id}`)).toEqual([seeds[3]!.id]);
    expect(index.matchingIds('zzqxv')).toEqual([]);
  });

  it('rebuilds when the stored index is unreadable', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await db.searchIndex.put({ key: 'words', format: 1, indexedThrough: Date.now(), papers: 3, data: { nonsense: true } });
    const index = await LibraryIndex.open(db);
    expect(index.size).toBe(seeds.length);
  });

  it('rebuilds an index stored in an older format, and stores the current one', async () => {
    const first = await LibraryIndex.open(db);
    await first.save();
    const stored = (await db.searchIndex.get('words'))!;
    expect(stored.format).toBe(STORED_FORMAT);
    await db.searchIndex.put({ ...stored, format: STORED_FORMAT - 1 });
    const add = vi.spyOn(WordIndex.prototype, 'add');
    const reopened = await LibraryIndex.open(db);
    expect(add).toHaveBeenCalledTimes(seeds.length);
    expect(reopened.unsaved).toBe(true);
    await reopened.save();
    expect((await db.searchIndex.get('words'))!.format).toBe(STORED_FORMAT);
  });

  it('reads only the records of the hits it returns (and none to open)', async () => {
    const bulkGet = vi.spyOn(db.papers, 'bulkGet');
    const index = await LibraryIndex.open(db);
    expect(bulkGet).not.toHaveBeenCalled();
    const outcome = await index.search('latent', { limit: 2 });
    expect(outcome.hits).toHaveLength(2);
    expect(bulkGet).toHaveBeenCalledTimes(1);
    expect(bulkGet.mock.calls[0]![0]).toEqual(outcome.hits.map((hit) => hit.record.id));
  });

  it('misses no paper written while it builds, even one whose id sorts before pages already read', async () => {
    const written = [
      { ...seeds[0]!, id: '0001.00001', title: 'Quillwort Gradient Surgery', updatedAt: Date.now() + 1_000 },
      { ...seeds[1]!, id: '9912.00001', title: 'Zymurgy Token Routing', updatedAt: Date.now() + 1_001 },
    ];
    let wrote = false;
    const index = await LibraryIndex.open(db, {
      onBuildProgress: () => {
        if (wrote) return;
        wrote = true;
        void db.papers.bulkPut(written); // a capture committing between two pages of the build
      },
    });
    expect(wrote).toBe(true);
    await index.refresh();
    expect(index.size).toBe(seeds.length + 2);
    expect(await topTitle(index, 'quillwort')).toBe('Quillwort Gradient Surgery');
    expect(await topTitle(index, 'zymurgy')).toBe('Zymurgy Token Routing');
  });

  it('an empty library gives an empty index and no results', async () => {
    await db.papers.clear();
    const index = await LibraryIndex.open(db);
    expect(index.size).toBe(0);
    expect((await index.search('anything')).hits).toEqual([]);
  });
});

describe('LibraryIndex: result rows (a search reads no record)', () => {
  it('gives the hits as rows kept in memory, without reading IndexedDB', async () => {
    const index = await LibraryIndex.open(db);
    const householder = seeds.find((seed) => seed.title.startsWith('Householder'))!;
    const bulkGet = vi.spyOn(db.papers, 'bulkGet');
    const get = vi.spyOn(db.papers, 'get');
    const outcome = index.searchRows('housholder projektor', { limit: 5 });
    expect(bulkGet).not.toHaveBeenCalled();
    expect(get).not.toHaveBeenCalled();
    expect(outcome.hits[0]!.record).toMatchObject({
      id: householder.id,
      title: householder.title,
      authors: householder.authors!.slice(0, 3),
      authorCount: householder.authors!.length,
      seenLabel: 'Daily',
      tags: [],
    });
    expect(outcome.hits[0]!.record.savedAt).toBeUndefined();
  });

  it('rows follow saves, reads and tags made anywhere, after a refresh; and survive a reopen', async () => {
    const index = await LibraryIndex.open(db);
    const id = index.searchRows('tabluar jepa').hits[0]!.record.id;
    await setSaved(db, id, true, 1_000);
    await setRead(db, id, true, 2_000);
    await addTag(db, id, 'to-read');
    await index.refresh();
    expect(index.searchRows('tabluar jepa').hits[0]!.record).toMatchObject({ id, savedAt: 1_000, readAt: 2_000, tags: ['to-read'] });
    await index.save();
    const reopened = await LibraryIndex.open(db);
    expect(reopened.row(id)).toMatchObject({ savedAt: 1_000, readAt: 2_000, tags: ['to-read'] });
  });
});

describe('LibraryIndex: deleted papers', () => {
  const householderId = () => seeds.find((seed) => seed.title.startsWith('Householder'))!.id;
  const hitIds = (index: LibraryIndex, query: string) => index.searchRows(query).hits.map((hit) => hit.record.id);

  it('refresh drops papers deleted since (their tombstones), while open', async () => {
    const index = await LibraryIndex.open(db);
    expect(hitIds(index, 'householder')).toContain(householderId());
    await deletePapers(db, [householderId()]);
    expect(await index.refresh()).toBe(1);
    expect(hitIds(index, 'householder')).not.toContain(householderId());
    expect(index.row(householderId())).toBeUndefined();
    expect(index.size).toBe(seeds.length - 1);
    expect(index.unsaved).toBe(true);
  });

  it('a stored index catches up with deletions made while the popup was closed', async () => {
    const first = await LibraryIndex.open(db);
    await first.save();
    await deletePapers(db, [householderId()]);
    const reopened = await LibraryIndex.open(db);
    expect(reopened.size).toBe(seeds.length - 1);
    expect(hitIds(reopened, 'householder projector')).not.toContain(householderId());
    // and the tombstone is not applied twice (a re-added paper stays)
    await reopened.save();
    await saveById(db, [{ id: householderId() }]);
    const again = await LibraryIndex.open(db);
    expect(again.row(householderId())).toMatchObject({ id: householderId(), title: '' });
    expect(hitIds(again, householderId())).toEqual([householderId()]);
  });

  it('a paper deleted and put back (undo) is searchable again', async () => {
    const index = await LibraryIndex.open(db);
    const removed = await deletePapers(db, [householderId()], Date.now() + 10);
    await index.refresh();
    await restorePapers(db, removed, Date.now() + 20);
    await index.refresh();
    expect(hitIds(index, 'housholder projektor')[0]).toBe(householderId());
  });

  it('a hit whose record is gone (no tombstone) is dropped when found missing', async () => {
    const index = await LibraryIndex.open(db);
    await db.papers.delete(householderId()); // e.g. a tombstone pruned before this index caught up
    expect(hitIds(index, 'householder projector')).toContain(householderId());
    expect(await index.dropMissing(hitIds(index, 'householder projector'))).toBe(1);
    expect(hitIds(index, 'householder projector')).not.toContain(householderId());
    expect(index.unsaved).toBe(true);
  });

  it('a search that reads records drops a hit whose record is gone', async () => {
    const index = await LibraryIndex.open(db);
    await db.papers.delete(householderId());
    const outcome = await index.search('householder projector');
    expect(outcome.hits.map((hit) => hit.record.id)).not.toContain(householderId());
    expect(index.row(householderId())).toBeUndefined();
    expect(index.size).toBe(seeds.length - 1);
  });
});
