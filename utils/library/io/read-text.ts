/**
 * An import file as text, or a message saying why it can't be one: too large, UTF-16, binary, or not
 * UTF-8. Files are decoded strictly (a wrong byte is an error, not a silent U+FFFD).
 */
import { nextTask } from './next-task';

/**
 * The largest file an import reads. A 50k-paper export is about 120 MB (2.4 kB a paper); the whole text is held in
 * memory (and V8 strings stop at about 512 M characters), so 256 MB leaves room for twice that.
 */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export type TextResult = { ok: true; text: string } | { ok: false; error: string };

function describeSize(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

export type BytesResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export const NOT_UTF8 = 'the file is not UTF-8 text (another encoding, or binary): save it as UTF-8';

/** Reads a Blob (or takes a string) as text. */
export async function readImportText(file: Blob | string, maxBytes = MAX_IMPORT_BYTES): Promise<TextResult> {
  if (typeof file === 'string') {
    if (file.length > maxBytes) return { ok: false, error: `the file is too large (${describeSize(file.length)}; the limit is ${describeSize(maxBytes)})` };
    return { ok: true, text: file.replace(/^\ufeff/, '') };
  }
  const read = await readImportBytes(file, maxBytes);
  if (!read.ok) return read;
  const decoded = await decodeImportPieces(read.bytes);
  return decoded.ok ? { ok: true, text: decoded.pieces.join('') } : decoded;
}

/**
 * A Blob's bytes, or why they can't be a text file: too large (refused before reading), UTF-16 or
 * binary (told from the first 4 kB). Whether they are UTF-8 is found when they are decoded.
 */
export async function readImportBytes(file: Blob, maxBytes = MAX_IMPORT_BYTES): Promise<BytesResult> {
  if (file.size > maxBytes) return { ok: false, error: `the file is too large (${describeSize(file.size)}; the limit is ${describeSize(maxBytes)})` };
  // Read a slice at a time into one buffer: one arrayBuffer() of a 130 MB file was a single task of
  // 150-350 ms (the copy into a buffer that size), freezing the page before the import showed progress.
  const bytes = new Uint8Array(file.size);
  for (let at = 0; at < file.size; at += READ_SLICE) {
    bytes.set(new Uint8Array(await file.slice(at, at + READ_SLICE).arrayBuffer()), at);
  }
  const refused = notText(bytes);
  return refused ? { ok: false, error: refused } : { ok: true, bytes };
}

const UTF16 = 'the file is UTF-16 text: save it as UTF-8 and import it again';
const BINARY = 'the file is binary, not a Paperdex export or a list of paper ids';

/**
 * Why the bytes can't be an import file, told from the first 4 kB: UTF-16 or binary. UTF-16 text puts its
 * zero bytes on one side of each byte pair (the high byte of Latin characters); a file with zeros on both
 * sides (a mostly-zero file, an image) is binary, with or without a UTF-16 byte-order mark in front.
 */
function notText(bytes: Uint8Array): string | undefined {
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const head = bytes.subarray(0, 4096);
  let even = 0;
  let odd = 0;
  for (let at = 0; at < head.length; at += 2) {
    if (head[at] === 0) even++;
    if (head[at + 1] === 0) odd++;
  }
  if (even + odd === 0) return bom ? UTF16 : undefined;
  // Zeros on one side only: a few on the other side are characters such as U+0100 or U+0400.
  const oneSided = Math.min(even, odd) * 8 <= Math.max(even, odd);
  // Without a byte-order mark, UTF-16 text has a zero beside every Latin character: a quarter of its pairs at least.
  return oneSided && (bom || Math.max(even, odd) >= head.length / 8) ? UTF16 : BINARY;
}

/** Bytes read per task from a file. */
const READ_SLICE = 2 * 1024 * 1024;

/** Bytes decoded per task: a 100 MB file decodes in slices, the page getting a task between them (4 MB was 50 ms). */
const DECODE_SLICE = 1024 * 1024;

export type PiecesResult = { ok: true; pieces: string[] } | { ok: false; error: string };

/**
 * The bytes decoded as UTF-8, in pieces of about a megabyte (decoded one a task). Kept as pieces: joined,
 * the text of a large file becomes one flat string the first time it is read (130 MB: a 700 ms task).
 */
export async function decodeImportPieces(bytes: Uint8Array): Promise<PiecesResult> {
  const refused = notText(bytes);
  if (refused) return { ok: false, error: refused };
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    const pieces: string[] = [];
    for (let at = 0; at < bytes.length; at += DECODE_SLICE) {
      pieces.push(decoder.decode(bytes.subarray(at, at + DECODE_SLICE), { stream: true }));
      if (at + DECODE_SLICE < bytes.length) await nextTask();
    }
    pieces.push(decoder.decode());
    return { ok: true, pieces };
  } catch {
    return { ok: false, error: NOT_UTF8 };
  }
}
