/**
 * deflate-raw + base64 for sync items (CompressionStream: Chrome, Firefox ≥ 113, Node ≥ 18), with a bound on
 * what inflating may produce: an item from another device could be a small bomb.
 */
import { SyncFormatError } from './codec';

async function drain(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new SyncFormatError(`inflates past ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  const writer = transform.writable.getWriter();
  // Errors surface on the readable side (drain); these promises only need catching.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  return transform.readable as ReadableStream<Uint8Array>;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

export async function deflateToBase64(text: string): Promise<string> {
  return toBase64(await drain(through(new TextEncoder().encode(text), new CompressionStream('deflate-raw')), Number.MAX_SAFE_INTEGER));
}

/** Throws a `SyncFormatError` on bad base64, bad deflate data, bad UTF-8 or more than `maxBytes` inflated. */
export async function inflateFromBase64(base64: string, maxBytes: number): Promise<string> {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new SyncFormatError('bad base64');
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await drain(through(bytes, new DecompressionStream('deflate-raw')), maxBytes));
  } catch (error) {
    if (error instanceof SyncFormatError) throw error;
    throw new SyncFormatError('bad compressed data');
  }
}
