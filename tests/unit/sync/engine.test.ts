import { describe, expect, it } from 'vitest';
import { SyncEngine, TOMBSTONE_MIN_AGE_MS } from '@/utils/sync/engine';
import { itemBytes, SYNC_LIMITS } from '@/utils/sync/items';
import type { LocalRecord } from '@/utils/sync/local-edits';
import { deliverAll, SimDevice, settle, userView } from './simulation';

const START = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const X = '2501.00001';
const Y = '2501.00002';
const paper = (fields: Partial<LocalRecord> = {}): LocalRecord => ({ title: 'A paper', tags: [], ...fields });
const areaBytes = (area: Record<string, unknown>) => Object.entries(area).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);

describe('sync engine', () => {
  it('merges nothing until its own head is in the area (write first)', async () => {
    const [a, b] = [new SimDevice('aaaa0001'), new SimDevice('bbbb0002')];
    a.edit(X, paper({ savedAt: START }), START);
    await a.write(START);
    deliverAll([a, b]);
    const read = await b.sync(START);
    expect(read.writeFirst).toBe(true);
    expect(read.changed).toEqual([]);
    expect(b.library.size).toBe(0);
    await settle([a, b], START);
    expect(userView(b.library)).toEqual(userView(a.library));
  });

  it('a concurrent save on A and tag on B of one paper both hold', async () => {
    const [a, b] = [new SimDevice('aaaa0001'), new SimDevice('bbbb0002', 3 * 3_600_000)];
    await settle([a, b], START);
    a.edit(X, paper({ savedAt: START }), START + 1_000);
    b.edit(X, paper({ tags: ['ml'] }), START + 1_000);
    await settle([a, b], START + 2_000);
    expect(userView(a.library)).toEqual({ [X]: { saved: true, read: false, tags: ['ml'], note: undefined } });
    expect(userView(b.library)).toEqual(userView(a.library));
  });

  it('ignores bad items of the area with their reasons, applies the good ones whole, never throws', async () => {
    const [a, b] = [new SimDevice('aaaa0001'), new SimDevice('bbbb0002')];
    a.edit(X, paper({ tags: ['ml'] }), START);
    await settle([a, b], START);
    Object.assign(b.area, { 'd:cccc0003:0': '9tfuture', 'd:cccc0003:1': { __proto__: 1 }, 'd:dddd0004:1': '1tgarbage', 'other-setting': true });
    const read = await b.engine.readRemote(b.area, START);
    expect(read.ignored.map(({ key, reason }) => [key, reason.replace(/ at \d+$/, '')])).toEqual([
      ['d:cccc0003:0', 'format 9 is newer than this Paperdex reads (1)'],
      ['d:cccc0003:1', 'value is object, not text'],
      ['d:dddd0004:1', 'expected ,'],
    ]);
    expect(userView(b.library)).toEqual(userView(a.library));
  });

  it('holds back the items of a device whose clock is two days ahead until real time catches up', async () => {
    const [a, b] = [new SimDevice('aaaa0001', 2 * DAY), new SimDevice('bbbb0002')];
    await settle([a, b], START).catch(() => undefined);
    a.edit(X, paper({ savedAt: START }), START);
    await a.write(START);
    deliverAll([a, b]);
    const read = await b.sync(START);
    expect(read.ignored.some((item) => item.device === 'aaaa0001' && item.reason.startsWith('clock ahead'))).toBe(true);
    expect(b.library.has(X)).toBe(false);
    await settle([a, b], START + 2 * DAY);
    expect(userView(b.library)).toEqual(userView(a.library));
  });

  it('an edit in a 3,000-paper library writes one data item and the head', async () => {
    const a = new SimDevice('aaaa0001');
    const ids = Array.from({ length: 3_000 }, (_, at) => `2501.${String(10_000 + at * 3).padStart(5, '0')}`);
    a.engine.onLocalChanges(ids.map((id, at) => [id, paper({ tags: ['ml', `t${at % 20}`], readAt: START })]), START);
    const first = await a.write(START);
    expect(Object.keys(first!.set).length).toBeGreaterThanOrEqual(2);
    expect(areaBytes(a.area)).toBeLessThanOrEqual(SYNC_LIMITS.totalBytes);
    a.edit(ids[1_500]!, paper({ tags: ['ml'], readAt: START }), START + 1_000);
    const second = await a.write(START + 1_000);
    const keys = Object.keys(second!.set);
    expect(keys).toHaveLength(2);
    expect(keys).toContain('d:aaaa0001:0');
    expect(second!.remove).toEqual([]);
    expect(await a.write(START + 2_000)).toBeUndefined();
  }, 30_000);

  it('restores what toJSON saved, and refuses a damaged save', async () => {
    const a = new SimDevice('aaaa0001');
    a.edit(X, paper({ savedAt: START, tags: ['ml'], note: 'n' }), START);
    const restored = SyncEngine.restore(JSON.parse(JSON.stringify(a.engine.toJSON())))!;
    expect(restored.device).toBe('aaaa0001');
    expect(restored.marksOf(X)).toEqual(a.engine.marksOf(X));
    expect(restored.latestStamp).toEqual(a.engine.latestStamp);
    expect(restored.paperIds()).toEqual([X]);
    expect(restored.planApply(X, undefined)).toEqual({ kind: 'create', id: X, meta: { title: 'A paper', authors: [] }, changes: { tags: ['ml'], savedAt: START, note: 'n' } });
    expect(SyncEngine.restore({ v: 1, device: 'x', marks: [['y', { s: 'bad' }]] })).toBeUndefined();
    expect(SyncEngine.restore(undefined)).toBeUndefined();
  });
});

