/**
 * The storage-trouble state: capture pauses below the floor of free space and resumes by itself, a
 * failed write pauses it too, the background refuses captures meanwhile (the library stays as it was),
 * and failures read as plain words. The real disk is tests/browser/full-disk.test.ts.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { foldPendingCaptures } from '@/utils/capture/record-capture';
import { PaperdexDB } from '@/utils/library/schema';
import { setSaved } from '@/utils/library/user-actions';
import { handleMessage } from '@/utils/messaging/handle-message';
import { RowCache } from '@/utils/ui/library-page/row-cache';
import { LibraryIndex } from '@/utils/search/library-index';
import { captureFloor, noteStorageHealth, RESUME_MARGIN, RETRY_AFTER_FAILURE_MS, type StorageHealth, StorageHealthMonitor, troubleNotice } from '@/utils/library/storage/storage-health';
import { publishStorageHealth, restoreStorageHealth } from '@/utils/library/storage/storage-health-browser';
import { failureText, storageFailure } from '@/utils/library/storage/write-failure';
import { failWritesAsOnAFullDisk } from '../../support/full-disk';

const MiB = 1024 * 1024;
const FLOOR = captureFloor(0);

/** A disk whose free space the test sets; the estimate says what Chromium's does (quota = usage + free). */
function disk(free: number, usage = 2 * MiB) {
  const state = { free, usage, now: 1_000_000 };
  const published: StorageHealth[] = [];
  const monitor = new StorageHealthMonitor({
    estimate: async () => ({ quota: state.usage + state.free, usage: state.usage }),
    now: () => state.now,
    publish: (health) => published.push(health),
  });
  return { state, published, monitor };
}

const quotaError = () => new DOMException('The disk is full', 'QuotaExceededError');

describe('StorageHealthMonitor', () => {
  it('pauses capture below the floor, says how much is free, and resumes once the floor and a margin are free again', async () => {
    const { state, published, monitor } = disk(FLOOR + 100 * MiB);
    expect(await monitor.capturePaused()).toBe(false);
    expect(published).toEqual([]);

    state.free = 10 * MiB;
    expect(await monitor.capturePaused()).toBe(true);
    expect(monitor.health.trouble).toMatchObject({ reason: 'low-space', freeBytes: 10 * MiB, floorBytes: FLOOR });
    expect(published).toHaveLength(1);
    expect(troubleNotice(monitor.health.trouble!).detail).toMatch(/^Only 10 MB free, and Paperdex needs 64 MB/);

    // Just above the floor is not enough to resume (no flapping around it).
    state.free = FLOOR + 1;
    expect(await monitor.capturePaused()).toBe(true);
    state.free = FLOOR + RESUME_MARGIN;
    expect(await monitor.capturePaused()).toBe(false);
    expect(published.at(-1)).toEqual({});
  });

  it('measures free space on every check: a disk filled a moment after the last check still pauses the next capture', async () => {
    const { state, monitor } = disk(FLOOR + 100 * MiB);
    expect(await monitor.capturePaused()).toBe(false);
    state.free = 0;
    expect(await monitor.capturePaused()).toBe(true);
  });

  it('a library larger than the floor raises it: a compaction can need about the database again', async () => {
    const { monitor } = disk(150 * MiB, 200 * MiB);
    expect(await monitor.capturePaused()).toBe(true);
    expect(monitor.health.trouble?.floorBytes).toBe(200 * MiB);
  });

  it('a write that failed for lack of space pauses capture, for a minute at least, then resumes when space looks fine', async () => {
    const { state, monitor } = disk(FLOOR + 100 * MiB);
    expect(monitor.writeFailed(quotaError())).toBe('the disk is full. Free some space on it, then try again');
    expect(await monitor.capturePaused()).toBe(true);
    expect(monitor.health.trouble?.reason).toBe('disk-full');
    state.now += RETRY_AFTER_FAILURE_MS - 1;
    expect(await monitor.capturePaused()).toBe(true);
    state.now += 1;
    expect(await monitor.capturePaused()).toBe(false);
  });

  it('an error of the app (a bad tag) does not pause anything', async () => {
    const { monitor } = disk(FLOOR + 100 * MiB);
    expect(monitor.writeFailed(new Error('A tag needs at least one letter or digit.'))).toBe('A tag needs at least one letter or digit.');
    expect(await monitor.capturePaused()).toBe(false);
  });

  it('starts from the state a stopped worker left, until measured otherwise', async () => {
    const trouble = { reason: 'disk-full' as const, since: 999_000 };
    const monitor = new StorageHealthMonitor({ estimate: async () => ({ quota: FLOOR * 4, usage: 0 }), now: () => 1_000_000, initial: Promise.resolve({ trouble }) });
    expect(await monitor.capturePaused()).toBe(true);
    expect(monitor.health.trouble).toMatchObject({ reason: 'disk-full', since: 999_000 });
  });
});

