/**
 * The replicated marks as JSON, for the engine's own copy in `browser.storage.local` (not for sync: that
 * is `codec.ts`). Reading it back checks the shape; anything else throws and the engine starts over
 * (it then reads the sync area again and takes the library's marks, so nothing is lost).
 */
import { isRecord } from '../paper/sanitize';
import type { Stamp } from './hlc';
import type { Lww, NoteVersion, PaperMarks, PaperMeta } from './marks';

type StampJson = [number, number, string];
type LwwJson<T> = [StampJson, T];
export interface MarksJson {
  x?: StampJson;
  s?: LwwJson<number | null>;
  r?: LwwJson<number | null>;
  t?: [string, StampJson, boolean][];
  n?: [StampJson, string | null, StampJson[]][];
  m?: LwwJson<PaperMeta>;
}

const stampJson = (stamp: Stamp): StampJson => [stamp.wall, stamp.counter, stamp.device];
const lwwJson = <T>(register: Lww<T>): LwwJson<T> => [stampJson(register.stamp), register.value];

export function marksToJson(marks: PaperMarks): MarksJson {
  const json: MarksJson = {};
  if (marks.deleted) json.x = stampJson(marks.deleted);
  if (marks.saved) json.s = lwwJson(marks.saved);
  if (marks.read) json.r = lwwJson(marks.read);
  if (marks.tags.size) json.t = [...marks.tags].map(([tag, register]) => [tag, stampJson(register.stamp), register.value]);
  if (marks.notes.length) json.n = marks.notes.map((version) => [stampJson(version.stamp), version.text, version.covers.map(stampJson)]);
  if (marks.meta) json.m = lwwJson(marks.meta);
  return json;
}

class BadStateJson extends Error {}

function stampFrom(value: unknown): Stamp {
  if (!Array.isArray(value) || value.length !== 3) throw new BadStateJson('stamp');
  const [wall, counter, device] = value as unknown[];
  if (!Number.isSafeInteger(wall) || !Number.isSafeInteger(counter) || typeof device !== 'string') throw new BadStateJson('stamp');
  return { wall: wall as number, counter: counter as number, device };
}

function dateFrom(value: unknown): number | null {
  if (value === null || Number.isSafeInteger(value)) return value as number | null;
  throw new BadStateJson('date');
}

export function marksFromJson(value: unknown): PaperMarks {
  if (!isRecord(value)) throw new BadStateJson('marks');
  const marks: { -readonly [K in keyof PaperMarks]: PaperMarks[K] } = { tags: new Map(), notes: [] };
  if (value.x !== undefined) marks.deleted = stampFrom(value.x);
  const lww = <T>(raw: unknown, read: (v: unknown) => T): Lww<T> => {
    if (!Array.isArray(raw) || raw.length !== 2) throw new BadStateJson('register');
    return { stamp: stampFrom(raw[0]), value: read(raw[1]) };
  };
  if (value.s !== undefined) marks.saved = lww(value.s, dateFrom);
  if (value.r !== undefined) marks.read = lww(value.r, dateFrom);
  if (value.t !== undefined) {
    if (!Array.isArray(value.t)) throw new BadStateJson('tags');
    marks.tags = new Map(
      value.t.map((raw: unknown) => {
        if (!Array.isArray(raw) || typeof raw[0] !== 'string' || typeof raw[2] !== 'boolean') throw new BadStateJson('tag');
        return [raw[0], { stamp: stampFrom(raw[1]), value: raw[2] }] as const;
      }),
    );
  }
  if (value.n !== undefined) {
    if (!Array.isArray(value.n)) throw new BadStateJson('notes');
    marks.notes = value.n.map((raw: unknown): NoteVersion => {
      if (!Array.isArray(raw) || (raw[1] !== null && typeof raw[1] !== 'string') || !Array.isArray(raw[2])) throw new BadStateJson('note');
      return { stamp: stampFrom(raw[0]), text: raw[1] as string | null, covers: (raw[2] as unknown[]).map(stampFrom) };
    });
  }
  if (value.m !== undefined) {
    marks.meta = lww(value.m, (raw): PaperMeta => {
      if (!isRecord(raw) || typeof raw.title !== 'string' || !Array.isArray(raw.authors) || !raw.authors.every((a) => typeof a === 'string')) throw new BadStateJson('meta');
      if (raw.year !== undefined && !Number.isSafeInteger(raw.year)) throw new BadStateJson('meta');
      return raw.year === undefined ? { title: raw.title, authors: raw.authors as string[] } : { title: raw.title, authors: raw.authors as string[], year: raw.year as number };
    });
  }
  return marks;
}
