/**
 * One backup file, built and checked before anything is written: the library's lossless JSON export
 * (`io/export.ts`), gzip-compressed, then decompressed again and read back paper by paper with the
 * import's own reader (`checkExportBytes`): every paper must parse and pass the import's checks, and
 * their number must be the export's and within the library's count before and after (a capture or a
 * delete can land while it runs). Runs in the backup worker (`entrypoints/backup-worker.ts`), off every
 * page's main thread.
 */
import type { PaperdexDB } from '../schema';
import { exportLibrary } from '../io/export';
import { checkExportBytes } from '../io/import';
import { gunzip, gzip } from './gzip';

export interface BuiltBackup {
  /** The gzip file. */
  blob: Blob;
  papers: number;
  bytes: number;
}

export type BuildResult = ({ ok: true } & BuiltBackup) | { ok: false; error: string };

/** What the file is checked against. */
export interface Expected {
  /** Papers the export wrote. */
  exported: number;
  /** The library's count before and after the export. */
  before: number;
  after: number;
}

/** No decompressed backup may exceed this (a 50k-paper library is about 120 MB). */
const MAX_BACKUP_BYTES = 1024 * 1024 * 1024;

export type VerifyResult = { ok: true; papers: number } | { ok: false; error: string };

/** Decompresses and reads back a backup file; says in plain words what doesn't match. */
export async function verifyBackup(file: Blob, expected: Expected, now = Date.now()): Promise<VerifyResult> {
  const inflated = await gunzip(file, MAX_BACKUP_BYTES);
  if (!inflated.ok) return { ok: false, error: `the backup did not decompress: ${inflated.error}` };
  const checked = checkExportBytes(new Uint8Array(await inflated.file.arrayBuffer()), now);
  if (!checked.ok) return { ok: false, error: `the backup did not read back: ${checked.error}` };
  const { papers, declared } = checked;
  if (papers !== declared || papers !== expected.exported) return { ok: false, error: `the backup read back ${papers} papers, but ${expected.exported} were written` };
  if (papers < Math.min(expected.before, expected.after) || papers > Math.max(expected.before, expected.after)) {
    return { ok: false, error: `the backup holds ${papers} papers, but the library has ${expected.after}` };
  }
  return { ok: true, papers };
}

/** Builds and verifies a backup of the whole library. A database failure rejects. */
export async function buildBackup(db: PaperdexDB, now: number): Promise<BuildResult> {
  const before = await db.papers.count();
  // In the worker already: no second worker (`startWorker: undefined`), the export runs here.
  const exported = await exportLibrary(db, { format: 'json', now, startWorker: undefined });
  const blob = await gzip(exported.blob);
  const after = await db.papers.count();
  const verified = await verifyBackup(blob, { exported: exported.count, before, after }, now);
  if (!verified.ok) return verified;
  return { ok: true, blob, papers: exported.count, bytes: blob.size };
}