describe('storage failures in plain words', () => {
  it.each([
    // As Chromium reported them on a full tmpfs (this project's measurements).
    ['Chromium LevelDB, no space', Object.assign(new Error('Connection is closing because of: IO error: …/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)'), { name: 'UnknownError' }), 'disk-full'],
    ['QuotaExceededError', quotaError(), 'disk-full'],
    ['Dexie wrapping it', Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quotaError() }), 'disk-full'],
    ['Chromium blobs', Object.assign(new Error('Failed to write blobs (IOError)'), { name: 'DataError' }), 'write-error'],
    ['Chromium open', Object.assign(new Error('Internal error opening backing store for indexedDB.open.'), { name: 'UnknownError' }), 'write-error'],
    ['a validation message', new Error('A paper can have at most 50 tags.'), undefined],
  ])('%s', (_name, error, failure) => {
    expect(storageFailure(error)).toBe(failure);
  });

  it('says what failed and what to do, never the browser internals', () => {
    const chromium = Object.assign(new Error('IO error: …/000003.log: FILE_ERROR_NO_SPACE'), { name: 'UnknownError' });
    expect(failureText('Not saved', chromium)).toBe('Not saved: the disk is full. Free some space on it, then try again.');
    expect(failureText('Tag not added', new Error('A paper can have at most 50 tags.'))).toBe('Tag not added: A paper can have at most 50 tags.');
    expect(failureText('Not saved', new TypeError('x is undefined'))).toBe('Not saved: something went wrong (TypeError). Try again.');
  });
});

describe('the background with storage trouble', () => {
  const EXTENSION_ID = 'paperdexextensionid';
  const page = 'https://huggingface.co/papers/date/2026-03-11';
  const fromContentScript = { id: EXTENSION_ID, url: page, tab: { url: page } };
  const fromPopup = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
  const listing = { site: 'hf', kind: 'daily', label: 'Daily 2026-03-11', url: page };
  const capture = (id: string) => ({ type: 'capture', listing, papers: [{ id, title: `Paper ${id}`, links: {} }], problems: [] });
  let db: PaperdexDB;
  beforeEach(() => {
    db = new PaperdexDB(`storage-${Math.random()}`);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.delete();
  });

  it('refuses captures while space is low (nothing written), and takes them again once there is room', async () => {
    const { state, monitor } = disk(FLOOR + 100 * MiB);
    const options = { storage: monitor };
    expect(await handleMessage(db, capture('2403.10001'), fromContentScript, EXTENSION_ID, Date.now(), options)).toMatchObject({ ok: true, accepted: 1 });
    await foldPendingCaptures(db);

    state.free = 5 * MiB;
    expect(await handleMessage(db, capture('2403.10002'), fromContentScript, EXTENSION_ID, Date.now(), options)).toEqual({ ok: false, error: 'capture paused: storage trouble' });
    expect(await db.pendingCaptures.count()).toBe(0);
    expect((await db.papers.toArray()).map((paper) => paper.id)).toEqual(['2403.10001']);
    // A view asks: the state, with why.
    expect(await handleMessage(db, { type: 'storage-health' }, fromPopup, EXTENSION_ID, Date.now(), options)).toMatchObject({ ok: true, health: { trouble: { reason: 'low-space' } } });

    state.free = FLOOR + RESUME_MARGIN;
    expect(await handleMessage(db, capture('2403.10002'), fromContentScript, EXTENSION_ID, Date.now(), options)).toMatchObject({ ok: true, accepted: 1 });
    expect(await handleMessage(db, { type: 'storage-health' }, fromPopup, EXTENSION_ID, Date.now(), options)).toEqual({ ok: true, health: {} });
  });

  it('a capture whose write fails for lack of space pauses capture and leaves the library as it was', async () => {
    const { monitor } = disk(FLOOR + 100 * MiB);
    const undo = failWritesAsOnAFullDisk();
    const response = await handleMessage(db, capture('2403.10001'), fromContentScript, EXTENSION_ID, Date.now(), { storage: monitor });
    expect(response.ok).toBe(false);
    expect(monitor.health.trouble?.reason).toBe('disk-full');
    undo();
    expect(await db.pendingCaptures.count()).toBe(0);
    expect(await db.papers.count()).toBe(0);
  });

  it('a card action that fails for lack of space answers in plain words, and pauses capture', async () => {
    const { monitor } = disk(FLOOR + 100 * MiB);
    await handleMessage(db, capture('2403.10001'), fromContentScript, EXTENSION_ID, Date.now(), { storage: monitor });
    await foldPendingCaptures(db);
    const undo = failWritesAsOnAFullDisk();
    const response = await handleMessage(db, { type: 'set-saved', id: '2403.10001', saved: true }, fromContentScript, EXTENSION_ID, Date.now(), { storage: monitor });
    expect(response).toEqual({ ok: false, error: 'the disk is full. Free some space on it, then try again' });
    expect(monitor.health.trouble?.reason).toBe('disk-full');
    undo();
    expect((await db.papers.get('2403.10001'))?.savedAt).toBeUndefined();
    // The user's own actions are not paused: with the write working again, the save goes through.
    await setSaved(db, '2403.10001', true);
    expect((await db.papers.get('2403.10001'))?.savedAt).toEqual(expect.any(Number));
  });

  it('a view reports its own failed write: capture pauses; only extension pages may say so', async () => {
    const { monitor } = disk(FLOOR + 100 * MiB);
    expect(await handleMessage(db, { type: 'storage-health', failure: 'disk-full' }, fromContentScript, EXTENSION_ID, Date.now(), { storage: monitor })).toEqual({ ok: false, error: 'untrusted sender' });
    expect(monitor.health).toEqual({});
    expect(await handleMessage(db, { type: 'storage-health', failure: 'disk-full' }, fromPopup, EXTENSION_ID, Date.now(), { storage: monitor })).toMatchObject({ ok: true, health: { trouble: { reason: 'disk-full' } } });
    expect(await monitor.capturePaused()).toBe(true);
  });
});

