/**
 * The background's sync runner, with two simulated devices (each its own database, storage.local and copy
 * of the sync area) and the test playing the browser's sync engine: a local save is written as items; remote items
 * change the library through the change feed (with their title); applied remote changes are not written back
 * (no echo); bad remote items are ignored with reasons and never stop the runner; a failed write is retried.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deletePapers } from '@/utils/library/bulk-actions';
import { onLibraryChange, type LibraryChange } from '@/utils/library/feed/feed';
import { PaperdexDB } from '@/utils/library/schema';
import { createSyncRunner, type SyncArea, type SyncRunner } from '@/utils/library/sync/sync-runner';
import { readSyncStatus, SYNC_SETTINGS_KEY, SYNC_STATE_KEY, type SyncLocalArea } from '@/utils/library/sync/sync-store';
import { addTag, setNote, setSaved } from '@/utils/library/user-actions';
import { paper } from '../../support/paper-records';

const START = Date.UTC(2026, 10, 1);
const X = '2501.00001';
const Y = '2501.00002';
let clock = START;
const now = () => clock;

/** An in-memory storage area (storage.local or one device's view of storage.sync). */
class MemoryArea implements SyncLocalArea, SyncArea {
  items: Record<string, unknown> = {};
  failSets = 0;
  sets = 0;
  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    const copy = structuredClone(this.items);
    if (keys === null) return copy;
    return Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((key) => key in copy).map((key) => [key, copy[key]]));
  }
  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failSets > 0) {
      this.failSets--;
      throw new Error('QUOTA_BYTES quota exceeded');
    }
    this.sets++;
    Object.assign(this.items, structuredClone(items));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const key of Array.isArray(keys) ? keys : [keys]) delete this.items[key];
  }
}

class Device {
  readonly db: PaperdexDB;
  readonly local = new MemoryArea();
  readonly sync = new MemoryArea();
  readonly runner: SyncRunner;
  constructor(readonly id: string) {
    this.db = new PaperdexDB(`sync-runner-${id}-${Math.random()}`);
    this.runner = createSyncRunner({ db: this.db, local: this.local, sync: this.sync, now, newDevice: () => id, flushDelayMs: 3_600_000 });
  }
  async turnOn(): Promise<void> {
    await this.local.set({ [SYNC_SETTINGS_KEY]: { enabled: true } });
    await this.runner.start();
  }
  /** Own keys of the sync area. */
  own(): string[] {
    return Object.keys(this.sync.items).filter((key) => key.startsWith(`d:${this.id}:`)).sort();
  }
}

let devices: Device[] = [];
const device = (id: string) => {
  const made = new Device(id);
  devices.push(made);
  return made;
};

/** The browser's sync: every device's own keys, as written, into the others' areas; each is told what changed. */
async function deliver(from: Device, to: Device): Promise<void> {
  const prefix = `d:${from.id}:`;
  const changed: string[] = [];
  for (const key of Object.keys(to.sync.items)) if (key.startsWith(prefix) && !(key in from.sync.items)) (delete to.sync.items[key], changed.push(key));
  for (const [key, value] of Object.entries(from.sync.items)) {
    if (!key.startsWith(prefix) || to.sync.items[key] === value) continue;
    to.sync.items[key] = value;
    changed.push(key);
  }
  if (changed.length) await to.runner.remoteChanged(changed);
}

/** Flushes, delivers both ways, until nothing more is written. */
async function settle(a: Device, b: Device): Promise<void> {
  for (let round = 0; round < 8; round++) {
    const before = JSON.stringify([a.sync.items, b.sync.items]);
    clock += 11_000;
    await a.runner.flush();
    await b.runner.flush();
    await deliver(a, b);
    await deliver(b, a);
    if (JSON.stringify([a.sync.items, b.sync.items]) === before) return;
  }
  throw new Error('did not settle');
}

