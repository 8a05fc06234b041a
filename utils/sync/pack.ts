/**
 * Packing one device's own registers into its sync items, within its share of the quota.
 *
 * What goes first when room is short: the marks themselves (deleted, saved, read, tags; tombstones first,
 * then the papers marked most recently), then notes (most recent first), then titles (metadata, most
 * recent first). What does not fit is counted (`LeftOut`) and stays on this device: nothing is ever
 * dropped from the library for lack of sync room.
 *
 * Fewest writes: papers are kept in id runs, one data item each, and a run keeps its key from one pack to
 * the next (`layout`), so an edit rewrites the one item holding its paper (plus the head); a run that
 * outgrows an item splits, the new part taking a free key.
 */
import type { Stamp } from './hlc';
import { compareStamps } from './hlc';
import { compareIds, encodeDataText, encodeHeadText, type HeadItem, type LeftOut } from './codec';
import { itemBytes, itemKey, itemValue, SYNC_LIMITS, valueHash } from './items';
import { filterRegisters, hasRegisters, type PaperMarks, stampsOf } from './marks';

/** One data item's run: its key index and the first paper id it holds. */
export interface RunStart {
  readonly index: number;
  readonly first: string;
}

export interface PackRequest {
  readonly device: string;
  /** This device's own registers per paper (`ownRegisters`). */
  readonly own: ReadonlyMap<string, PaperMarks>;
  /** Bytes this device may use, its head included, given the bytes it wants (see `shareOfQuota`). */
  readonly budgetBytes: (want: number) => number;
  /** Items this device may use, its head included. */
  readonly maxItems: number;
  /** The runs of the last pack, to keep papers under the same keys. */
  readonly layout?: readonly RunStart[];
  /** Deflate items when that is shorter (on unless measuring). */
  readonly compress?: boolean;
}

export interface PackedData {
  /** Key index (1…) → value. */
  readonly values: ReadonlyMap<number, string>;
  readonly layout: RunStart[];
  /** Bytes of the data items, keys included. */
  readonly bytes: number;
  /** Bytes the device's items would take with every mark, note and title (head room included): what it asks of the quota. */
  readonly want: number;
  readonly leftOut: LeftOut;
}

/** Room kept for the head item (its hashes, acks and counts): a head of 40 items and 8 devices stays under it. */
export const HEAD_RESERVE = 640;
/** Room kept in each data item for rounding and the key (a full item is never exactly at the limit). */
const ITEM_LIMIT = SYNC_LIMITS.itemBytes - 64;

/** The registers a device writes: its own, for the papers where it has any. */
export function ownRegisters(state: ReadonlyMap<string, PaperMarks>, device: string): Map<string, PaperMarks> {
  const own = new Map<string, PaperMarks>();
  const mine = (stamp: Stamp) => stamp.device === device;
  for (const [id, marks] of state) {
    const part = filterRegisters(marks, mine);
    if (hasRegisters(part)) own.set(id, part);
  }
  return own;
}

/**
 * Water-filling the quota between devices by what each wants: a device wanting less than an even share
 * gets what it wants, the rest is shared evenly among the others. Every device computes the same shares
 * from the heads it reads.
 */
export function shareOfQuota(device: string, wants: ReadonlyMap<string, number>, total: number = SYNC_LIMITS.totalBytes): number {
  const sorted = [...wants].sort(([, a], [, b]) => a - b);
  let left = total;
  for (let at = 0; at < sorted.length; at++) {
    const [name, want] = sorted[at]!;
    const even = Math.floor(left / (sorted.length - at));
    const share = Math.min(want, even);
    if (name === device) return share;
    left -= share;
  }
  return left;
}

const noNotesNoMeta = (marks: PaperMarks): PaperMarks => ({ ...marks, notes: [], meta: undefined });

function latest(marks: PaperMarks): Stamp | undefined {
  return stampsOf(marks).reduce<Stamp | undefined>((best, stamp) => (!best || compareStamps(stamp, best) > 0 ? stamp : best), undefined);
}

function byRecency(entries: [string, Stamp | undefined][]): string[] {
  return entries.sort(([, a], [, b]) => (a && b ? compareStamps(b, a) : a ? -1 : b ? 1 : 0)).map(([id]) => id);
}

