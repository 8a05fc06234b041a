/**
 * The replicated state of the user's marks, one `PaperMarks` per paper, and its merge. Every field is a
 * register with its own stamp (see `hlc.ts`), so the merge of two states is per register and is
 * commutative, associative and idempotent: devices that have seen the same edits, in any order, any
 * number of times, hold the same marks.
 *
 * | field  | register                          | conflict rule                                                     |
 * |--------|-----------------------------------|-------------------------------------------------------------------|
 * | saved  | last-writer-wins (savedAt or null)| greater stamp wins (wall, counter, device id)                     |
 * | read   | last-writer-wins (readAt or null) | greater stamp wins                                                |
 * | tags   | one last-writer-wins per tag      | per tag: greater stamp wins, so edits to different tags all hold  |
 * | note   | multi-value                       | a version is dropped only by a version written after seeing it;   |
 * |        |                                   | concurrent versions are all kept (shown as a conflict)            |
 * | meta   | last-writer-wins (title, authors, year) | greater stamp wins                                          |
 * | deleted| tombstone stamp (greatest kept)   | erases every register stamped before it; later marks stand        |
 *
 * A paper missing from a state means "nothing known", never "deleted": only a tombstone deletes.
 */
import { compareStamps, maxStamp, type Stamp } from './hlc';

export interface Lww<T> {
  readonly stamp: Stamp;
  readonly value: T;
}

/** One version of a note; `text` null: the note was cleared. */
export interface NoteVersion {
  readonly stamp: Stamp;
  readonly text: string | null;
  /** Per device, the latest note stamp the writer had seen: the versions this one replaces. */
  readonly covers: readonly Stamp[];
}

/** What makes a mark meaningful on a device that never saw the paper. */
export interface PaperMeta {
  readonly title: string;
  /** The first authors (at most `MAX_META_AUTHORS`). */
  readonly authors: readonly string[];
  readonly year?: number;
}

export const MAX_META_AUTHORS = 3;

export interface PaperMarks {
  readonly deleted?: Stamp;
  /** savedAt (epoch ms) or null: not saved. */
  readonly saved?: Lww<number | null>;
  /** readAt (epoch ms) or null: unread. */
  readonly read?: Lww<number | null>;
  /** Per tag: true added, false removed. */
  readonly tags: ReadonlyMap<string, Lww<boolean>>;
  /** The versions no other version replaces, sorted by stamp. */
  readonly notes: readonly NoteVersion[];
  readonly meta?: Lww<PaperMeta>;
}

/** Paper id → marks. */
export type MarksState = Map<string, PaperMarks>;

export const NO_MARKS: PaperMarks = { tags: new Map(), notes: [] };

/** Equal stamps with different values come only from a buggy writer; any fixed choice keeps merges commutative. */
function valueOrder(a: unknown, b: unknown): number {
  const left = JSON.stringify(a) ?? '';
  const right = JSON.stringify(b) ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}

function laterLww<T>(a: Lww<T> | undefined, b: Lww<T> | undefined): Lww<T> | undefined {
  if (!a) return b;
  if (!b) return a;
  const order = compareStamps(a.stamp, b.stamp) || valueOrder(a.value, b.value);
  return order >= 0 ? a : b;
}

export function stampKey(stamp: Stamp): string {
  return `${stamp.wall}.${stamp.counter}.${stamp.device}`;
}

/** Whether `by` was written after its writer had seen `version`. */
function replaces(by: NoteVersion, version: NoteVersion): boolean {
  return by.covers.some((seen) => seen.device === version.stamp.device && compareStamps(seen, version.stamp) >= 0);
}

/** Per device the later of two covers lists; `a` itself when `b` adds nothing. */
function joinCovers(a: readonly Stamp[], b: readonly Stamp[]): readonly Stamp[] {
  const latest = new Map(a.map((stamp) => [stamp.device, stamp]));
  let grew = false;
  for (const stamp of b) {
    const held = latest.get(stamp.device);
    if (!held || compareStamps(stamp, held) > 0) {
      latest.set(stamp.device, stamp);
      grew = true;
    }
  }
  return grew ? [...latest.values()].sort((x, y) => (x.device < y.device ? -1 : 1)) : a;
}

