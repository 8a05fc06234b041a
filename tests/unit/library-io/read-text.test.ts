import { describe, expect, it } from 'vitest';
import { decodeImportPieces, NOT_UTF8, readImportBytes } from '@/utils/library-io/read-text';

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
});