describe('the badge and the mirror', () => {
  beforeEach(() => fakeBrowser.reset());

  it('"!" with a title that says why while in trouble; cleared after; the state survives a worker restart', async () => {
    const trouble = { reason: 'low-space' as const, since: 1, freeBytes: 3 * MiB, floorBytes: FLOOR };
    publishStorageHealth({ trouble }, fakeBrowser);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('!'));
    expect(await fakeBrowser.action.getTitle({})).toMatch(/^Paperdex paused recording: the disk is almost full\. Only 3 MB free/);
    expect(await restoreStorageHealth(fakeBrowser)).toEqual({ trouble });

    publishStorageHealth({}, fakeBrowser);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(''));
    expect(await restoreStorageHealth(fakeBrowser)).toEqual({});
  });
});

describe('caches while storage is in trouble', () => {
  let db: PaperdexDB;
  beforeEach(async () => {
    db = new PaperdexDB(`caches-${Math.random()}`);
    await db.papers.bulkPut(
      Array.from({ length: 20 }, (_, at) => ({ id: `2403.${String(10_000 + at)}`, title: `Paper ${at}`, links: {}, tags: [], seenCount: 1, firstSeenAt: 1, lastSeenAt: 1 + at, updatedAt: 1 + at, seenOn: [], sites: ['hf'] }) as never),
    );
  });
  afterEach(async () => {
    noteStorageHealth({});
    db.close();
    await db.delete();
  });

  it('the search index and the library rows are not stored (megabytes at 50k papers), and are once the trouble is gone', async () => {
    noteStorageHealth({ trouble: { reason: 'low-space', since: 1 } });
    const index = await LibraryIndex.open(db);
    const rows = new RowCache(db);
    await rows.loadAll();
    await index.save();
    expect(await rows.saveSnapshot()).toBe(false);
    expect(await db.searchIndex.count()).toBe(0);
    expect(index.unsaved).toBe(true);

    noteStorageHealth({});
    await index.save();
    expect(await rows.saveSnapshot()).toBe(true);
    expect(await db.searchIndex.get('words')).toBeDefined();
    expect(await db.searchIndex.get('library-rows')).toBeDefined();
  });
});