function mergeNotes(a: readonly NoteVersion[], b: readonly NoteVersion[]): NoteVersion[] {
  const byStamp = new Map<string, NoteVersion>();
  for (const version of [...a, ...b]) {
    const key = stampKey(version.stamp);
    const held = byStamp.get(key);
    if (!held) byStamp.set(key, version);
    // The same version seen with more or less of what it replaces: all of it (a buggy writer's two texts: either, fixed).
    else if (held.text === version.text) byStamp.set(key, { ...held, covers: joinCovers(held.covers, version.covers) });
    else if (valueOrder(held.text, version.text) < 0) byStamp.set(key, version);
  }
  // A version that replaces another also replaces what that one replaced: folded in, so the knowledge
  // outlives the replaced version (writers already do this; an old or buggy one may not).
  let all = [...byStamp.values()];
  for (let changed = true; changed; ) {
    changed = false;
    all = all.map((version) => {
      let covers = version.covers;
      for (const other of all) if (other !== version && replaces(version, other)) covers = joinCovers(covers, other.covers);
      if (covers === version.covers) return version;
      changed = true;
      return { ...version, covers };
    });
  }
  return all.filter((version) => !all.some((other) => other !== version && replaces(other, version))).sort((x, y) => compareStamps(x.stamp, y.stamp));
}

function before(stamp: Stamp, deleted: Stamp | undefined): boolean {
  return deleted !== undefined && compareStamps(stamp, deleted) < 0;
}

/** Drops every register stamped before the tombstone: a deletion erases what was there when it was made. */
export function withoutErased(marks: PaperMarks): PaperMarks {
  const { deleted } = marks;
  if (!deleted) return marks;
  const tags = new Map([...marks.tags].filter(([, register]) => !before(register.stamp, deleted)));
  const pruned: { -readonly [K in keyof PaperMarks]: PaperMarks[K] } = {
    deleted,
    tags,
    // What a surviving version replaced before the tombstone is erased anyway: forgotten, so every device holds the same covers.
    notes: marks.notes
      .filter((version) => !before(version.stamp, deleted))
      .map((version) => (version.covers.some((seen) => before(seen, deleted)) ? { ...version, covers: version.covers.filter((seen) => !before(seen, deleted)) } : version)),
  };
  if (marks.saved && !before(marks.saved.stamp, deleted)) pruned.saved = marks.saved;
  if (marks.read && !before(marks.read.stamp, deleted)) pruned.read = marks.read;
  if (marks.meta && !before(marks.meta.stamp, deleted)) pruned.meta = marks.meta;
  return pruned;
}

export function mergeMarks(a: PaperMarks, b: PaperMarks): PaperMarks {
  const tags = new Map(a.tags);
  for (const [tag, register] of b.tags) tags.set(tag, laterLww(tags.get(tag), register)!);
  const merged: { -readonly [K in keyof PaperMarks]: PaperMarks[K] } = { tags, notes: mergeNotes(a.notes, b.notes) };
  const deleted = maxStamp(a.deleted, b.deleted);
  if (deleted) merged.deleted = deleted;
  const saved = laterLww(a.saved, b.saved);
  if (saved) merged.saved = saved;
  const read = laterLww(a.read, b.read);
  if (read) merged.read = read;
  const meta = laterLww(a.meta, b.meta);
  if (meta) merged.meta = meta;
  return withoutErased(merged);
}

function sameStamp(a: Stamp | undefined, b: Stamp | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && compareStamps(a, b) === 0);
}

/** Same registers at the same stamps (stamps identify values: see `valueOrder`). */
export function sameMarks(a: PaperMarks, b: PaperMarks): boolean {
  if (!sameStamp(a.deleted, b.deleted) || !sameStamp(a.saved?.stamp, b.saved?.stamp) || !sameStamp(a.read?.stamp, b.read?.stamp)) return false;
  if (!sameStamp(a.meta?.stamp, b.meta?.stamp) || a.tags.size !== b.tags.size || a.notes.length !== b.notes.length) return false;
  for (const [tag, register] of a.tags) if (!sameStamp(register.stamp, b.tags.get(tag)?.stamp)) return false;
  return a.notes.every((version, at) => sameStamp(version.stamp, b.notes[at]!.stamp));
}