beforeEach(() => {
  clock = START;
  devices = [];
});
afterEach(async () => {
  for (const { runner, db } of devices) {
    runner.stop();
    await runner.idle();
    db.close();
    await db.delete();
  }
});

describe('sync runner', () => {
  it('writes nothing while sync is off, and every marked paper once it is turned on', async () => {
    const a = device('aaaa0001');
    await a.db.papers.bulkPut([paper(X, { savedAt: START - 5_000 }), paper(Y)]);
    await a.runner.start();
    await a.runner.flush();
    expect(a.sync.items).toEqual({});
    await a.turnOn();
    clock += 11_000;
    await a.runner.flush();
    expect(a.own()).toEqual(['d:aaaa0001:0', 'd:aaaa0001:1']);
    expect(String(a.sync.items['d:aaaa0001:1'])).toMatch(/^1[tz]/);
  });

  it('a save on A reaches B with its title, through the change feed; B does not write it back (no echo)', async () => {
    const [a, b] = [device('aaaa0001'), device('bbbb0002')];
    await a.db.papers.put(paper(X, { title: 'Attention is all you need' }));
    await a.turnOn();
    await b.turnOn();
    await settle(a, b);
    clock += 1_000;
    await setSaved(a.db, X, true, clock);
    await addTag(a.db, X, 'ml', clock);
    await a.runner.localChanged();
    const feed: LibraryChange[] = [];
    const unsubscribe = onLibraryChange((change) => feed.push(change));
    await settle(a, b);
    unsubscribe();
    const onB = await b.db.papers.get(X);
    expect(onB).toMatchObject({ id: X, title: 'Attention is all you need', tags: ['ml'], savedAt: expect.any(Number), seenCount: 0 });
    expect(onB!.links.arxiv).toBe(`https://arxiv.org/abs/${X}`);
    expect(feed).toContainEqual({ kind: 'papers', ids: [X], user: true });
    // No echo: B's catch-up reads the paper it wrote and finds nothing of its own to sync.
    await b.runner.localChanged();
    clock += 11_000;
    await b.runner.flush();
    expect(b.own()).toEqual(['d:bbbb0002:0']);
  });

  it('concurrent edits on both devices both hold, and a delete on A removes the paper on B', async () => {
    const [a, b] = [device('aaaa0001'), device('bbbb0002')];
    await a.db.papers.put(paper(X));
    await a.turnOn();
    await b.turnOn();
    await settle(a, b);
    await setSaved(a.db, X, true, (clock += 1_000));
    await a.runner.localChanged();
    await settle(a, b);
    await addTag(b.db, X, 'later', (clock += 1_000));
    await setNote(a.db, X, 'from A', clock);
    await a.runner.localChanged();
    await b.runner.localChanged();
    await settle(a, b);
    for (const { db } of [a, b]) expect(await db.papers.get(X)).toMatchObject({ tags: ['later'], note: 'from A', savedAt: expect.any(Number) });

    await deletePapers(a.db, [X], (clock += 1_000));
    await a.runner.localChanged();
    await settle(a, b);
    expect(await b.db.papers.get(X)).toBeUndefined();
    expect(await b.db.removedPapers.get(X)).toBeDefined();
  });

  it('ignores bad remote items with their reasons (Settings shows them) and still applies the good ones', async () => {
    const [a, b] = [device('aaaa0001'), device('bbbb0002')];
    await a.db.papers.put(paper(X, { savedAt: START - 1_000 }));
    await a.turnOn();
    await b.turnOn();
    b.sync.items['d:cccc0003:0'] = '9tfrom the future';
    b.sync.items['d:cccc0003:1'] = { not: 'text' };
    await b.runner.remoteChanged(['d:cccc0003:0', 'd:cccc0003:1']);
    await settle(a, b);
    expect(await b.db.papers.get(X)).toMatchObject({ savedAt: expect.any(Number) });
    const status = await readSyncStatus(b.local);
    expect(status.ignoredCount).toBe(2);
    expect(status.ignored.map((item) => item.reason)).toEqual(['format 9 is newer than this Paperdex reads (1)', 'value is object, not text']);
    expect(status.devices.map((seen) => seen.device).sort()).toEqual(['aaaa0001', 'bbbb0002', 'cccc0003']);
    expect(status.lastReadAt).toBe(clock);
  });

  it('a write over quota is recorded and retried after reading again; the state survives a worker restart', async () => {
    const a = device('aaaa0001');
    await a.db.papers.put(paper(X, { savedAt: START - 1_000 }));
    a.sync.failSets = 1;
    await a.turnOn();
    clock += 11_000;
    await a.runner.flush();
    expect(a.own()).toEqual([]);
    expect((await readSyncStatus(a.local)).lastError?.message).toMatch(/QUOTA_BYTES/);
    // A new worker: the engine comes back from storage.local, its device too.
    a.runner.stop();
    const again = createSyncRunner({ db: a.db, local: a.local, sync: a.sync, now, newDevice: () => 'zzzz9999', flushDelayMs: 3_600_000 });
    devices.push({ ...a, runner: again } as Device);
    await again.start();
    clock += 11_000;
    await again.flush();
    expect(a.own()).toEqual(['d:aaaa0001:0', 'd:aaaa0001:1']);
    expect((await readSyncStatus(a.local)).lastError).toBeUndefined();
    expect(a.local.items[SYNC_STATE_KEY]).toMatchObject({ engine: { device: 'aaaa0001' } });
  });

  it('turned off, the runner stops following (and frees tombstone clean-up); on again, a paper deleted meanwhile is deleted on the other device too', async () => {
    const [a, b] = [device('aaaa0001'), device('bbbb0002')];
    await a.db.papers.bulkPut([paper(X, { savedAt: START - 1_000 }), paper(Y, { savedAt: START - 1_000 })]);
    await a.turnOn();
    await b.turnOn();
    await settle(a, b);
    expect(await b.db.papers.get(X)).toBeDefined();
    expect(await a.db.searchIndex.get('cursor:sync')).toBeDefined();
    await a.local.set({ [SYNC_SETTINGS_KEY]: { enabled: false } });
    await a.runner.start();
    expect(await a.db.searchIndex.get('cursor:sync')).toBeUndefined();
    await deletePapers(a.db, [X], (clock += 1_000));
    // Its tombstone cleaned up meanwhile (nothing waited for sync): the deletion is known only by its absence.
    await a.db.removedPapers.clear();
    await a.runner.localChanged();
    await settle(a, b);
    expect(await b.db.papers.get(X)).toBeDefined();
    await a.turnOn();
    await settle(a, b);
    expect(await b.db.papers.get(X)).toBeUndefined();
    expect(await b.db.papers.get(Y)).toMatchObject({ savedAt: expect.any(Number) });
  });

  it('a library write that fails is redone at the next pull (the merged marks are not lost)', async () => {
    const [a, b] = [device('aaaa0001'), device('bbbb0002')];
    await a.db.papers.put(paper(X));
    await a.turnOn();
    await b.turnOn();
    await settle(a, b);
    await setSaved(a.db, X, true, (clock += 1_000));
    await a.runner.localChanged();
    let failures = 1;
    b.db.papers.hook('creating', () => {
      if (failures-- > 0) throw new Error('disk full');
    });
    clock += 11_000;
    await a.runner.flush();
    await deliver(a, b);
    expect(await b.db.papers.get(X)).toBeUndefined();
    expect((await readSyncStatus(b.local)).lastError?.message).toMatch(/disk full/);
    // Nothing new arrives; the next pull (the retry) compares every paper.
    clock += 61_000;
    await b.runner.flush();
    expect(await b.db.papers.get(X)).toMatchObject({ savedAt: expect.any(Number) });
  });
});