async function encodeRun(device: string, ids: readonly string[], marks: ReadonlyMap<string, PaperMarks>, compress: boolean): Promise<string> {
  return itemValue(encodeDataText(device, new Map(ids.map((id) => [id, marks.get(id)!]))), compress);
}

/** Splits sorted `ids` into values of at most `ITEM_LIMIT` bytes, filling each item. */
async function fill(device: string, ids: readonly string[], marks: ReadonlyMap<string, PaperMarks>, compress: boolean): Promise<{ ids: string[]; value: string }[]> {
  const runs: { ids: string[]; value: string }[] = [];
  let rest = [...ids];
  while (rest.length) {
    const whole = await encodeRun(device, rest, marks, compress);
    const size = itemBytes(itemKey(device, 511), whole);
    if (size <= ITEM_LIMIT) {
      runs.push({ ids: rest, value: whole });
      break;
    }
    let count = Math.max(1, Math.floor((rest.length * ITEM_LIMIT * 0.95) / size));
    let value = await encodeRun(device, rest.slice(0, count), marks, compress);
    while (count > 1 && itemBytes(itemKey(device, 511), value) > ITEM_LIMIT) {
      count = Math.max(1, Math.floor(count * 0.9));
      value = await encodeRun(device, rest.slice(0, count), marks, compress);
    }
    // One paper larger than an item (a 20,000-character note) cannot travel: the caller left notes out first.
    if (itemBytes(itemKey(device, 511), value) > ITEM_LIMIT) throw new RangeError(`paper ${rest[0]} alone is larger than a sync item`);
    runs.push({ ids: rest.slice(0, count), value });
    rest = rest.slice(count);
  }
  return runs;
}

/** Packs `marks` into runs that keep the keys of `layout` where they can. */
async function packRuns(device: string, marks: ReadonlyMap<string, PaperMarks>, layout: readonly RunStart[], compress: boolean) {
  const ids = [...marks.keys()].sort(compareIds);
  const starts = [...layout].sort((a, b) => compareIds(a.first, b.first));
  // Each id goes to the last run starting at or before it (ids before the first run join the first).
  const groups: { index?: number; ids: string[] }[] = starts.length ? starts.map((start) => ({ index: start.index, ids: [] })) : [{ ids: [] }];
  let run = 0;
  for (const id of ids) {
    while (run + 1 < starts.length && compareIds(starts[run + 1]!.first, id) <= 0) run++;
    groups[run]!.ids.push(id);
  }
  const used = new Set<number>();
  const placed: { index?: number; ids: string[]; value: string }[] = [];
  for (const group of groups) {
    if (!group.ids.length) continue;
    const runs = await fill(device, group.ids, marks, compress);
    runs.forEach((filled, at) => {
      const index = at === 0 ? group.index : undefined;
      if (index !== undefined) used.add(index);
      placed.push({ ...filled, index });
    });
  }
  let free = 1;
  const values = new Map<number, string>();
  const newLayout: RunStart[] = [];
  let bytes = 0;
  for (const item of placed) {
    let index = item.index;
    if (index === undefined) {
      while (used.has(free)) free++;
      index = free;
      used.add(index);
    }
    values.set(index, item.value);
    newLayout.push({ index, first: item.ids[0]! });
    bytes += itemBytes(itemKey(device, index), item.value);
  }
  return { values, layout: newLayout, bytes };
}

