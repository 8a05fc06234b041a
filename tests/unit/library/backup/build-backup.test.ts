import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperdexDB } from '@/utils/library/schema';
import { importLibraryFile } from '@/utils/library/io';
import { exportLibrary } from '@/utils/library/io/export';
import { buildBackup, verifyBackup } from '@/utils/library/backup/build-backup';
import { gunzip, gzip, isGzip } from '@/utils/library/backup/gzip';
import { fillSampleLibrary, T0, withoutUpdatedAt } from '../../support/sample-library';

let source: PaperdexDB;
let target: PaperdexDB;
beforeEach(() => {
  source = new PaperdexDB(`backup-src-${Math.random()}`);
  target = new PaperdexDB(`backup-dst-${Math.random()}`);
});
afterEach(async () => {
  await source.delete();
  await target.delete();
});

describe('buildBackup', () => {
  it('is the lossless JSON export, gzip-compressed, verified; Import restores it into an empty library', async () => {
    const library = await fillSampleLibrary(source);
    const built = await buildBackup(source, T0);
    if (!built.ok) throw new Error(built.error);
    expect(built).toMatchObject({ papers: library.length, bytes: built.blob.size });
    expect(await isGzip(built.blob)).toBe(true);
    const plain = await gunzip(built.blob, 1e9);
    if (!plain.ok) throw new Error(plain.error);
    const { blob: exported } = await exportLibrary(source, { format: 'json', now: T0, startWorker: undefined });
    expect(await plain.file.text()).toBe(await exported.text());

    const report = await importLibraryFile(target, built.blob, { fileName: 'paperdex-backup-2026-03-11.json.gz', now: T0 + 1 });
    expect(report).toEqual({ ok: true, kind: 'paperdex-json', added: library.length, updated: 0, unchanged: 0 });
    expect(withoutUpdatedAt(await target.papers.orderBy('id').toArray())).toEqual(withoutUpdatedAt(library));
  });

  it('an empty library gives a valid backup of no papers', async () => {
    const built = await buildBackup(source, T0);
    expect(built).toMatchObject({ ok: true, papers: 0 });
  });
});

describe('verifyBackup', () => {
  async function backupOf(db: PaperdexDB) {
    const { blob, count } = await exportLibrary(db, { format: 'json', now: T0, startWorker: undefined });
    return { text: await blob.text(), count };
  }

  it('accepts the file when its papers read back and match the library', async () => {
    await fillSampleLibrary(source);
    const { text, count } = await backupOf(source);
    expect(await verifyBackup(await gzip(new Blob([text])), { exported: count, before: count, after: count }, T0)).toEqual({ ok: true, papers: count });
    // A paper captured while the backup ran: the count before or after is fine.
    expect((await verifyBackup(await gzip(new Blob([text])), { exported: count, before: count, after: count + 1 }, T0)).ok).toBe(true);
  });

  it('refuses a file that is not gzip, truncated, missing a paper, has a damaged paper, or disagrees with the library', async () => {
    await fillSampleLibrary(source);
    const { text, count } = await backupOf(source);
    const expected = { exported: count, before: count, after: count };
    const compressed = await gzip(new Blob([text]));
    const refusal = async (file: Blob, against = expected) => {
      const result = await verifyBackup(file, against, T0);
      return result.ok ? 'accepted' : result.error;
    };
    expect(await refusal(new Blob([text]))).toMatch(/did not decompress: .*damaged/);
    expect(await refusal(compressed.slice(0, compressed.size - 10))).toMatch(/did not decompress/);
    const lines = text.split('\n');
    // A paper line dropped (its neighbour's comma kept the layout): fewer papers than written.
    const dropped = [lines[0], ...lines.slice(2)].join('\n');
    expect(await refusal(await gzip(new Blob([dropped])))).toMatch(/read back 3 papers, but 4 were written/);
    const damaged = text.replace('"id":"', '"id":"not an id ');
    expect(await refusal(await gzip(new Blob([damaged])))).toMatch(/did not read back: paper 1/);
    expect(await refusal(await gzip(new Blob([text.slice(0, -5)])))).toMatch(/truncated/);
    expect(await refusal(compressed, { exported: count, before: count + 5, after: count + 5 })).toMatch(/holds 4 papers, but the library has 9/);
  });
});
