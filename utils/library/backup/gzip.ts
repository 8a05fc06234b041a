/**
 * gzip with the browser's own streams (`CompressionStream` / `DecompressionStream`: no library): backups
 * are written compressed, and Import reads a compressed file as it reads the plain one.
 */

/** The two bytes every gzip file starts with (RFC 1952). */
const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** Whether the file is gzip-compressed (told from its first two bytes, not its name). */
export async function isGzip(file: Blob): Promise<boolean> {
  if (file.size < 2) return false;
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/**
 * The Blob compressed with gzip (read as a stream: the whole text is never one buffer), typed
 * `application/gzip`: without a type Chromium saves a download as `.txt`.
 */
export async function gzip(file: Blob): Promise<Blob> {
  const compressed = await new Response(file.stream().pipeThrough(new CompressionStream('gzip'))).blob();
  return new Blob([compressed], { type: 'application/gzip' });
}

export type GunzipResult = { ok: true; file: Blob } | { ok: false; error: string };

/**
 * The Blob decompressed, or why it can't be: damaged or truncated, or larger than `maxBytes` once
 * decompressed (the reading stops there, so a small file that inflates to gigabytes is refused early).
 */
export async function gunzip(file: Blob, maxBytes: number): Promise<GunzipResult> {
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, error: `the compressed file is too large once decompressed (over ${Math.round(maxBytes / 1024 / 1024)} MB)` };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, error: 'the compressed (.gz) file is damaged or incomplete' };
  }
  return { ok: true, file: new Blob(chunks as BlobPart[]) };
}
