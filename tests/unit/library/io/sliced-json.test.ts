import { describe, expect, it, vi } from 'vitest';
import { TimeSlicer } from '@/utils/library/io/next-task';
import { parseJsonInSlices } from '@/utils/library/io/sliced-json';

const exportLike = {
  format: 'paperdex-library',
  version: 1,
  count: 3,
  papers: [
    { id: '2401.00001', title: 'Braces } and ] and "quotes" in a title', authors: ['A. Ünal', 'B. 李'], tags: [] },
    { id: '2401.00002', title: 'Backslash at the end \\', nested: { deep: [1, [2, { three: null }]] }, ok: true },
    { id: '2401.00003', title: '\u2028 line separator, emoji 🧪, escaped \\" quote', abstract: '' },
  ],
  exportedAt: '2026-12-05T08:00:00.000Z',
};

describe('parseJsonInSlices', () => {
  it.each([
    ['pretty-printed', JSON.stringify(exportLike, null, 2)],
    ['minified', JSON.stringify(exportLike)],
    ['tabs and CRLF', JSON.stringify(exportLike, null, '\t').replaceAll('\n', '\r\n')],
    ['empty object', '{}'],
    ['empty arrays and objects', '{ "papers" : [ ] , "x" : { } , "y": [[]] }'],
    ['numbers and literals', '{"a": -1.5e3, "b": [true, false, null, 0], "c": "x"}'],
  ])('gives what JSON.parse gives: %s', async (_, text) => {
    expect(await parseJsonInSlices(text)).toEqual(JSON.parse(text));
  });

  /** The text cut into pieces of `size` characters (a file decoded a slice at a time). */
  const inPieces = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, at) => text.slice(at * size, (at + 1) * size));

  it.each([1, 2, 3, 7, 64])('gives the same from the text in pieces of %i characters, cut anywhere', async (size) => {
    for (const text of [JSON.stringify(exportLike, null, 2), JSON.stringify(exportLike), '{"a": -1.5e3, "b": [true, false, null, 0], "c": "x\\\\"}', '{ }']) {
      expect(await parseJsonInSlices(inPieces(text, size))).toEqual(JSON.parse(text));
    }
  });

  it('never holds the whole text: the window stays a few pieces long', async () => {
    const text = JSON.stringify({ ...exportLike, papers: Array.from({ length: 400 }, (_, at) => ({ ...exportLike.papers[at % 3], at })) }, null, 2);
    let longestPiece = 0;
    const pieces = inPieces(text, 1_000);
    const slice = vi.spyOn(String.prototype, 'slice');
    const parsed = (await parseJsonInSlices(pieces)) as { papers: unknown[] };
    for (const call of slice.mock.contexts) longestPiece = Math.max(longestPiece, String(call).length);
    slice.mockRestore();
    expect(parsed.papers).toHaveLength(400);
    expect(text.length).toBeGreaterThan(50_000);
    expect(longestPiece).toBeLessThan(3_000);
  });

  it.each([1, 5, 64])('gives up on a text cut off, in pieces of %i', async (size) => {
    const whole = JSON.stringify(exportLike, null, 2);
    for (const end of [1, 100, 200, whole.length - 1]) expect(await parseJsonInSlices(inPieces(whole.slice(0, end), size))).toBeUndefined();
  });

  it('keeps JSON.parse’s rules for repeated keys and "__proto__"', async () => {
    const text = '{"a": 1, "__proto__": {"polluted": true}, "a": 2}';
    const parsed = (await parseJsonInSlices(text)) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['truncated in a paper', JSON.stringify(exportLike, null, 2).slice(0, 200)],
    ['truncated after a paper', JSON.stringify(exportLike).replace(/\]\,"exportedAt".*$/, ',')],
    ['a missing comma between papers', '{"papers": [{"id": 1} {"id": 2}]}'],
    ['a bad literal inside a paper', '{"papers": [{"id": tru}]}'],
    ['a trailing comma', '{"papers": [1, 2,]}'],
    ['text after the object', '{"a": 1} x'],
    ['a top-level array', '[1, 2]'],
    ['an unquoted key', '{a: 1}'],
    ['nothing', ''],
  ])('gives up on %s (the caller then reports JSON.parse’s error)', async (_, text) => {
    expect(await parseJsonInSlices(text)).toBeUndefined();
  });

  it('gives the page a new task between papers once a slice has run its budget', async () => {
    const slicer = new TimeSlicer(0);
    const yields = vi.spyOn(slicer, 'maybeYield');
    const text = JSON.stringify({ papers: Array.from({ length: 50 }, (_, at) => ({ id: at })) }, null, 1);
    const parsed = (await parseJsonInSlices(text, slicer)) as { papers: unknown[] };
    expect(parsed.papers).toHaveLength(50);
    expect(yields.mock.calls.length).toBeGreaterThanOrEqual(49);
  });
});
