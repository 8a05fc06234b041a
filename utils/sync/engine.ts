/**
 * The sync engine's pure core: the replicated marks of one device and the three things the background
 * does with them. No browser API here: the caller reads and writes `browser.storage.sync`, persists
 * `toJSON()` in `browser.storage.local`, and writes the library through utils/library/feed/write.ts.
 *
 *   const engine = SyncEngine.restore(saved) ?? SyncEngine.create(newDeviceId());
 *   engine.onLocalChanges([[id, recordOrUndefined], …], Date.now());    // from the change feed, first
 *   const read = await engine.readRemote(await browser.storage.sync.get(null), Date.now());
 *   for (const id of read.changed) { const apply = engine.planApply(id, await db.papers.get(id)); … }
 *   const write = await engine.itemsToWrite(Date.now());
 *   if (write) { await browser.storage.sync.set(write.set); await browser.storage.sync.remove(write.remove); engine.markWritten(write); }
 *
 * Order matters: when sync is turned on, feed every marked paper of the library to `onLocalChanges`
 * before the first `readRemote`, or the remote marks would overwrite the library's unsynced ones; feed
 * only changes of the user's fields (`LibraryChange.user`), and apply `readRemote`'s changes before feeding
 * more (a record read before a remote deletion was applied would stamp its old marks anew). Writes: each
 * flush is two write operations (set, remove); debounce flushes (e.g. 10 s) to stay far under Chrome's
 * 120 a minute and 1,800 an hour. After a failed `set` (quota), read the area again and ask again.
 *
 * Membership: a device merges another device's items only once its own head (item 0) is in the area
 * (`writeFirst`) and the other's head lists it (the other has seen its head). So a device holding
 * another's marks is always one whose ack that other's tombstone clean-up waits for (a device must
 * not remove its keys and keep its state: turning sync off keeps the keys, or starts over with `create`).
 *
 * Tombstone clean-up: a tombstone is kept by its author's items for at least 30 days and until (a) every other device whose head
 * is in the sync area acknowledges a generation of the author's items at or past it (it has merged them,
 * so it has dropped what the tombstone erased), and (b) no item in the sync area still holds a register
 * of that paper stamped before it. A device offline for a month keeps both from holding, so when it
 * comes back its old marks meet the tombstone and stay erased (no resurrection); its own stale state,
 * missing entries, erases nothing (only tombstones delete, and they erase only what is older). A device
 * that never comes back keeps its tombstones alive (a few bytes each) until its items are removed.
 * Devices other than the author keep a tombstone in their local copy only (never synced by them).
 */
import { SyncFormatError, type HeadItem, type LeftOut } from './codec';
import { compareStamps, HybridClock, type Stamp } from './hlc';
import { itemBytes, ITEM_KEY_PREFIX, itemKey, parseItemKey, SYNC_LIMITS, decodeItemValue, valueHash } from './items';
import { type LocalApply, type LocalRecord, opsFromRecord, planApply } from './local-edits';
import { mergeInto, type MarksState, type PaperMarks, stampOps, stampsOf } from './marks';
import { headValue, ownRegisters, packOwn, type RunStart, shareOfQuota } from './pack';
import { type MarksJson, marksFromJson, marksToJson } from './state-json';

/** A sync item not applied, and why (for Stats). */
export interface IgnoredItem {
  readonly key: string;
  readonly device?: string;
  readonly reason: string;
}

/** A device seen in the sync area (for Settings). */
export interface DeviceSeen {
  readonly device: string;
  /** Epoch ms of its last write (its generation's wall time). */
  readonly lastWriteAt?: number;
  readonly items: number;
  readonly bytes: number;
  readonly leftOut?: LeftOut;
}

export interface RemoteRead {
  /** Papers whose marks changed: ask `planApply` for each. */
  readonly changed: string[];
  readonly ignored: IgnoredItem[];
  readonly devices: DeviceSeen[];
  /** Bytes used in the sync area by every device, of `SYNC_LIMITS.totalBytes`. */
  readonly bytesUsed: number;
  /** This device's head is not in the area yet, so nothing was merged: write (`itemsToWrite`), then read again. */
  readonly writeFirst: boolean;
}

export interface SyncWrite {
  /** `browser.storage.sync.set(set)` */
  readonly set: Record<string, string>;
  /** `browser.storage.sync.remove(remove)` */
  readonly remove: string[];
  /** This device's bytes once written, and its share of the quota. */
  readonly bytes: number;
  readonly budget: number;
  /** What did not fit in sync (it stays in the library): "412 notes don't fit in browser sync". */
  readonly leftOut: LeftOut;
}

