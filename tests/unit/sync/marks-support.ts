/** Builders and a canonical form of marks for the sync tests. */
import fc from 'fast-check';
import { compareStamps, type Stamp } from '@/utils/sync/hlc';
import type { NoteVersion, PaperMarks } from '@/utils/sync/marks';
import { marksToJson } from '@/utils/sync/state-json';

export const BASE_WALL = Date.UTC(2026, 10, 1) / 1000;

export function stamp(offset: number, device = 'aaaa', counter = 0): Stamp {
  return { wall: BASE_WALL + offset, counter, device };
}

/** JSON of marks with tags and note versions in a fixed order, for equality. */
export function canonical(marks: PaperMarks): unknown {
  const json = marksToJson(marks);
  json.t?.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return json;
}

const devices = ['aaaa', 'bbbb', 'cccc'];
const stampArb = fc.record({ wall: fc.integer({ min: BASE_WALL, max: BASE_WALL + 20 }), counter: fc.nat(2), device: fc.constantFrom(...devices) });

/** Random marks whose registers are the writes of a few devices (equal stamps may carry different values: a buggy writer). */
export const marksArb: fc.Arbitrary<PaperMarks> = fc
  .record({
    deleted: fc.option(stampArb, { nil: undefined }),
    saved: fc.option(fc.record({ stamp: stampArb, value: fc.option(fc.constantFrom(BASE_WALL * 1000, (BASE_WALL + 5) * 1000), { nil: null }) }), { nil: undefined }),
    read: fc.option(fc.record({ stamp: stampArb, value: fc.option(fc.constant(BASE_WALL * 1000), { nil: null }) }), { nil: undefined }),
    tags: fc.array(fc.tuple(fc.constantFrom('ml', 'vision', 'to-read'), fc.record({ stamp: stampArb, value: fc.boolean() })), { maxLength: 3 }),
    notes: fc.array(
      fc.record({ stamp: stampArb, text: fc.option(fc.constantFrom('one', 'two'), { nil: null }), covers: fc.uniqueArray(stampArb, { selector: (s) => s.device, maxLength: 2 }) }),
      { maxLength: 3 },
    ),
  })
  .map(({ deleted, saved, read, tags, notes }) => {
    // A version covers only what its writer had seen: stamps before its own (the decoder refuses others).
    const valid = notes.map((version): NoteVersion => ({ ...version, covers: version.covers.filter((seen) => compareStamps(seen, version.stamp) < 0) }));
    const marks: { -readonly [K in keyof PaperMarks]: PaperMarks[K] } = { tags: new Map(tags), notes: valid };
    if (deleted) marks.deleted = deleted;
    if (saved) marks.saved = saved;
    if (read) marks.read = read;
    return marks;
  });
