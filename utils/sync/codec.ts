/**
 * The text of one sync item (format 1): a device's own registers for a run of papers, compact and
 * self-contained (each item has its own tag dictionary and stamp base, so any item can be read alone).
 * `decodeItemText` trusts nothing: the sync area is written by every device of the user, old or buggy
 * ones included. Anything wrong throws a `SyncFormatError` with the reason, so an item is used whole or not at all.
 *
 * Numbers are base 36, strings `<length>'<text>`, stamps seconds after the item's base [`.`counter].
 *   head    base,gen,want,<n>{,hash},<n>{,device:stamp or !}(acks),papers,notes,titles (left out)
 *   data    base,<n>{,device},<n>{,tag}|entry{;entry}     entry = id field+
 *   id      new-style ids as the difference from the previous one (`2501.01234` is 2501·10⁵+1234);
 *           old-style ids as `/` string
 *   stamp   of the item's device, or `=` (the entry's previous stamp); other devices' as device:stamp
 *   fields  X stamp (deleted) · S/U stamp (saved/unsaved) · R/Q stamp (read/unread), saved and read with
 *           `~`seconds before the stamp when the date is not the stamp's · T/V tag:stamp (added/removed) ·
 *           N stamp *n{,device:stamp} then `/`text or `!` (note version, what it covers, text or cleared) ·
 *           M stamp /year /title *n{/author} (metadata)
 * No character of the format is one JSON escapes (`"`, `\`, `<` in Chrome), so an item costs its length.
 */
import { parseArxivId } from '../paper/arxiv-id';
import { MAX_NOTE_LENGTH, normalizeNote } from '../paper/note';
import { cleanText, LIMITS } from '../paper/sanitize';
import { normalizeTag } from '../paper/tags';
import { acceptable, compareStamps, MAX_CLOCK_LEAD_S, type Stamp } from './hlc';
import { MAX_META_AUTHORS, type Lww, type NoteVersion, type PaperMarks, type PaperMeta } from './marks';

export const FORMAT_VERSION = 1;

/**
 * Item 0 of a device: what its items hold as a whole. Rewritten with every write of the device (a new
 * generation); a data item is rewritten only when its papers changed.
 */
export interface HeadItem {
  readonly kind: 'head';
  /** The writer's clock when it wrote: every own register it holds is stamped at or before it. */
  readonly gen: Stamp;
  /** The bytes the device's marks would take in full: what it asks of the shared quota. */
  readonly want: number;
  /** Per data item 1…n, a hash of its value: a reader knows when it holds all of one generation. */
  readonly hashes: readonly string[];
  /**
   * The other devices this one knows (has seen the head of), each with the generation of its items this
   * one has merged in full (null: none yet). Tombstone clean-up waits for these; a device merges another's
   * items only once that one lists it here.
   */
  readonly acks: ReadonlyMap<string, Stamp | null>;
  /** What did not fit in sync on this device (shown in Settings of every device). */
  readonly leftOut: LeftOut;
}

export interface LeftOut {
  /** Papers none of whose marks fit. */
  readonly papers: number;
  readonly notes: number;
  readonly titles: number;
}

/** Items 1…n: the writer's own registers for a run of papers (by `compareIds`). */
export interface DataItem {
  readonly kind: 'data';
  readonly marks: ReadonlyMap<string, PaperMarks>;
}

export type DeviceItem = HeadItem | DataItem;

export class SyncFormatError extends Error {}

/** Stamps before this are no real edit (the format is from 2026): a wall near 0 is a broken clock. */
const MIN_WALL = Date.UTC(2024, 0, 1) / 1000;
/** Saved and read dates may be older (imported from an older tool): not before arXiv. */
const MIN_DATE = Date.UTC(1991, 0, 1) / 1000;
const MAX_COUNTER = 1_000_000;
const MAX_DICTIONARY = 2_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

// ---------- ids ----------

