import { describe, expect, it } from 'vitest';
import { decodeImportPieces, NOT_UTF8, readImportBytes } from '@/utils/library/io/read-text';

/** 5 MB of multi-byte UTF-8 text (2, 3 and 4-byte characters), so read and decode slices cut characters. */
function multiByteText(): string {
  const line = 'Müller–Ørsted 漢字 🧪 "quoted" \\ line\n';
  return line.repeat(Math.ceil((5 * 1024 * 1024) / new TextEncoder().encode(line).length));
}

describe('reading an import file', () => {
  it('reads a file of several slices byte for byte', async () => {
    const bytes = new Uint8Array(5 * 1024 * 1024 + 123);
    for (let at = 0; at < bytes.length; at++) bytes[at] = (at * 7919 + (at >> 13)) % 251 || 1;
    const read = await readImportBytes(new Blob([bytes]));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.bytes.length).toBe(bytes.length);
    expect(Buffer.from(read.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('decodes multi-byte text cut across slices intact', async () => {
    const text = multiByteText();
    const read = await readImportBytes(new Blob([text]));
    if (!read.ok) throw new Error(read.error);
    const decoded = await decodeImportPieces(read.bytes);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.pieces.length).toBeGreaterThan(4);
    expect(decoded.pieces.join('')).toBe(text);
  });

  it('refuses a byte that is not UTF-8 in a later slice', async () => {
    const bytes = new TextEncoder().encode(multiByteText());
    bytes[bytes.length - 10] = 0xff;
    expect(await decodeImportPieces(bytes)).toEqual({ ok: false, error: NOT_UTF8 });
  });

  const utf16 = (text: string, bigEndian: boolean, bom: boolean) => {
    const bytes = new Uint8Array((bom ? 2 : 0) + text.length * 2);
    const view = new DataView(bytes.buffer);
    if (bom) view.setUint16(0, 0xfeff, !bigEndian);
    for (let at = 0; at < text.length; at++) view.setUint16((bom ? 2 : 0) + at * 2, text.charCodeAt(at), !bigEndian);
    return new Blob([bytes]);
  };
  const UTF16 = 'the file is UTF-16 text: save it as UTF-8 and import it again';
  const BINARY = 'the file is binary, not a Paperdex export or a list of paper ids';

  it.each<[string, Blob, string]>([
    ['UTF-16LE without a byte-order mark', utf16('{"format":"paperdex-library"} Ѐ Ā', false, false), UTF16],
    ['UTF-16BE without a byte-order mark', utf16('2403.10001\n2403.10002\n', true, false), UTF16],
    ['UTF-16 with a byte-order mark, no zero byte (CJK)', utf16('漢字漢字', false, true), UTF16],
    ['an all-zero file', new Blob([new Uint8Array(10_000)]), BINARY],
    ['a mostly-zero file', new Blob([new Uint8Array(10_000).fill(0x41, 0, 300)]), BINARY],
    ['a mostly-zero file with a UTF-16 byte-order mark', new Blob([new Uint8Array([0xfe, 0xff]), new Uint8Array(5_000)]), BINARY],
    ['a PNG', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48])]), BINARY],
  ])('tells %s for what it is', async (_name, blob, error) => {
    expect(await readImportBytes(blob)).toEqual({ ok: false, error });
  });
});