/** Merges `incoming` into `state` in place; returns the ids whose marks changed. */
export function mergeInto(state: MarksState, incoming: ReadonlyMap<string, PaperMarks>): string[] {
  const changed: string[] = [];
  for (const [id, marks] of incoming) {
    const held = state.get(id);
    const merged = mergeMarks(held ?? NO_MARKS, marks);
    if (!held || !sameMarks(held, merged)) {
      state.set(id, merged);
      changed.push(id);
    }
  }
  return changed;
}

/** Every stamp in the marks (registers, note versions, tombstone), for clocks and filters. */
export function stampsOf(marks: PaperMarks): Stamp[] {
  const stamps: Stamp[] = [];
  if (marks.deleted) stamps.push(marks.deleted);
  if (marks.saved) stamps.push(marks.saved.stamp);
  if (marks.read) stamps.push(marks.read.stamp);
  if (marks.meta) stamps.push(marks.meta.stamp);
  for (const register of marks.tags.values()) stamps.push(register.stamp);
  for (const version of marks.notes) stamps.push(version.stamp);
  return stamps;
}

/** Only the registers `keep` accepts (e.g. those one device wrote: what that device puts in its sync items). */
export function filterRegisters(marks: PaperMarks, keep: (stamp: Stamp) => boolean): PaperMarks {
  const part: { -readonly [K in keyof PaperMarks]: PaperMarks[K] } = {
    tags: new Map([...marks.tags].filter(([, register]) => keep(register.stamp))),
    notes: marks.notes.filter((version) => keep(version.stamp)),
  };
  if (marks.deleted && keep(marks.deleted)) part.deleted = marks.deleted;
  if (marks.saved && keep(marks.saved.stamp)) part.saved = marks.saved;
  if (marks.read && keep(marks.read.stamp)) part.read = marks.read;
  if (marks.meta && keep(marks.meta.stamp)) part.meta = marks.meta;
  return part;
}

export function hasRegisters(marks: PaperMarks): boolean {
  return stampsOf(marks).length > 0;
}

/** A change the user made to one paper, to be stamped (`stampOps`). */
export type MarkOp =
  | { readonly kind: 'saved'; readonly value: number | null }
  | { readonly kind: 'read'; readonly value: number | null }
  | { readonly kind: 'tag'; readonly tag: string; readonly present: boolean }
  | { readonly kind: 'note'; readonly text: string | null }
  | { readonly kind: 'meta'; readonly meta: PaperMeta }
  | { readonly kind: 'delete' };

/** What a new note version covers: everything its writer holds (the versions and all they covered). */
function coversOf(notes: readonly NoteVersion[]): Stamp[] {
  const latest = new Map<string, Stamp>();
  for (const version of notes) {
    for (const stamp of [version.stamp, ...version.covers]) latest.set(stamp.device, maxStamp<Stamp | undefined>(latest.get(stamp.device), stamp)!);
  }
  return [...latest.values()].sort((a, b) => (a.device < b.device ? -1 : 1));
}

/** Dates travel in whole seconds (shorter); rounded here so every device holds the same value. */
function wholeSecond(at: number | null): number | null {
  return at === null ? null : Math.floor(at / 1000) * 1000;
}

/** The marks of `ops` made at `stamp` by a device holding `current`, ready to merge into the state. */
export function stampOps(ops: readonly MarkOp[], stamp: Stamp, current: PaperMarks = NO_MARKS): PaperMarks {
  const delta: { -readonly [K in keyof PaperMarks]: PaperMarks[K] } = { tags: new Map(), notes: [] };
  const tags = new Map<string, Lww<boolean>>();
  for (const op of ops) {
    if (op.kind === 'delete') delta.deleted = stamp;
    else if (op.kind === 'saved') delta.saved = { stamp, value: wholeSecond(op.value) };
    else if (op.kind === 'read') delta.read = { stamp, value: wholeSecond(op.value) };
    else if (op.kind === 'meta') delta.meta = { stamp, value: op.meta };
    else if (op.kind === 'tag') tags.set(op.tag, { stamp, value: op.present });
    else delta.notes = [{ stamp, text: op.text, covers: coversOf(current.notes) }];
  }
  delta.tags = tags;
  return delta;
}