interface Remote {
  /** Every value in the sync area under a Paperdex key, by key, as last read. */
  values: Map<string, unknown>;
  heads: Map<string, HeadItem>;
  /** The registers each item in the area holds, by key (for the tombstone rule). */
  data: Map<string, ReadonlyMap<string, PaperMarks>>;
}

/**
 * A tombstone lives at least this long, for a device whose head has not reached the author yet (sync
 * turned on while offline): such a device's older marks on a paper deleted meanwhile come back if it stays
 * unknown longer than this. A known device, however long offline, is waited for (see the acks).
 */
export const TOMBSTONE_MIN_AGE_MS = 30 * 24 * 3_600_000;

/** Room left free in the quota for the writes of other devices that this one has not read yet. */
const QUOTA_MARGIN = 2_048;

export class SyncEngine {
  private readonly clock: HybridClock;
  private readonly state: MarksState;
  /** Per other device, the latest generation of its items merged in full. */
  private readonly acks: Map<string, Stamp | null>;
  private layout: RunStart[];
  private remote: Remote = { values: new Map(), heads: new Map(), data: new Map() };
  /** The generation of the head last written: a head rebuilt with it and equal to the area's means nothing to write. */
  private lastGen: Stamp | undefined;

  private constructor(device: string, clock: { wall: number; counter: number }, state: MarksState, acks: Map<string, Stamp | null>, layout: RunStart[]) {
    this.clock = new HybridClock(device, clock);
    this.state = state;
    this.acks = acks;
    this.layout = layout;
  }

  static create(device: string): SyncEngine {
    return new SyncEngine(device, { wall: 0, counter: 0 }, new Map(), new Map(), []);
  }

  /** The engine saved by `toJSON`; undefined when `saved` is missing or damaged (then `create` one). */
  static restore(saved: unknown): SyncEngine | undefined {
    try {
      const json = saved as ReturnType<SyncEngine['toJSON']>;
      if (json?.v !== 1 || typeof json.device !== 'string') return undefined;
      const state: MarksState = new Map(json.marks.map(([id, marks]) => [id, marksFromJson(marks)]));
      const acks = new Map(json.acks.map(([device, wall, counter]) => [device, wall === undefined ? null : { wall, counter: counter!, device }]));
      return new SyncEngine(json.device, json.clock, state, acks, json.layout);
    } catch {
      return undefined;
    }
  }

  toJSON(): { v: 1; device: string; clock: { wall: number; counter: number }; marks: [string, MarksJson][]; acks: [string, number?, number?][]; layout: RunStart[] } {
    return {
      v: 1,
      device: this.clock.device,
      clock: this.clock.last,
      marks: [...this.state].map(([id, marks]) => [id, marksToJson(marks)]),
      acks: [...this.acks].map(([device, stamp]): [string, number?, number?] => (stamp ? [device, stamp.wall, stamp.counter] : [device])),
      layout: this.layout,
    };
  }

  /** The latest stamp this device issued or took in (the stamp of the last local edit, right after it). */
  get latestStamp(): Stamp {
    return { ...this.clock.last, device: this.device };
  }

  get device(): string {
    return this.clock.device;
  }

  /** The merged marks of a paper (read-only). */
  marksOf(id: string): PaperMarks | undefined {
    return this.state.get(id);
  }

  get paperCount(): number {
    return this.state.size;
  }

  /** Every paper the marks know: for a full reconcile (`planApply` each), e.g. after the library was rebuilt. */
  paperIds(): string[] {
    return [...this.state.keys()];
  }

  /**
   * Papers changed in the library (from the change feed): each id with its record as it is now, or
   * undefined when it was deleted. Stamps what differs from the marks, as one batch. Returns the number
   * of papers whose marks changed (0 for an echo of a remote change just applied).
   */
  onLocalChanges(changes: Iterable<readonly [string, LocalRecord | undefined]>, nowMs: number): number {
    let stamp: Stamp | undefined;
    let changed = 0;
    for (const [id, record] of changes) {
      const current = this.state.get(id);
      const ops = opsFromRecord(record, current);
      if (!ops.length) continue;
      stamp ??= this.clock.tick(nowMs);
      changed += mergeInto(this.state, new Map([[id, stampOps(ops, stamp, current)]])).length;
    }
    return changed;
  }

