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
import { compareIds, encodeDataText, encodeHeadText, type HeadItem, type LeftOut, sortIds } from './codec';
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

/** How big entries are: plain text per paper, and what compression makes of it (measured on the whole). */
interface Sizing {
  readonly sizes: ReadonlyMap<string, number>;
  readonly ratio: number;
  /** Plain text of an item's own header (stamp base, device and tag dictionaries), at most. */
  readonly header: number;
}

async function measure(device: string, marks: ReadonlyMap<string, PaperMarks>, compress: boolean): Promise<Sizing> {
  const sizes = new Map<string, number>();
  const text = encodeDataText(device, marks, sizes);
  const entries = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  const plain = itemBytes('', `1t${text}`);
  const ratio = compress && marks.size ? Math.min(1, itemBytes('', await itemValue(text, true)) / plain) : 1;
  return { sizes, ratio, header: Math.max(0, text.length - entries) };
}

/** Splits sorted `ids` into values of at most `ITEM_LIMIT` bytes, filling each item (sized by `sizing`, checked by encoding). */
async function fill(device: string, ids: readonly string[], marks: ReadonlyMap<string, PaperMarks>, sizing: Sizing, compress: boolean): Promise<{ ids: string[]; value: string }[]> {
  const runs: { ids: string[]; value: string }[] = [];
  const target = (ITEM_LIMIT * 0.95) / sizing.ratio - sizing.header;
  const key = itemKey(device, 511);
  let start = 0;
  while (start < ids.length) {
    let end = start;
    let plain = 0;
    while (end < ids.length && (end === start || plain + (sizing.sizes.get(ids[end]!) ?? 64) <= target)) plain += sizing.sizes.get(ids[end++]!) ?? 64;
    let value = await encodeRun(device, ids.slice(start, end), marks, compress);
    while (end - start > 1 && itemBytes(key, value) > ITEM_LIMIT) {
      end = start + Math.max(1, Math.floor((end - start) * 0.9));
      value = await encodeRun(device, ids.slice(start, end), marks, compress);
    }
    // One paper larger than an item (notes that long are left out before packing) cannot travel.
    if (itemBytes(key, value) > ITEM_LIMIT) throw new RangeError(`paper ${ids[start]} alone is larger than a sync item`);
    runs.push({ ids: ids.slice(start, end), value });
    start = end;
  }
  return runs;
}

/** Packs `marks` into runs that keep the keys of `layout` where they can. */
async function packRuns(device: string, marks: ReadonlyMap<string, PaperMarks>, layout: readonly RunStart[], sizing: Sizing, compress: boolean) {
  const ids = sortIds(marks.keys());
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
    const runs = await fill(device, group.ids, marks, sizing, compress);
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

type Packing = Awaited<ReturnType<typeof packRuns>>;

export async function packOwn(request: PackRequest): Promise<PackedData> {
  const { device, own, layout = [], compress = true } = request;
  const dataItems = request.maxItems - 1;

  // Notes larger than half an item never travel (the note limit is 20,000 characters; an item 8,192 bytes).
  const travels = (marks: PaperMarks): PaperMarks => {
    const notes = marks.notes.filter((version) => (version.text?.length ?? 0) <= ITEM_LIMIT / 2);
    return notes.length === marks.notes.length ? marks : { ...marks, notes };
  };
  const full = new Map([...own].map(([id, marks]) => [id, travels(marks)]));
  const tooLargeNotes = [...own.values()].reduce((sum, marks) => sum + marks.notes.length, 0) - [...full.values()].reduce((sum, marks) => sum + marks.notes.length, 0);
  const sizing = await measure(device, full, compress);
  const tryPack = (marks: ReadonlyMap<string, PaperMarks>) => packRuns(device, marks, layout, sizing, compress);
  const whole = await tryPack(full);
  const want = whole.bytes + HEAD_RESERVE;
  const dataBudget = request.budgetBytes(want) - HEAD_RESERVE;
  const fits = (packed: Packing) => packed.bytes <= dataBudget && packed.values.size <= dataItems;
  if (fits(whole)) return { ...whole, want, leftOut: { papers: 0, notes: tooLargeNotes, titles: 0 } };

  // Each level adds to the one before what fits of it, in its order: an estimate from the entries'
  // sizes, then packed for real and cut until it fits.
  const level = async (base: ReadonlyMap<string, PaperMarks>, basePacked: Packing, order: readonly string[], add: (marks: PaperMarks, id: string) => PaperMarks) => {
    const baseSizes = new Map<string, number>();
    encodeDataText(device, base, baseSizes);
    const added = new Map(order.map((id) => [id, add(base.get(id) ?? { tags: new Map(), notes: [] }, id)]));
    const addedSizes = new Map<string, number>();
    encodeDataText(device, added, addedSizes);
    let room = (dataBudget - basePacked.bytes) / sizing.ratio;
    let count = 0;
    while (count < order.length) {
      const id = order[count]!;
      room -= (addedSizes.get(id) ?? 0) - (baseSizes.get(id) ?? 0);
      if (room < 0) break;
      count++;
    }
    for (;;) {
      const chosen = new Map(base);
      for (const id of order.slice(0, count)) chosen.set(id, added.get(id)!);
      const packed = count ? await tryPack(chosen) : basePacked;
      if (fits(packed) || count === 0) return { count, chosen, packed };
      // Cut by how far over its room the real packing came (bytes grow about linearly with what is added),
      // a little under, and by 5% at least: 3 packs where 5% steps took 6 (titles of 3,000 papers, the sample of tests/bench/sync.ts).
      const over = (packed.bytes - basePacked.bytes) / Math.max(1, dataBudget - basePacked.bytes);
      count = Math.min(count - 1, Math.floor(count * 0.95), Math.floor((count / Math.max(over, 1)) * 0.98));
    }
  };

  // Marks first: tombstones, then the most recently marked papers.
  const core = new Map<string, PaperMarks>();
  for (const [id, marks] of full) {
    const part = noNotesNoMeta(marks);
    if (hasRegisters(part)) core.set(id, part);
  }
  const coreOrder = byRecency([...core].map(([id, marks]) => [id, marks.deleted ? { wall: Infinity, counter: 0, device: '' } : latest(marks)]));
  const empty: Packing = { values: new Map(), layout: [], bytes: 0 };
  const marks = await level(new Map(), empty, coreOrder, (_, id) => core.get(id)!);

  const noteOrder = byRecency([...full].filter(([, paper]) => paper.notes.length).map(([id, paper]) => [id, paper.notes.at(-1)!.stamp]));
  const notes = marks.count < coreOrder.length ? { ...marks, count: 0 } : await level(marks.chosen, marks.packed, noteOrder, (paper, id) => ({ ...paper, notes: full.get(id)!.notes }));

  const metaOrder = byRecency([...full].filter(([id, paper]) => paper.meta && notes.chosen.has(id)).map(([id, paper]) => [id, paper.meta!.stamp]));
  const titles = notes.count < noteOrder.length ? { ...notes, count: 0 } : await level(notes.chosen, notes.packed, metaOrder, (paper, id) => ({ ...paper, meta: full.get(id)!.meta }));

  const noteVersions = (ids: readonly string[]) => ids.reduce((sum, id) => sum + full.get(id)!.notes.length, 0);
  return {
    ...titles.packed,
    want,
    leftOut: {
      papers: coreOrder.length - marks.count,
      notes: tooLargeNotes + noteVersions(noteOrder.slice(notes.count)),
      titles: [...full.values()].filter((paper) => paper.meta).length - titles.count,
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
