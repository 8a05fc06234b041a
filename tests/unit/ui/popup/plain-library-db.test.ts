/**
 * The popup's plain IndexedDB access to the library Dexie creates: it reads what Dexie wrote, stores a
 * search index Dexie reads, never creates or upgrades the database, and hears about changes made
 * through Dexie (the popup's own changes are written by the background, through Dexie).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LibraryChange, onLibraryChange } from '@/utils/library/feed/feed';
import { DB_NAME, PaperdexDB, SCHEMA_VERSIONS } from '@/utils/library/schema';
import { updateSettings } from '@/utils/library/settings';
import { setRead, setSaved } from '@/utils/library/user-actions';
import type { PaperRecord } from '@/utils/paper/record';
import { foldPendingCaptures, queueCapture } from '@/utils/capture/record-capture';
import { LIBRARY_DB_NAME, PlainLibraryDb, OLDEST_READABLE_VERSION, openLibraryConnection } from '@/utils/ui/popup/plain-library-db';
import { dexieIndexSource } from '@/utils/search/index-source';
import { LibraryIndex } from '@/utils/search/library-index';
import { paperTitled, seedRecords } from '../../support/seed-library';

const records = seedRecords();
const TJEPA = paperTitled(records, 'T-JEPA');
const HOUSEHOLDER = paperTitled(records, 'Householder Projector');

let db: PaperdexDB;
let store: PlainLibraryDb;
beforeEach(async () => {
  db = new PaperdexDB(`test-${Math.random()}`);
  await db.papers.bulkPut(records);
  store = new PlainLibraryDb((await openLibraryConnection(db.name))!);
});
afterEach(async () => {
  store.close();
  db.close();
  await db.delete();
});

const exists = async (name: string) => (await indexedDB.databases()).some((info) => info.name === name);
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('openLibraryConnection', () => {
  it('names the database the schema names, and reads every version from the oldest it needs', () => {
    expect(LIBRARY_DB_NAME).toBe(DB_NAME);
    const versions = Object.keys(SCHEMA_VERSIONS).map(Number);
    expect(versions).toContain(OLDEST_READABLE_VERSION);
    // What the popup reads exists from that version on.
    for (const version of versions.filter((at) => at >= OLDEST_READABLE_VERSION)) {
      const schema: Record<string, string> = SCHEMA_VERSIONS[version as keyof typeof SCHEMA_VERSIONS];
      expect(schema.papers).toMatch(/lastSeenAt.*savedAt.*updatedAt.*readAt.*\*tags/);
      expect(schema.removedPapers).toBe('id, at');
      expect(schema.searchIndex).toBe('key');
    }
  });

  it('never creates a library: without one there is none, before or after', async () => {
    const name = `missing-${Math.random()}`;
    expect(await openLibraryConnection(name)).toBeUndefined();
    expect(await exists(name)).toBe(false);
  });

  it('leaves a library older than it reads to Dexie to upgrade', async () => {
    const name = `old-${Math.random()}`;
    const old = new (class extends PaperdexDB {})(name);
    old.close();
    const legacy = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 20);
      request.onupgradeneeded = () => request.result.createObjectStore('papers', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    legacy.close();
    expect(await openLibraryConnection(name)).toBeUndefined();
    indexedDB.deleteDatabase(name);
  });

  it('closes its connection when Dexie elsewhere opens a newer schema', async () => {
    const connection = (await openLibraryConnection(db.name))!;
    const close = vi.spyOn(connection, 'close');
    connection.onversionchange?.call(connection, new IDBVersionChangeEvent('versionchange'));
    expect(close).toHaveBeenCalled();
  });
});

describe('PlainLibraryDb: a schema upgrade while the popup is open', () => {
  /** What an update does: the background opens the library at a newer version, adding a table. */
  async function upgradeElsewhere(): Promise<void> {
    const current = (await openLibraryConnection(db.name))!;
    const version = current.version;
    current.close();
    db.close(); // Dexie's own connection, as the background's would be replaced by the new one
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(db.name, version + 10);
      request.onupgradeneeded = () => request.result.createObjectStore('addedLater', { keyPath: 'key' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('the popup held up the upgrade'));
    });
    upgraded.close();
  }

  it('lets the upgrade through, then reads and writes on a new connection, as if nothing happened', async () => {
    expect((await store.recent(3)).length).toBe(3);
    await upgradeElsewhere();
    const index = { key: 'words', format: 1, indexedThrough: 5_000, papers: records.length, data: 'after the upgrade' };
    await store.storeIndex(index, { updatedThrough: 5_000, removedThrough: 0 });
    expect(await store.storedIndex()).toEqual(index);
    expect(await store.idsWith('savedAt')).toEqual([]);
    expect((await store.recentAndCursor(3)).papers.length).toBe(3);
  });

  it('reads asked for during the upgrade wait for it', async () => {
    const upgrading = upgradeElsewhere();
    const reading = store.cursor();
    await upgrading;
    expect((await reading).updatedThrough).toBeGreaterThan(0);
    expect(await store.countPapers()).toBe(records.length);
  });

  it('once closed by the popup, it stays closed', async () => {
    store.close();
    await expect(store.recent(3)).rejects.toThrow(/closed/);
  });
});