  /**
   * Reads the whole sync area (`browser.storage.sync.get(null)`) and merges every valid item. An item
   * that is damaged, from a newer format, hostile or stamped by a clock too far ahead is ignored whole,
   * with its reason; it never throws for what the area holds.
   */
  async readRemote(area: Readonly<Record<string, unknown>>, nowMs: number): Promise<RemoteRead> {
    const ignored: IgnoredItem[] = [];
    const remote: Remote = { values: new Map(), heads: new Map(), data: new Map() };
    const changed = new Set<string>();
    for (const key of Object.keys(area)) {
      if (!key.startsWith(ITEM_KEY_PREFIX)) continue;
      const value = area[key];
      remote.values.set(key, value);
      const owner = parseItemKey(key);
      try {
        const item = await decodeItemValue(key, value, nowMs);
        if (item.kind === 'head') remote.heads.set(owner!.device, item);
        else remote.data.set(key, item.marks);
      } catch (error) {
        ignored.push({ key, ...(owner ? { device: owner.device } : {}), reason: error instanceof SyncFormatError ? error.message : `unreadable: ${String(error)}` });
      }
    }
    this.remote = remote;
    // Another device's items are merged only once its head lists this device (it knows this one, so its
    // tombstones wait for this one's ack), and this device's own head is in the area.
    const merging = remote.heads.has(this.device);
    if (merging) {
      for (const device of remote.heads.keys()) if (device !== this.device && !this.acks.has(device)) this.acks.set(device, null);
      for (const [key, marks] of remote.data) {
        if (!this.knownBy(parseItemKey(key)!.device)) continue;
        for (const id of mergeInto(this.state, marks)) changed.add(id);
        for (const paper of marks.values()) for (const stamp of stampsOf(paper)) this.clock.receive(stamp, nowMs);
      }
      this.takeAcks();
      this.collectTombstones(nowMs);
    }
    return { changed: [...changed], ignored, devices: this.devicesSeen(), bytesUsed: this.bytesOf(() => true), writeFirst: !merging };
  }

  /** Whether `device`'s items may be merged here: its own, or those of a device whose head lists this one. */
  private knownBy(device: string): boolean {
    return device === this.device || this.remote.heads.get(device)?.acks.has(this.device) === true;
  }

  /** A device's generation counts as merged once every data item its head names is here, as named, and merged. */
  private takeAcks(): void {
    for (const [device, head] of this.remote.heads) {
      if (device === this.device || !this.knownBy(device)) continue;
      const whole = head.hashes.every((hash, at) => {
        const key = itemKey(device, at + 1);
        const value = this.remote.values.get(key);
        return hash === '0' ? value === undefined : typeof value === 'string' && valueHash(value) === hash && this.remote.data.has(key);
      });
      const held = this.acks.get(device);
      if (whole && (!held || compareStamps(head.gen, held) > 0)) this.acks.set(device, head.gen);
    }
  }

  /** Drops this device's tombstones that every device has merged and nothing in the area still needs. */
  private collectTombstones(nowMs: number): void {
    const others = [...this.remote.heads].filter(([device]) => device !== this.device);
    for (const [id, marks] of this.state) {
      const deleted = marks.deleted;
      if (!deleted || deleted.device !== this.device || deleted.wall * 1000 > nowMs - TOMBSTONE_MIN_AGE_MS) continue;
      if (!others.every(([, head]) => { const ack = head.acks.get(this.device); return ack !== undefined && ack !== null && compareStamps(ack, deleted) >= 0; })) continue;
      const stillHeld = [...this.remote.data.values()].some((data) => {
        const held = data.get(id);
        return held !== undefined && stampsOf(held).some((stamp) => compareStamps(stamp, deleted) < 0);
      });
      if (stillHeld) continue;
      const { deleted: _gone, ...rest } = marks;
      if (stampsOf(rest as PaperMarks).length) this.state.set(id, rest as PaperMarks);
      else this.state.delete(id);
    }
  }

  private bytesOf(include: (device: string) => boolean): number {
    let bytes = 0;
    for (const [key, value] of this.remote.values) {
      const owner = parseItemKey(key);
      if (!owner || include(owner.device)) bytes += itemBytes(key, value);
    }
    return bytes;
  }

  private devicesSeen(): DeviceSeen[] {
    const devices = new Map<string, { items: number; bytes: number }>();
    for (const [key, value] of this.remote.values) {
      const owner = parseItemKey(key);
      if (!owner) continue;
      const seen = devices.get(owner.device) ?? { items: 0, bytes: 0 };
      seen.items++;
      seen.bytes += itemBytes(key, value);
      devices.set(owner.device, seen);
    }
    return [...devices].map(([device, seen]) => {
      const head = this.remote.heads.get(device);
      return { device, ...seen, ...(head ? { lastWriteAt: head.gen.wall * 1000, leftOut: head.leftOut } : {}) };
    });
  }