/** `2501.01234` → 250101234; old-style ids → undefined. */
function idNumber(id: string): number | undefined {
  const match = /^(\d{4})\.(\d{4,5})$/.exec(id);
  return match ? Number(match[1]) * 100_000 + Number(match[2]) : undefined;
}

function idFromNumber(value: number): string {
  const yymm = Math.floor(value / 100_000);
  const serial = value % 100_000;
  return `${String(yymm).padStart(4, '0')}.${String(serial).padStart(yymm >= 1501 ? 5 : 4, '0')}`;
}

/** `ids` in `compareIds` order (each id parsed once). */
export function sortIds(ids: Iterable<string>): string[] {
  return [...ids]
    .map((id) => ({ id, number: idNumber(id) }))
    .sort((a, b) => (a.number !== undefined && b.number !== undefined ? a.number - b.number : a.number !== undefined ? -1 : b.number !== undefined ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ id }) => id);
}

/** The order items keep papers in: new-style ids by number, then old-style ids. */
export function compareIds(a: string, b: string): number {
  const x = idNumber(a);
  const y = idNumber(b);
  if (x !== undefined && y !== undefined) return x - y;
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------- writing ----------

class TextWriter {
  private readonly parts: string[] = [];
  length = 0;
  raw(text: string): this {
    this.parts.push(text);
    this.length += text.length;
    return this;
  }
  num(value: number): this {
    return this.raw(value < 0 ? `-${(-value).toString(36)}` : value.toString(36));
  }
  str(text: string): this {
    return this.raw(`${text.length.toString(36)}'${text}`);
  }
  toString(): string {
    return this.parts.join('');
  }
}

function dataStamps(marks: ReadonlyMap<string, PaperMarks>): Stamp[] {
  const stamps: Stamp[] = [];
  for (const entry of marks.values()) {
    for (const register of [entry.deleted, entry.saved?.stamp, entry.read?.stamp, entry.meta?.stamp]) if (register) stamps.push(register);
    for (const register of entry.tags.values()) stamps.push(register.stamp);
    for (const version of entry.notes) stamps.push(version.stamp, ...version.covers);
  }
  return stamps;
}

function stampWriter(writer: TextWriter, base: number) {
  return (stamp: Stamp) => {
    writer.num(stamp.wall - base);
    if (stamp.counter) writer.raw('.').num(stamp.counter);
  };
}

export function encodeHeadText(head: HeadItem): string {
  const base = Math.min(head.gen.wall, ...[...head.acks.values()].flatMap((stamp) => (stamp ? [stamp.wall] : [])));
  const writer = new TextWriter();
  const stamp = stampWriter(writer, base);
  writer.num(base).raw(',');
  stamp(head.gen);
  writer.raw(',').num(head.want).raw(',').num(head.hashes.length);
  for (const hash of head.hashes) writer.raw(',').raw(hash);
  writer.raw(',').num(head.acks.size);
  for (const [device, at] of head.acks) {
    writer.raw(',').str(device).raw(':');
    if (at) stamp(at);
    else writer.raw('!');
  }
  writer.raw(',').num(head.leftOut.papers).raw(',').num(head.leftOut.notes).raw(',').num(head.leftOut.titles);
  return writer.toString();
}

/**
 * The text of a data item of `device`: every register in `marks` must be the device's own. `entrySizes`,
 * when given, receives each paper's share of the text (for estimating how many fit in an item).
 */
export function encodeDataText(device: string, marks: ReadonlyMap<string, PaperMarks>, entrySizes?: Map<string, number>): string {
  const base = Math.min(...dataStamps(marks).map((stamp) => stamp.wall));
  const devices = new Map<string, number>([[device, 0]]);
  const tags = new Map<string, number>();
  const deviceIndex = (other: string) => devices.get(other) ?? devices.set(other, devices.size).get(other)!;
  const tagIndex = (tag: string) => tags.get(tag) ?? tags.set(tag, tags.size).get(tag)!;

  const body = new TextWriter();
  const stampOf = stampWriter(body, base);
  const ids = sortIds(marks.keys());
  let previous = 0;
  let written = 0;
  ids.forEach((id, at) => {
    if (at) body.raw(';');
    const number = idNumber(id);
    if (number === undefined) body.raw('/').str(id);
    else {
      body.num(number - previous);
      previous = number;
    }
    const entry = marks.get(id)!;
    let last: Stamp | undefined;
    const own = (stamp: Stamp) => {
      if (stamp.device !== device) throw new Error(`An item of ${device} holds a register of ${stamp.device}`);
      if (last && last.wall === stamp.wall && last.counter === stamp.counter) body.raw('=');
      else stampOf(stamp);
      last = stamp;
    };
    const dated = (on: string, off: string, register: Lww<number | null> | undefined) => {
      if (!register) return;
      body.raw(register.value === null ? off : on);
      own(register.stamp);
      if (register.value !== null) {
        const early = register.stamp.wall - Math.floor(register.value / 1000);
        if (early) body.raw('~').num(early);
      }
    };
    if (entry.deleted) {
      body.raw('X');
      own(entry.deleted);
    }
    dated('S', 'U', entry.saved);
    dated('R', 'Q', entry.read);
    for (const [tag, register] of entry.tags) {
      body.raw(register.value ? 'T' : 'V').num(tagIndex(tag)).raw(':');
      own(register.stamp);
    }
    for (const version of entry.notes) {
      body.raw('N');
      own(version.stamp);
      body.raw('*').num(version.covers.length);
      for (const covered of version.covers) {
        body.raw(',').num(deviceIndex(covered.device)).raw(':');
        stampOf(covered);
      }
      if (version.text === null) body.raw('!');
      else body.raw('/').str(version.text);
    }
    if (entry.meta) {
      const meta = entry.meta.value;
      body.raw('M');
      own(entry.meta.stamp);
      body.raw('/');
      if (meta.year !== undefined) body.num(meta.year);
      body.raw('/').str(meta.title).raw('*').num(meta.authors.length);
      for (const author of meta.authors) body.raw('/').str(author);
    }
    if (entrySizes) {
      entrySizes.set(id, body.length - written);
      written = body.length;
    }
  });

  const head = new TextWriter();
  head.num(base).raw(',').num(devices.size - 1);
  for (const other of [...devices.keys()].slice(1)) head.raw(',').str(other);
  head.raw(',').num(tags.size);
  for (const tag of tags.keys()) head.raw(',').str(tag);
  return `${head.toString()}|${body.toString()}`;
}

// ---------- reading ----------

class TextReader {
  at = 0;
  constructor(private readonly text: string) {}
  fail(what: string): never {
    throw new SyncFormatError(`${what} at ${this.at}`);
  }
  done(): boolean {
    return this.at >= this.text.length;
  }
  peek(): string {
    return this.text[this.at] ?? '';
  }
  take(char: string): boolean {
    if (this.text[this.at] !== char) return false;
    this.at++;
    return true;
  }
  expect(char: string): void {
    if (!this.take(char)) this.fail(`expected ${char}`);
  }
  num(): number {
    const negative = this.take('-');
    const start = this.at;
    while (/[0-9a-z]/.test(this.peek())) this.at++;
    // 10 base-36 digits pass 2⁵³: no number of the format is that large.
    if (this.at === start || this.at - start > 10) this.fail('bad number');
    const value = parseInt(this.text.slice(start, this.at), 36);
    return negative ? -value : value;
  }
  count(max: number): number {
    const value = this.num();
    if (value < 0 || value > max) this.fail('bad count');
    return value;
  }
  str(max: number): string {
    const length = this.count(max);
    this.expect("'");
    if (this.at + length > this.text.length) this.fail('string past the end');
    const value = this.text.slice(this.at, this.at + length);
    this.at += length;
    return value;
  }
}

const DEVICE_ID = /^[0-9a-z]{4,16}$/;

export function isDeviceId(value: string): boolean {
  return DEVICE_ID.test(value);
}

function checked<T>(value: T | undefined, ok: boolean, what: string, reader: TextReader): T {
  if (!ok || value === undefined) reader.fail(what);
  return value;
}

/**
 * Reads item `index` written by `device` (both from its key). `nowMs`: this device's clock, for stamps
 * from a clock too far ahead (see `hlc.ts`).
 */
export function decodeItemText(text: string, device: string, index: number, nowMs: number): DeviceItem {
  const reader = new TextReader(text);
  const base = reader.num();
  if (base < MIN_WALL) reader.fail('stamp base before 2024');
  const stampFor = (owner: string): Stamp => {
    const wall = base + reader.num();
    const counter = reader.take('.') ? reader.count(MAX_COUNTER) : 0;
    const stamp = { wall, counter, device: owner };
    if (wall < base) reader.fail('stamp before its base');
    if (!acceptable(stamp, nowMs)) throw new SyncFormatError(`clock ahead: a stamp ${Math.round((wall * 1000 - nowMs) / 3_600_000)} h past this device's clock`);
    return stamp;
  };
  reader.expect(',');
  if (index === 0) {
    const gen = stampFor(device);
    reader.expect(',');
    const want = reader.count(Number.MAX_SAFE_INTEGER);
    reader.expect(',');
    const hashes: string[] = [];
    const hashCount = reader.count(511);
    for (let i = 0; i < hashCount; i++) {
      reader.expect(',');
      const start = reader.at;
      reader.num();
      hashes.push(text.slice(start, reader.at));
    }
    reader.expect(',');
    const acks = new Map<string, Stamp | null>();
    const ackCount = reader.count(64);
    for (let i = 0; i < ackCount; i++) {
      reader.expect(',');
      const other = reader.str(16);
      reader.expect(':');
      if (!isDeviceId(other) || other === device || acks.has(other)) reader.fail('bad ack');
      acks.set(other, reader.take('!') ? null : stampFor(other));
    }
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      reader.expect(',');
      counts.push(reader.count(1_000_000));
    }
    if (!reader.done()) reader.fail('text after the head');
    const [papers, notes, titles] = counts as [number, number, number];
    return { kind: 'head', gen, want, hashes, acks, leftOut: { papers, notes, titles } };
  }
  const devices = [device];
  const deviceCount = reader.count(64);
  for (let i = 0; i < deviceCount; i++) {
    reader.expect(',');
    const other = reader.str(16);
    if (!isDeviceId(other) || devices.includes(other)) reader.fail('bad device id');
    devices.push(other);
  }
  reader.expect(',');
  const tags: string[] = [];
  const tagCount = reader.count(MAX_DICTIONARY);
  for (let i = 0; i < tagCount; i++) {
    reader.expect(',');
    const tag = reader.str(64);
    if (normalizeTag(tag) !== tag) reader.fail('bad tag');
    tags.push(tag);
  }
  reader.expect('|');

  const marks = new Map<string, PaperMarks>();
  let previous = 0;
  while (!reader.done()) {
    if (marks.size) reader.expect(';');
    let id: string;
    if (reader.take('/')) id = reader.str(40);
    else {
      previous += reader.num();
      id = idFromNumber(previous);
    }
    const parsed = parseArxivId(id);
    if (!parsed || parsed.id !== id || parsed.version !== undefined || marks.has(id)) reader.fail('bad paper id');
    marks.set(id, readEntry(reader, device, devices, tags, stampFor));
  }
  return { kind: 'data', marks };
}