describe('tombstones', () => {
  it('a long-offline device can neither resurrect a deleted paper nor erase marks made since', async () => {
    const [a, b, c] = [new SimDevice('aaaa0001'), new SimDevice('bbbb0002'), new SimDevice('cccc0003')];
    c.edit(X, paper({ tags: ['ml'] }), START);
    await settle([a, b, c], START);
    // C goes offline for 60 days. A deletes X (C's tag on it is in C's items); B marks Y.
    a.edit(X, undefined, START + DAY);
    b.edit(Y, paper({ savedAt: START + DAY }), START + DAY);
    for (let day = 2; day <= 60; day += 5) await settle([a, b], START + day * DAY);
    expect(a.engine.marksOf(X)?.deleted).toBeDefined();
    // C was offline: it still shows X tagged and knows nothing of Y.
    expect(userView(c.library)).toEqual({ [X]: { saved: false, read: false, tags: ['ml'], note: undefined } });
    // Back: its stale items meet the tombstone; its missing Y erases nothing.
    await settle([a, b, c], START + 61 * DAY);
    for (const device of [a, b, c]) expect(userView(device.library)).toEqual({ [Y]: { saved: true, read: false, tags: [], note: undefined } });
    // Every device has acknowledged it and no item holds X any more: the tombstone is gone.
    await settle([a, b, c], START + 62 * DAY);
    expect(a.engine.marksOf(X)).toBeUndefined();
    // A device joining now finds nothing of X in the area.
    const d = new SimDevice('dddd0004');
    await settle([a, b, c, d], START + 63 * DAY);
    expect(d.engine.marksOf(X)).toBeUndefined();
    expect(userView(d.library)).toEqual(userView(a.library));
  });

  it('is kept while a known device has not acknowledged it, however long', async () => {
    const [a, b] = [new SimDevice('aaaa0001'), new SimDevice('bbbb0002')];
    a.edit(X, paper({ savedAt: START }), START);
    await settle([a, b], START);
    a.edit(X, undefined, START + DAY);
    await settle([a], START + DAY + 2 * TOMBSTONE_MIN_AGE_MS);
    expect(a.engine.marksOf(X)?.deleted).toBeDefined();
    await settle([a, b], START + DAY + 2 * TOMBSTONE_MIN_AGE_MS);
    expect(b.library.has(X)).toBe(false);
    await settle([a, b], START + DAY + 2 * TOMBSTONE_MIN_AGE_MS + 1_000);
    expect(a.engine.marksOf(X)).toBeUndefined();
  });

  it('a deletion erases only what is older: a tag added after it on another device stands', async () => {
    const [a, b] = [new SimDevice('aaaa0001'), new SimDevice('bbbb0002')];
    a.edit(X, paper({ savedAt: START, tags: ['old'] }), START);
    await settle([a, b], START);
    a.edit(X, undefined, START + 1_000);
    b.edit(X, (record) => ({ ...record, tags: [...record.tags, 'new'] }), START + 2_000);
    await settle([a, b], START + 3_000);
    for (const device of [a, b]) expect(userView(device.library)).toEqual({ [X]: { saved: false, read: false, tags: ['new'], note: undefined } });
  });
});
