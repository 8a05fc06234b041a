/**
 * Writing merged remote marks into the library, through the change contract (`writeLibrary`: stamped
 * records, tombstones on delete, one `LibraryChange` with `user: true`, so caches, open pages, listing
 * tabs and the marks copy follow). Each paper's plan is made inside the transaction, from the record as it
 * is there (`plan`, the engine's `planApply`), so an edit the user made meanwhile is not overwritten
 * but read back by the next catch-up as a local change. A paper only another device has becomes a
 * minimal record, as a paper saved by id (`savedStub`): the id, its arXiv links, the title and first
 * authors when they travelled (an empty title until a page shows it), no sighting.
 */
import type { PaperRecord } from '../../paper/record';
import type { LocalApply, LocalRecord } from '../../sync/local-edits';
import { removePapers, stamped, writeLibrary } from '../feed/write';
import { savedStub } from '../save-by-id';
import type { PaperdexDB } from '../schema';

export interface Applied {
  created: number;
  updated: number;
  deleted: number;
}

const CHUNK = 500;

/** The record of a paper known only from another device's marks. */
function syncedStub(apply: Extract<LocalApply, { kind: 'create' }>, now: number): PaperRecord {
  const { savedAt: _saved, ...stub } = savedStub({ id: apply.id }, now);
  const record: PaperRecord = { ...stub, title: apply.meta?.title ?? '' };
  if (apply.meta?.authors.length) record.authors = [...apply.meta.authors];
  return stamped(record, apply.changes, now);
}

/** Applies `plan(id, record)` for each of `ids`, in one transaction (all or nothing). */
export function applyRemote(db: PaperdexDB, ids: readonly string[], plan: (id: string, record: LocalRecord | undefined) => LocalApply | undefined, now: number): Promise<Applied> {
  const applied: Applied = { created: 0, updated: 0, deleted: 0 };
  if (!ids.length) return Promise.resolve(applied);
  return writeLibrary(db, [db.papers, db.removedPapers], async (log) => {
    for (let at = 0; at < ids.length; at += CHUNK) {
      const chunk = ids.slice(at, at + CHUNK);
      const records = await db.papers.bulkGet(chunk);
      const writes: PaperRecord[] = [];
      const created: string[] = [];
      const deleted: string[] = [];
      chunk.forEach((id, i) => {
        const record = records[i];
        const apply = plan(id, record);
        if (!apply) return;
        if (apply.kind === 'delete') deleted.push(id);
        else if (apply.kind === 'create') {
          writes.push(syncedStub(apply, now));
          created.push(id);
        } else if (record) writes.push(stamped(record, apply.changes, now));
      });
      if (writes.length) await db.papers.bulkPut(writes);
      // A paper deleted here earlier and marked again on another device is in the library again.
      if (created.length) await db.removedPapers.bulkDelete(created);
      await removePapers(db, log, deleted, now, true);
      log.wrote(writes.map((record) => record.id), true);
      applied.created += created.length;
      applied.updated += writes.length - created.length;
      applied.deleted += deleted.length;
    }
    return applied;
  });
}
