import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperdexDB } from '@/utils/library/schema';
import { importLibraryFile } from '@/utils/library/io';
import { exportLibrary } from '@/utils/library/io/export';
import { gzip } from '@/utils/library/backup/gzip';
import { fillSampleLibrary, T0 } from '../../support/sample-library';

let source: PaperdexDB;
let target: PaperdexDB;
beforeEach(() => {
  source = new PaperdexDB(`gz-src-${Math.random()}`);
  target = new PaperdexDB(`gz-dst-${Math.random()}`);
});
afterEach(async () => {
  await source.delete();
  await target.delete();
});

describe('Import of a .json.gz file', () => {
  it('reads a gzip-compressed export as the export itself (told by its bytes, whatever its name)', async () => {
    await fillSampleLibrary(source);
    const { blob } = await exportLibrary(source, { format: 'json', now: T0, startWorker: undefined });
    const compressed = await gzip(blob);
    expect(await importLibraryFile(target, compressed, { fileName: 'backup.bin', now: T0 + 1 })).toMatchObject({ ok: true, added: 4 });
    // The same file again changes nothing.
    expect(await importLibraryFile(target, compressed, { fileName: 'paperdex-backup.json.gz', now: T0 + 2 })).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: 4 });
  });

  it('a compressed list of ids is read too', async () => {
    const report = await importLibraryFile(target, await gzip(new Blob(['2501.01234\n'])), { now: T0 });
    expect(report).toMatchObject({ ok: true, kind: 'id-list', saved: 1 });
  });

  it('a damaged .gz file is refused in plain words and changes nothing', async () => {
    await fillSampleLibrary(source);
    const { blob } = await exportLibrary(source, { format: 'json', now: T0, startWorker: undefined });
    const compressed = await gzip(blob);
    const report = await importLibraryFile(target, compressed.slice(0, compressed.size / 2), { fileName: 'x.json.gz', now: T0 });
    expect(report).toEqual({ ok: false, error: 'the compressed (.gz) file is damaged or incomplete' });
    expect(await target.papers.count()).toBe(0);
  });
});