  /** What to write into the library for one paper of `RemoteRead.changed` (undefined: nothing). */
  planApply(id: string, record: LocalRecord | undefined): LocalApply | undefined {
    const marks = this.state.get(id);
    return marks ? planApply(id, marks, record) : undefined;
  }

  /**
   * The items to write for this device's marks: only those whose value changed (and the head), and the
   * keys it no longer uses. Undefined when the area already holds them. Call `markWritten` once written;
   * after a failed write (quota), read the area again and ask again.
   */
  async itemsToWrite(nowMs: number): Promise<SyncWrite | undefined> {
    const device = this.device;
    const othersBytes = this.bytesOf((owner) => owner !== device);
    const othersItems = [...this.remote.values.keys()].filter((key) => parseItemKey(key)?.device !== device).length;
    const wants = new Map([...this.remote.heads].filter(([owner]) => owner !== device).map(([owner, head]) => [owner, head.want]));
    let budget = 0;
    const packed = await packOwn({
      device,
      own: ownRegisters(this.state, device),
      budgetBytes: (want) => {
        budget = Math.min(shareOfQuota(device, new Map([...wants, [device, want]]), SYNC_LIMITS.totalBytes - QUOTA_MARGIN), SYNC_LIMITS.totalBytes - QUOTA_MARGIN - othersBytes);
        return budget;
      },
      maxItems: SYNC_LIMITS.items - othersItems,
      layout: this.layout,
    });
    const set: Record<string, string> = {};
    const ownKeys = new Set([...this.remote.values.keys()].filter((key) => parseItemKey(key)?.device === device && key !== itemKey(device, 0)));
    for (const [index, value] of packed.values) {
      const key = itemKey(device, index);
      ownKeys.delete(key);
      if (this.remote.values.get(key) !== value) set[key] = value;
    }
    const remove = [...ownKeys];
    const acks = this.acksToPublish(Object.keys(set).length > 0 || remove.length > 0);
    const headOf = (gen: Stamp) => headValue({ gen, want: packed.want, acks, leftOut: packed.leftOut }, packed.values);
    const current = this.remote.values.get(itemKey(device, 0));
    // The head changes only with the items: same items, acks and counts → same head, no write.
    const unchanged = !Object.keys(set).length && !remove.length && this.lastGen && typeof current === 'string' && current === (await headOf(this.lastGen));
    if (unchanged) return undefined;
    const gen = this.clock.tick(nowMs);
    const head = await headOf(gen);
    set[itemKey(device, 0)] = head;
    this.pendingLayout = packed.layout;
    this.pendingHead = { kind: 'head', gen, want: packed.want, acks, leftOut: packed.leftOut, hashes: [] };
    this.lastGen = gen;
    const bytes = packed.bytes + itemBytes(itemKey(device, 0), head);
    return { set, remove, bytes, budget, leftOut: packed.leftOut };
  }

  private pendingLayout: RunStart[] | undefined;
  private pendingHead: HeadItem | undefined;

  /**
   * The acks for the head. An ack alone is worth a write only to a device waiting for it: one not listed
   * yet, or one whose items hold a tombstone past the ack last published. Otherwise two devices would ack
   * each other's heads forever. When items are written anyway, every ack rides along.
   */
  private acksToPublish(writing: boolean): Map<string, Stamp | null> {
    const published = new Map(this.remote.heads.get(this.device)?.acks ?? []);
    for (const [device, ack] of this.acks) {
      const last = published.get(device);
      // A device not listed yet waits to merge this one's items: list it.
      if (writing || last === undefined || this.waitsForAck(device, last)) published.set(device, ack);
    }
    return new Map([...published].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  private waitsForAck(device: string, last: Stamp | null | undefined): boolean {
    for (const [key, data] of this.remote.data) {
      if (parseItemKey(key)?.device !== device) continue;
      for (const marks of data.values()) if (marks.deleted && (!last || compareStamps(marks.deleted, last) > 0)) return true;
    }
    return false;
  }

  /** The write of `itemsToWrite` succeeded: the area now holds it. */
  markWritten(write: SyncWrite): void {
    for (const [key, value] of Object.entries(write.set)) this.remote.values.set(key, value);
    for (const key of write.remove) this.remote.values.delete(key);
    if (this.pendingHead) this.remote.heads.set(this.device, this.pendingHead);
    this.pendingHead = undefined;
    if (this.pendingLayout) this.layout = this.pendingLayout;
    this.pendingLayout = undefined;
  }
}

/** A new device id: 8 random base-36 characters (keys stay short; collisions between a user's devices are negligible). */
export function newDeviceId(random: () => number = Math.random): string {
  let id = '';
  while (id.length < 8) id += Math.floor(random() * 36).toString(36);
  return id;
}
