/**
 * Simulated devices for the sync tests: each has a library (records' user fields), a sync engine and its
 * own copy of the sync area; the test plays the browser's sync engine, carrying each written item to the
 * other devices' copies whenever (and as often) it likes.
 */
import type { LocalApply, LocalRecord } from '@/utils/sync/local-edits';
import { SyncEngine } from '@/utils/sync/engine';

export type Library = Map<string, LocalRecord>;

export interface Delivery {
  readonly from: string;
  readonly set: Readonly<Record<string, string>>;
  readonly remove: readonly string[];
}

export class SimDevice {
  readonly library: Library = new Map();
  readonly area: Record<string, unknown> = {};
  engine: SyncEngine;
  /** Operations an applied remote change gave back (must stay 0: no echo). */
  echoes = 0;

  constructor(
    readonly id: string,
    /** This device's clock error, ms. */
    readonly skew = 0,
  ) {
    this.engine = SyncEngine.create(id);
  }

  now(globalMs: number): number {
    return globalMs + this.skew;
  }

  /** A user edit of one paper's record (undefined: delete it), fed to the engine as the change feed would. */
  edit(id: string, change: ((record: LocalRecord) => LocalRecord | undefined) | LocalRecord | undefined, globalMs: number): number {
    const before = this.library.get(id);
    const after = typeof change === 'function' ? (before ? change(before) : undefined) : change;
    if (after) this.library.set(id, after);
    else this.library.delete(id);
    return this.engine.onLocalChanges([[id, after]], this.now(globalMs));
  }

  /** Writes its items (into its own copy of the area) and returns them for delivery elsewhere. */
  async write(globalMs: number): Promise<Delivery | undefined> {
    const write = await this.engine.itemsToWrite(this.now(globalMs));
    if (!write) return undefined;
    this.receive({ from: this.id, set: write.set, remove: write.remove });
    this.engine.markWritten(write);
    return { from: this.id, set: write.set, remove: write.remove };
  }

  receive(delivery: Delivery): void {
    Object.assign(this.area, delivery.set);
    for (const key of delivery.remove) delete this.area[key];
  }

  /** Reads its copy of the area, applies what changed to its library (and feeds that back, as the feed would). */
  async sync(globalMs: number) {
    const read = await this.engine.readRemote(this.area, this.now(globalMs));
    const applied: string[] = [];
    for (const id of read.changed) {
      const apply = this.engine.planApply(id, this.library.get(id));
      if (!apply) continue;
      applyToLibrary(this.library, apply, globalMs);
      applied.push(id);
    }
    this.echoes += this.engine.onLocalChanges(applied.map((id) => [id, this.library.get(id)] as const), this.now(globalMs));
    return read;
  }
}

export function applyToLibrary(library: Library, apply: LocalApply, _globalMs: number): void {
  if (apply.kind === 'delete') {
    library.delete(apply.id);
    return;
  }
  if (apply.kind === 'create') {
    const meta = apply.meta;
    const record: LocalRecord = { title: meta?.title ?? apply.id, tags: [], ...(meta?.authors.length ? { authors: [...meta.authors] } : {}) };
    library.set(apply.id, withChanges(record, apply.changes));
    return;
  }
  library.set(apply.id, withChanges(library.get(apply.id)!, apply.changes));
}

/** A `Partial<PaperRecord>` as the library writes it: a key set to undefined removes the field. */
function withChanges(record: LocalRecord, changes: Partial<LocalRecord>): LocalRecord {
  const next = { ...record, ...changes } as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete next[key];
  return next as unknown as LocalRecord;
}

/** The user fields of a library, for comparing devices. */
export function userView(library: Library): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [id, record] of [...library].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const marked = record.savedAt !== undefined || record.readAt !== undefined || record.tags.length || record.note !== undefined;
    if (!marked) continue;
    view[id] = { saved: record.savedAt !== undefined, read: record.readAt !== undefined, tags: [...record.tags].sort(), note: record.note };
  }
  return view;
}

/** What the browser's sync ends with: every device's own keys, as its writer last wrote them, everywhere. */
export function deliverAll(devices: readonly SimDevice[]): void {
  for (const writer of devices) {
    const prefix = `d:${writer.id}:`;
    const own = Object.fromEntries(Object.entries(writer.area).filter(([key]) => key.startsWith(prefix)));
    for (const device of devices) {
      if (device === writer) continue;
      for (const key of Object.keys(device.area)) if (key.startsWith(prefix) && !(key in own)) delete device.area[key];
      Object.assign(device.area, own);
    }
  }
}

/** Writes, delivers everything to everyone and reads, until nothing more is written. */
export async function settle(devices: readonly SimDevice[], globalMs: number): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const written = (await Promise.all(devices.map((device) => device.write(globalMs)))).filter((delivery) => delivery !== undefined);
    deliverAll(devices);
    for (const device of devices) await device.sync(globalMs);
    if (!written.length && round > 0) return;
  }
  throw new Error('sync did not settle in 10 rounds');
}