function readEntry(reader: TextReader, device: string, devices: string[], tags: string[], stampFor: (owner: string) => Stamp): PaperMarks {
  let last: Stamp | undefined;
  const own = (): Stamp => {
    if (reader.take('=')) return last ?? reader.fail('no previous stamp');
    last = stampFor(device);
    return last;
  };
  const dated = (present: boolean): Lww<number | null> => {
    const stamp = own();
    if (!present) return { stamp, value: null };
    const early = reader.take('~') ? reader.num() : 0;
    const value = (stamp.wall - early) * 1000;
    // A date may follow its stamp by the clock bound (a record dated by a clock a little ahead), no more.
    if (value / 1000 < MIN_DATE || value / 1000 > stamp.wall + MAX_CLOCK_LEAD_S) reader.fail('bad date');
    return { stamp, value };
  };
  const entry: { -readonly [K in keyof PaperMarks]: PaperMarks[K] } = { tags: new Map(), notes: [] };
  const tagRegisters = new Map<string, Lww<boolean>>();
  const notes: NoteVersion[] = [];
  const once = (taken: unknown) => {
    if (taken !== undefined) reader.fail('a field twice');
  };
  for (;;) {
    const code = reader.peek();
    if (!/[XSURQTVNM]/.test(code) || !code) break;
    reader.at++;
    if (code === 'X') {
      once(entry.deleted);
      entry.deleted = own();
    } else if (code === 'S' || code === 'U') {
      once(entry.saved);
      entry.saved = dated(code === 'S');
    } else if (code === 'R' || code === 'Q') {
      once(entry.read);
      entry.read = dated(code === 'R');
    } else if (code === 'T' || code === 'V') {
      const tag = checked(tags[reader.num()], true, 'unknown tag', reader);
      reader.expect(':');
      if (tagRegisters.has(tag)) reader.fail('a tag twice');
      tagRegisters.set(tag, { stamp: own(), value: code === 'T' });
    } else if (code === 'N') {
      const stamp = own();
      reader.expect('*');
      const covers: Stamp[] = [];
      const coverCount = reader.count(devices.length);
      for (let i = 0; i < coverCount; i++) {
        reader.expect(',');
        const owner = checked(devices[reader.num()], true, 'unknown device', reader);
        reader.expect(':');
        if (covers.some((covered) => covered.device === owner)) reader.fail('a device twice in a note');
        const covered = stampFor(owner);
        // A version replaces only what its writer had seen, all stamped before it: a merge relies on it.
        if (compareStamps(covered, stamp) >= 0) reader.fail('a note covering a later stamp');
        covers.push(covered);
      }
      let text: string | null = null;
      if (!reader.take('!')) {
        reader.expect('/');
        text = reader.str(MAX_NOTE_LENGTH);
        if (normalizeNote(text) !== text) reader.fail('bad note');
      }
      if (notes.some((version) => version.stamp.wall === stamp.wall && version.stamp.counter === stamp.counter)) reader.fail('a note version twice');
      notes.push({ stamp, text, covers: covers.sort((a, b) => (a.device < b.device ? -1 : 1)) });
    } else {
      once(entry.meta);
      const stamp = own();
      reader.expect('/');
      const year = /[0-9a-z]/.test(reader.peek()) ? reader.num() : undefined;
      if (year !== undefined && (year < MIN_YEAR || year > MAX_YEAR)) reader.fail('bad year');
      reader.expect('/');
      const title = reader.str(LIMITS.title);
      if (cleanText(title, LIMITS.title) !== title) reader.fail('bad title');
      reader.expect('*');
      const authors: string[] = [];
      const authorCount = reader.count(MAX_META_AUTHORS);
      for (let i = 0; i < authorCount; i++) {
        reader.expect('/');
        const author = reader.str(LIMITS.authorName);
        if (cleanText(author, LIMITS.authorName) !== author) reader.fail('bad author');
        authors.push(author);
      }
      const meta: PaperMeta = year === undefined ? { title, authors } : { title, authors, year };
      entry.meta = { stamp, value: meta };
    }
  }
  entry.tags = tagRegisters;
  entry.notes = notes;
  if (!entry.deleted && !entry.saved && !entry.read && !entry.meta && !tagRegisters.size && !notes.length) reader.fail('empty entry');
  return entry;
}