/** The largest `count` in [0, n] for which `fits(count)` holds (`fits` is monotone, `fits(0)` holds). */
async function largest(n: number, fits: (count: number) => Promise<boolean>): Promise<number> {
  if (await fits(n)) return n;
  let low = 0;
  let high = n;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

export async function packOwn(request: PackRequest): Promise<PackedData> {
  const { device, own, layout = [], compress = true } = request;
  const dataItems = request.maxItems - 1;
  const tryPack = (marks: ReadonlyMap<string, PaperMarks>) => packRuns(device, marks, layout, compress);
  let dataBudget = Infinity;
  const fitsBudget = (packed: { values: ReadonlyMap<number, string>; bytes: number }) => packed.bytes <= dataBudget && packed.values.size <= dataItems;

  // Notes larger than an item never travel (the note limit is 20,000 characters; an item 8,192 bytes).
  const travels = (marks: PaperMarks): PaperMarks => {
    const notes = marks.notes.filter((version) => (version.text?.length ?? 0) <= ITEM_LIMIT / 2);
    return notes.length === marks.notes.length ? marks : { ...marks, notes };
  };
  const full = new Map([...own].map(([id, marks]) => [id, travels(marks)]));
  const tooLargeNotes = [...own.values()].reduce((sum, marks) => sum + marks.notes.length, 0) - [...full.values()].reduce((sum, marks) => sum + marks.notes.length, 0);
  const whole = await tryPack(full);
  dataBudget = request.budgetBytes(whole.bytes + HEAD_RESERVE) - HEAD_RESERVE;
  if (fitsBudget(whole)) return { ...whole, want: whole.bytes + HEAD_RESERVE, leftOut: { papers: 0, notes: tooLargeNotes, titles: 0 } };

  // Marks first: tombstones, then the most recently marked papers.
  const core = new Map<string, PaperMarks>();
  for (const [id, marks] of full) {
    const part = noNotesNoMeta(marks);
    if (hasRegisters(part)) core.set(id, part);
  }
  const coreOrder = byRecency([...core].map(([id, marks]) => [id, marks.deleted ? { wall: Infinity, counter: 0, device: '' } : latest(marks)]));
  const pick = (count: number, order: readonly string[], base: ReadonlyMap<string, PaperMarks>, add: (id: string, marks: PaperMarks) => PaperMarks) => {
    const chosen = new Map(base);
    for (const id of order.slice(0, count)) chosen.set(id, add(id, chosen.get(id) ?? { tags: new Map(), notes: [] }));
    return chosen;
  };
  const withCore = (count: number) => pick(count, coreOrder, new Map(), (id) => core.get(id)!);
  const coreCount = await largest(coreOrder.length, async (count) => fitsBudget(await tryPack(withCore(count))));
  const chosenCore = withCore(coreCount);

  const noteOrder = byRecency([...full].filter(([, marks]) => marks.notes.length).map(([id, marks]) => [id, marks.notes.at(-1)!.stamp]));
  const withNotes = (count: number) => pick(count, noteOrder, chosenCore, (id, marks) => ({ ...marks, notes: full.get(id)!.notes }));
  const noteCount = coreCount < coreOrder.length ? 0 : await largest(noteOrder.length, async (count) => fitsBudget(await tryPack(withNotes(count))));
  const chosenNotes = withNotes(noteCount);

  const metaOrder = byRecency([...full].filter(([id, marks]) => marks.meta && chosenNotes.has(id)).map(([id, marks]) => [id, marks.meta!.stamp]));
  const withMeta = (count: number) => pick(count, metaOrder, chosenNotes, (id, marks) => ({ ...marks, meta: full.get(id)!.meta }));
  const metaCount = noteCount < noteOrder.length ? 0 : await largest(metaOrder.length, async (count) => fitsBudget(await tryPack(withMeta(count))));
  const packed = await tryPack(withMeta(metaCount));
  const noteVersions = (ids: readonly string[]) => ids.reduce((sum, id) => sum + full.get(id)!.notes.length, 0);
  return {
    ...packed,
    want: whole.bytes + HEAD_RESERVE,
    leftOut: {
      papers: coreOrder.length - coreCount,
      notes: tooLargeNotes + noteVersions(noteOrder.slice(noteCount)),
      titles: [...full.values()].filter((marks) => marks.meta).length - metaCount,
    },
  };
}

/** The head item's value for a pack (`hashes` by key index 1…; a gap, a key not used, hashes as `0`). */
export async function headValue(head: Omit<HeadItem, 'kind' | 'hashes'>, values: ReadonlyMap<number, string>, compress = true): Promise<string> {
  const last = Math.max(0, ...values.keys());
  const hashes = Array.from({ length: last }, (_, at) => {
    const value = values.get(at + 1);
    return value === undefined ? '0' : valueHash(value);
  });
  return itemValue(encodeHeadText({ kind: 'head', ...head, hashes }), compress);
}
