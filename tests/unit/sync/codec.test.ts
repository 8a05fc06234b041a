import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeNote } from '@/utils/paper/note';
import { cleanText } from '@/utils/paper/sanitize';
import { normalizeTag } from '@/utils/paper/tags';
import { decodeItemText, type DataItem, encodeDataText, encodeHeadText, type HeadItem, SyncFormatError } from '@/utils/sync/codec';
import { deflateToBase64 } from '@/utils/sync/compress';
import { decodeItemValue, itemBytes, itemKey, itemValue } from '@/utils/sync/items';
import { compareStamps } from '@/utils/sync/hlc';
import type { NoteVersion, PaperMarks } from '@/utils/sync/marks';
import { BASE_WALL, canonical, stamp } from './marks-support';

const DEVICE = 'dev0aaaa';
const NOW = (BASE_WALL + 3_600) * 1000;

const ownStamp = fc.record({ wall: fc.integer({ min: BASE_WALL - 400 * 86_400, max: BASE_WALL }), counter: fc.nat(40), device: fc.constant(DEVICE) });
const otherStamp = fc.record({ wall: fc.integer({ min: BASE_WALL - 400 * 86_400, max: BASE_WALL - 400 * 86_400 + 10 }), counter: fc.nat(3), device: fc.constantFrom('dev1bbbb', 'dev2cccc') });
const idArb = fc.oneof(
  fc.tuple(fc.integer({ min: 7, max: 26 }), fc.integer({ min: 1, max: 12 }), fc.nat(9_999)).map(([yy, mm, n]) => `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}.${String(n).padStart(yy * 100 + mm >= 1501 ? 5 : 4, '0')}`).filter((id) => Number(id.slice(0, 4)) >= 704),
  fc.constantFrom('hep-th/9901001', 'math.GT/0309136'),
);
// Text with what JSON and the format must survive: quotes, backslashes, `<`, line breaks, astral characters.
const text = fc.string({ unit: fc.constantFrom('a', 'é', '"', '\\', '<', "'", '|', ';', '\n', '😀', ' ', 'Z', '~'), maxLength: 40 });
const entry: fc.Arbitrary<PaperMarks> = fc
  .record({
    deleted: fc.option(ownStamp, { nil: undefined }),
    // A date is at most its stamp (a clock a little ahead may give one up to a day later: the decoder's bound).
    saved: fc.option(ownStamp.chain((at) => fc.record({ stamp: fc.constant(at), value: fc.option(fc.integer({ min: at.wall - 900 * 86_400, max: at.wall + 86_400 }).map((s) => s * 1000), { nil: null }) })), { nil: undefined }),
    read: fc.option(fc.record({ stamp: ownStamp, value: fc.constant(null) }), { nil: undefined }),
    tags: fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).map((t) => normalizeTag(t) ?? 'tag'), fc.record({ stamp: ownStamp, value: fc.boolean() })), { selector: ([tag]) => tag, maxLength: 4 }),
    note: fc.option(fc.record({ stamp: ownStamp, text: fc.option(text.map((t) => normalizeNote(t) ?? 'note'), { nil: null }), covers: fc.uniqueArray(otherStamp, { selector: (s) => s.device, maxLength: 2 }) }), { nil: undefined }),
    meta: fc.option(fc.record({ stamp: ownStamp, value: fc.record({ title: text.map((t) => cleanText(t, 1000) ?? 'Title'), authors: fc.array(text.map((t) => cleanText(t, 200) ?? 'X'), { maxLength: 3 }), year: fc.option(fc.integer({ min: 1990, max: 2030 }), { nil: undefined }) }) }), { nil: undefined }),
  })
  .map(({ deleted, saved, read, tags, note, meta }) => {
    const marks: { -readonly [K in keyof PaperMarks]: PaperMarks[K] } = { tags: new Map(tags), notes: note ? [{ ...note, covers: note.covers.filter((seen) => compareStamps(seen, note.stamp) < 0).sort((x, y) => (x.device < y.device ? -1 : 1)) } as NoteVersion] : [] };
    if (deleted) marks.deleted = deleted;
    if (saved) marks.saved = saved;
    if (read) marks.read = read;
    if (meta) marks.meta = meta.value.year === undefined ? { stamp: meta.stamp, value: { title: meta.value.title, authors: meta.value.authors } } : meta;
    if (!deleted && !saved && !read && !tags.length && !note && !meta) marks.deleted = stamp(0, DEVICE);
    return marks;
  });
const dataArb = fc.uniqueArray(fc.tuple(idArb, entry), { selector: ([id]) => id, minLength: 1, maxLength: 30 }).map((entries) => new Map(entries));

const asCanonical = (marks: ReadonlyMap<string, PaperMarks>) => new Map([...marks].map(([id, m]) => [id, canonical(m)]));

