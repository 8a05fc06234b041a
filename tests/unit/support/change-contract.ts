/** Test helpers for the change contract: writes made "in another context", and counting records read. */
import { onTestFinished } from 'vitest';
import { writeLibrary } from '@/utils/library/feed/write';
import type { PaperdexDB } from '@/utils/library/schema';

/**
 * Raw writes (`work`) as another context of the extension makes them: through the change contract, so
 * the change feed tells this page once they commit (what a capture in another tab does).
 */
export function writtenElsewhere(db: PaperdexDB, ids: string[], work: () => Promise<unknown>): Promise<void> {
  return writeLibrary(db, [db.papers, db.removedPapers, db.captureProblems], async (log) => {
    await work();
    log.wrote(ids, false);
  });
}

/**
 * Counts the paper records read, through Dexie (its reading hook) or a plain index read (the change
 * feed's reader, `changesSince`), until the test ends.
 */
export function countPaperReads(db: PaperdexDB): { records: number } {
  const counter = { records: 0 };
  db.papers.hook('reading', (record) => {
    counter.records++;
    return record;
  });
  const getAll = IDBIndex.prototype.getAll;
  IDBIndex.prototype.getAll = function (this: IDBIndex, ...args: Parameters<IDBIndex['getAll']>) {
    const request = getAll.apply(this, args);
    if (this.objectStore.name === 'papers') request.addEventListener('success', () => (counter.records += (request.result as unknown[]).length));
    return request;
  };
  onTestFinished(() => {
    IDBIndex.prototype.getAll = getAll;
  });
  return counter;
}
