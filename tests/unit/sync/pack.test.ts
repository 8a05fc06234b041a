import { describe, expect, it } from 'vitest';
import { decodeItemValue, itemBytes, itemKey, SYNC_LIMITS } from '@/utils/sync/items';
import { packOwn, shareOfQuota, type PackedData } from '@/utils/sync/pack';
import type { DataItem } from '@/utils/sync/codec';
import { HEAD_RESERVE } from '@/utils/sync/pack';
import { sampleMarks, SAMPLE_NOW } from './sample-marks';

const DEVICE = 'dev0aaaa';

function expectWithinLimits(packed: PackedData, budget: number) {
  for (const [index, value] of packed.values) expect(itemBytes(itemKey(DEVICE, index), value)).toBeLessThanOrEqual(SYNC_LIMITS.itemBytes);
  const total = [...packed.values].reduce((sum, [index, value]) => sum + itemBytes(itemKey(DEVICE, index), value), 0);
  expect(total).toBe(packed.bytes);
  expect(total + HEAD_RESERVE).toBeLessThanOrEqual(budget);
  expect(packed.values.size + 1).toBeLessThanOrEqual(SYNC_LIMITS.items);
}

async function unpack(packed: PackedData) {
  const ids = new Set<string>();
  for (const [index, value] of packed.values) {
    const item = (await decodeItemValue(itemKey(DEVICE, index), value, SAMPLE_NOW)) as DataItem;
    for (const id of item.marks.keys()) ids.add(id);
  }
  return ids;
}

describe('packing a device’s marks into its sync items', () => {
  it('3,000 papers with two tags and a read flag fit in the quota, every item within the limits', async () => {
    const own = sampleMarks({ count: 3_000, device: DEVICE });
    const packed = await packOwn({ device: DEVICE, own, budgetBytes: () => SYNC_LIMITS.totalBytes, maxItems: SYNC_LIMITS.items });
    expect(packed.leftOut).toEqual({ papers: 0, notes: 0, titles: 0 });
    expectWithinLimits(packed, SYNC_LIMITS.totalBytes);
    expect(await unpack(packed)).toEqual(new Set(own.keys()));
  });

  it('with titles, marks go first and the titles that do not fit are counted', async () => {
    const own = sampleMarks({ count: 3_000, device: DEVICE, titles: true });
    const packed = await packOwn({ device: DEVICE, own, budgetBytes: () => SYNC_LIMITS.totalBytes, maxItems: SYNC_LIMITS.items });
    expect(packed.leftOut.papers).toBe(0);
    expect(packed.leftOut.titles).toBeGreaterThan(0);
    expect(packed.leftOut.titles).toBeLessThan(3_000);
    expect(packed.want).toBeGreaterThan(SYNC_LIMITS.totalBytes);
    expectWithinLimits(packed, SYNC_LIMITS.totalBytes);
  });

  it('notes are left out before marks; a budget too small for all marks keeps the most recent and counts the rest', async () => {
    const own = sampleMarks({ count: 1_000, device: DEVICE, notes: 0.5 });
    const notesOut = await packOwn({ device: DEVICE, own, budgetBytes: () => 40_000, maxItems: SYNC_LIMITS.items });
    expect(notesOut.leftOut.papers).toBe(0);
    expect(notesOut.leftOut.notes).toBeGreaterThan(0);
    expectWithinLimits(notesOut, 40_000);
    const papersOut = await packOwn({ device: DEVICE, own, budgetBytes: () => 12_000, maxItems: SYNC_LIMITS.items });
    expect(papersOut.leftOut.papers).toBeGreaterThan(0);
    expect(papersOut.leftOut.notes).toBe([...own.values()].filter((marks) => marks.notes.length).length);
    expectWithinLimits(papersOut, 12_000);
    expect((await unpack(papersOut)).size).toBe(1_000 - papersOut.leftOut.papers);
  });

  it('an edit rewrites only the item holding its paper', async () => {
    const own = sampleMarks({ count: 3_000, device: DEVICE });
    const request = { device: DEVICE, budgetBytes: () => SYNC_LIMITS.totalBytes, maxItems: SYNC_LIMITS.items };
    const before = await packOwn({ ...request, own });
    const id = [...own.keys()][1_234]!;
    const edited = new Map(own);
    edited.set(id, { ...own.get(id)!, saved: { stamp: { wall: SAMPLE_NOW / 1000, counter: 0, device: DEVICE }, value: SAMPLE_NOW } });
    const after = await packOwn({ ...request, own: edited, layout: before.layout });
    const changed = [...after.values].filter(([index, value]) => before.values.get(index) !== value);
    expect(changed).toHaveLength(1);
    expect(after.values.size).toBe(before.values.size);
  });

  it('shares the quota by water-filling what each device wants', () => {
    const wants = new Map([['a', 10_000], ['b', 200_000], ['c', 200_000]]);
    expect(shareOfQuota('a', wants, 102_400)).toBe(10_000);
    expect(shareOfQuota('b', wants, 102_400)).toBe(46_200);
    expect(shareOfQuota('c', wants, 102_400)).toBe(46_200);
    expect(shareOfQuota('a', new Map([['a', 500_000]]), 102_400)).toBe(102_400);
  });
});