describe('PlainLibraryDb: reads', () => {
  it('cursor, count, recent papers and filter ids, as Dexie wrote them', async () => {
    const newest = [...records].sort((a, b) => b.lastSeenAt - a.lastSeenAt);
    await setSaved(db, TJEPA.id, true);
    await setRead(db, HOUSEHOLDER.id, true);
    const cursor = await store.cursor();
    expect(cursor.updatedThrough).toBe((await db.papers.get(HOUSEHOLDER.id))!.updatedAt);
    expect(cursor.removedThrough).toBe(0);
    expect(await store.countPapers()).toBe(records.length);
    expect((await store.recent(3)).map((paper) => paper.id)).toEqual(newest.slice(0, 3).map((paper) => paper.id));
    expect(await store.idsWith('savedAt')).toEqual([TJEPA.id]);
    expect(await store.idsWith('readAt')).toEqual([HOUSEHOLDER.id]);
    expect((await store.idsTagged('recsys')).sort()).toEqual(records.filter((paper) => paper.tags.includes('recsys')).map((paper) => paper.id).sort());
    expect((await store.allIds()).length).toBe(records.length);
    const among = new Set([TJEPA.id, HOUSEHOLDER.id, newest[0]!.id]);
    expect(await store.recentAmong(among, 2)).toEqual(newest.filter((paper) => among.has(paper.id)).slice(0, 2).map((paper) => paper.id));
    expect(await store.presentIds([TJEPA.id, 'gone'])).toEqual([TJEPA.id]);
    expect((await store.getPapers([TJEPA.id, 'gone'])).map((paper) => paper?.id)).toEqual([TJEPA.id, undefined]);
  });

  it('lists the recent papers the same without getAllRecords (a cursor, in browsers without it)', async () => {
    const withRecords = (await store.recent(5)).map((paper) => paper.id);
    const prototype = IDBIndex.prototype as unknown as { getAllRecords?: unknown };
    const original = prototype.getAllRecords;
    expect(original).toBeTypeOf('function');
    delete prototype.getAllRecords;
    try {
      expect((await store.recent(5)).map((paper) => paper.id)).toEqual(withRecords);
    } finally {
      prototype.getAllRecords = original;
    }
    const newest = [...records].sort((a, b) => b.lastSeenAt - a.lastSeenAt);
    expect(withRecords).toEqual(newest.slice(0, 5).map((paper) => paper.id));
  });

  it('counts tags as Dexie would', async () => {
    expect(await store.tagCounts()).toEqual([
      { tag: 'recsys', count: 3 },
      { tag: '3d', count: 2 },
      { tag: 'ssl', count: 2 },
      { tag: 'tabular', count: 1 },
      { tag: 'toread', count: 1 },
    ]);
  });

  it('gives the search index what Dexie gives it: same hits, and a stored index either can restore', async () => {
    const popup = await LibraryIndex.open(store);
    const page = await LibraryIndex.open(db);
    for (const query of ['housholder projektor', 'tabluar jepa', 'recsys']) {
      expect(popup.searchRows(query).hits.map((hit) => hit.record.id)).toEqual(page.searchRows(query).hits.map((hit) => hit.record.id));
    }
    await popup.save();
    const stored = await dexieIndexSource(db).storedIndex();
    expect(stored?.papers).toBe(records.length);
    const changed: PaperRecord = { ...TJEPA, id: '2612.00001', title: 'Quokka: Marsupial Attention', updatedAt: Date.now() };
    await db.papers.put(changed);
    await db.papers.delete(HOUSEHOLDER.id);
    await db.removedPapers.put({ id: HOUSEHOLDER.id, at: Date.now() });
    const { removed, updated } = await store.changesSince({ updatedThrough: stored!.indexedThrough, removedThrough: 0 });
    expect(removed.map((tombstone) => tombstone.id)).toEqual([HOUSEHOLDER.id]);
    expect(updated.map((paper) => paper.id)).toEqual([changed.id]);
    const reopened = await LibraryIndex.open(db);
    expect(reopened.searchRows('quoka marsupial').hits[0]?.record.id).toBe(changed.id);
    expect(reopened.searchRows('householder projector').hits.map((hit) => hit.record.id)).not.toContain(HOUSEHOLDER.id);
  });
});

describe('PlainLibraryDb: changes', () => {
  it('tells its listeners about writes to papers and tombstones made anywhere, not about other tables', async () => {
    const heard = vi.fn();
    const stop = store.onChange(heard);
    await setSaved(db, TJEPA.id, true); // Dexie, in this page
    await vi.waitFor(() => expect(heard).toHaveBeenCalled());
    await nextTick(); // Dexie tells this page twice: an event, then its channel
    heard.mockClear();
    await updateSettings(db, { dimSeen: true });
    await db.pendingCaptures.add({ at: 1, listing: { site: 'hf', kind: 'daily', label: 'x', url: 'https://huggingface.co/papers' }, papers: [], problems: [] });
    await nextTick();
    expect(heard).not.toHaveBeenCalled();
    await setRead(db, HOUSEHOLDER.id, true, 7); // the popup's own change, as the background writes it
    await vi.waitFor(() => expect(heard).toHaveBeenCalled());
    heard.mockClear();
    stop();
    await setSaved(db, HOUSEHOLDER.id, true);
    await nextTick();
    expect(heard).not.toHaveBeenCalled();
  });
});

describe('hasPendingCaptures', () => {
  it('says whether captures wait in the queue (only then does the popup wake the background)', async () => {
    expect(await store.hasPendingCaptures()).toBe(false);
    const listing = { site: 'hf' as const, kind: 'daily' as const, label: 'Daily', url: 'https://huggingface.co/papers' };
    await queueCapture(db, { listing, papers: [{ id: '2501.00001', title: 'Queued', links: {} }], problems: [] });
    expect(await store.hasPendingCaptures()).toBe(true);
    await foldPendingCaptures(db);
    expect(await store.hasPendingCaptures()).toBe(false);
  });
});