describe('sync item codec', () => {
  it('reads back every data item it writes, plain and compressed', async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, fc.boolean(), async (marks, compress) => {
        const value = await itemValue(encodeDataText(DEVICE, marks), compress);
        const item = (await decodeItemValue(itemKey(DEVICE, 3), value, NOW)) as DataItem;
        expect(item.kind).toBe('data');
        expect(asCanonical(item.marks)).toEqual(asCanonical(marks));
      }),
      { numRuns: 200 },
    );
  });

  it('reads back a head', () => {
    const head: HeadItem = { kind: 'head', gen: stamp(9, DEVICE, 2), want: 40_000, hashes: ['abc', '0'], acks: new Map([['dev1bbbb', stamp(-50, 'dev1bbbb')], ['dev2cccc', null]]), leftOut: { papers: 1, notes: 412, titles: 3 } };
    expect(decodeItemText(encodeHeadText(head), DEVICE, 0, NOW)).toEqual(head);
  });

  it('counts what Chrome counts: UTF-8 bytes of key and JSON, `<` as \\u003C', () => {
    expect(itemBytes('k', 'ab')).toBe(1 + 4);
    expect(itemBytes('k', 'é')).toBe(1 + 4);
    expect(itemBytes('k', '<')).toBe(1 + 8);
    expect(itemBytes('k', '"')).toBe(1 + 4);
  });

  it('writes no character JSON escapes in its own syntax: a tag-and-date item costs its length', async () => {
    const marks = new Map([['2501.01234', { tags: new Map([['ml', { stamp: stamp(1, DEVICE), value: true }]]), notes: [], read: { stamp: stamp(2, DEVICE), value: (BASE_WALL - 5) * 1000 } }]]);
    const value = await itemValue(encodeDataText(DEVICE, marks), false);
    expect(JSON.stringify(value).length).toBe(value.length + 2);
  });
});

describe('sync item validation: one item used whole or not at all, with a reason', () => {
  const good = () => encodeDataText(DEVICE, new Map([['2501.01234', { tags: new Map([['ml', { stamp: stamp(1, DEVICE), value: true }]]), notes: [] }]]));
  const reason = async (key: string, value: unknown) => {
    try {
      await decodeItemValue(key, value, NOW);
      return 'accepted';
    } catch (error) {
      expect(error).toBeInstanceOf(SyncFormatError);
      return (error as Error).message;
    }
  };

  it('refuses newer and unknown formats, wrong types, other keys', async () => {
    expect(await reason(itemKey(DEVICE, 1), `1t${good()}`)).toBe('accepted');
    expect(await reason(itemKey(DEVICE, 1), `2t${good()}`)).toMatch(/format 2 is newer/);
    expect(await reason(itemKey(DEVICE, 1), { v: 1 })).toMatch(/not text/);
    expect(await reason(itemKey(DEVICE, 1), null)).toMatch(/null/);
    expect(await reason(itemKey(DEVICE, 1), 'hello')).toMatch(/no format version/);
    expect(await reason('d:__proto__:1', `1t${good()}`)).toMatch(/not a Paperdex item key/);
    expect(await reason('d:DEV:1', `1t${good()}`)).toMatch(/not a Paperdex item key/);
  });

  it('refuses hostile values: bad ids, tags, notes, titles, truncation, huge items, inflation bombs', async () => {
    const key = itemKey(DEVICE, 1);
    const base = BASE_WALL.toString(36);
    expect(await reason(key, `1t${base},0,1,2'ml|44wjciT0:0`)).toBe('accepted');
    expect(await reason(key, `1t${base},0,1,9'__proto__|44wjciT0:0`)).toMatch(/bad tag/);
    expect(await reason(key, `1t${base},0,1,2'ml|/j'javascript:alert(1)T0:0`)).toMatch(/bad paper id/);
    expect(await reason(key, `1t${base},0,1,2'ml|44wjciT5:0`)).toMatch(/unknown tag/);
    expect(await reason(key, `1t${base},0,1,2'ml|44wjciT0:0T0:1`)).toMatch(/a tag twice/);
    expect(await reason(key, `1t${base},0,1,2'ml|44wjciS0S0`)).toMatch(/a field twice/);
    expect(await reason(key, `1t${base},0,1,2'ml|44wjciN0*0/5'ab`)).toMatch(/string past the end/);
    expect(await reason(key, `1t${base},0,0|44wjciN0*0/2'a\u0001`)).toMatch(/bad note/);
    expect(await reason(key, `1t${base},0,0|44wjciM0//3'a  *0`)).toMatch(/bad title/);
    expect(await reason(key, `1t${base},0,0|44wjci`)).toMatch(/empty entry/);
    expect(await reason(key, `1t${base},0,0|44wjciS0!!`)).toMatch(/expected ;/);
    expect(await reason(key, `1t${'9'.repeat(9000)}`)).toMatch(/larger than a sync item/);
    expect(await reason(key, `1z${await deflateToBase64(`${base},0,0|${'44wjciS0;1S0;'.repeat(20_000)}`)}`)).toMatch(/inflates past/);
    expect(await reason(key, '1z!!!not-base64')).toMatch(/bad base64/);
    expect(await reason(key, '1zAAAA')).toMatch(/bad compressed data|bad/);
  });

  it('holds back an item stamped by a clock more than a day ahead', async () => {
    const ahead = encodeDataText(DEVICE, new Map([['2501.01234', { tags: new Map(), notes: [], saved: { stamp: { wall: NOW / 1000 + 2 * 86_400, counter: 0, device: DEVICE }, value: null } }]]));
    expect(await reason(itemKey(DEVICE, 1), `1t${ahead}`)).toMatch(/clock ahead: a stamp 48 h past this device's clock/);
  });

  it('never throws on anything at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.string(), async (value, noise) => {
        await reason(itemKey(DEVICE, 1), value);
        await reason(itemKey(DEVICE, 0), `1t${noise}`);
        await reason(itemKey(DEVICE, 1), `1t${good().slice(0, noise.length)}${noise}`);
      }),
      { numRuns: 300 },
    );
  });
});
