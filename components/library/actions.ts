/**
 * Every change the library page makes, in one object made once from the database: the page's components
 * get it (or the part they use) as props and never import the database or its write functions. Each
 * write that open listing pages show (saved, read, tags, a paper gone or back, dimming) is announced to
 * them here, in `written`, and nowhere else, so no component has to remember to.
 */
import { bulkAddTag, bulkRemoveTag, type BulkResult, bulkSetRead, bulkSetSaved, deletePapers, restorePapers } from '@/utils/db/bulk-actions';
import { pruneExpired, type PruneResult } from '@/utils/db/retention';
import type { PaperdexDB } from '@/utils/db/schema';
import { deleteTag, renameTag, type TagChange } from '@/utils/db/tag-actions';
import { addTag, removeTag, setNote, setRead, setSaved } from '@/utils/db/user-actions';
import type { ExportOptions, ExportResult, ImportOptions, ImportReport } from '@/utils/library-io';
import { announcePapersChanged, announceSettingsChanged } from '@/utils/library-sync';
import { recoveredNotesText, recoverNoteDrafts } from '@/utils/library/note-drafts';
import { mergePendingCaptures } from '@/utils/merge-pending';
import type { PaperRecord } from '@/utils/paper';
import { type Settings, updateSettings } from '@/utils/settings';
import { recoveredTagsText, recoverTagDrafts } from '@/utils/tag-drafts';

/** The library's file formats (`utils/library-io`), passed in so the page loads them lazily and tests use their own. */
export interface LibraryIO {
  exportLibrary(db: PaperdexDB, options: ExportOptions): Promise<ExportResult>;
  importLibraryFile(db: PaperdexDB, file: Blob | string, options: ImportOptions): Promise<ImportReport>;
}

export interface LibraryActions {
  // One paper (the paper view). Each resolves to the paper as written, undefined when it is gone.
  setSaved(id: string, saved: boolean): Promise<PaperRecord | undefined>;
  setRead(id: string, read: boolean): Promise<PaperRecord | undefined>;
  /** Rejects a tag with no letter or digit, or past the tag limit, with the reason. */
  addTag(id: string, tag: string): Promise<PaperRecord | undefined>;
  removeTag(id: string, tag: string): Promise<PaperRecord | undefined>;
  setNote(id: string, note: string): Promise<PaperRecord | undefined>;

  // The selection (the bulk bar), one transaction each.
  bulkSetSaved(ids: readonly string[], saved: boolean): Promise<BulkResult>;
  bulkSetRead(ids: readonly string[], read: boolean): Promise<BulkResult>;
  bulkAddTag(ids: readonly string[], tag: string): Promise<BulkResult>;
  bulkRemoveTag(ids: readonly string[], tag: string): Promise<BulkResult>;
  /** Resolves to the records removed (what an undo puts back). */
  deletePapers(ids: readonly string[], at: number): Promise<PaperRecord[]>;
  /** Undoes a delete; resolves to the papers restored. */
  restorePapers(records: readonly PaperRecord[]): Promise<number>;

  // Tags as reading lists, across the library.
  renameTag(from: string, to: string): Promise<TagChange>;
  deleteTag(tag: string): Promise<TagChange>;

  // Settings.
  /** Stores `dimSeen`; open listing pages re-read it. */
  setDimSeen(dimSeen: boolean): Promise<Settings>;
  /** Stores the retention, then removes what it expires (`candidates`: from the page's rows). */
  applyRetention(days: number | null, candidates: readonly string[], onProgress: (done: number, total: number) => void): Promise<PruneResult>;

  /** Merges the captures a stopped worker left queued (they are part of the library). */
  mergePendingCaptures(): Promise<void>;
  /** Stores what closed pages left typed (notes, tags); resolves to what to tell the user ('' for nothing). */
  recoverDrafts(): Promise<string>;

  exportLibrary(options: ExportOptions): Promise<ExportResult>;
  importLibraryFile(file: Blob | string, options: ImportOptions): Promise<ImportReport>;
}

/** What a write changed, as open listing pages are told: these papers, or the settings. */
type Changed = readonly string[] | 'settings';

/**
 * `write`, announced once it succeeded: the one place the page tells open listing pages what changed
 * (their cards' controls and dimming follow). A write that fails announces nothing.
 */
function written<T>(write: Promise<T>, changed: (result: T) => Changed): Promise<T> {
  return write.then((result) => {
    const what = changed(result);
    if (what === 'settings') announceSettingsChanged();
    else announcePapersChanged([...what]);
    return result;
  });
}

export function libraryActions(db: PaperdexDB, io: LibraryIO): LibraryActions {
  const one = (id: string) => () => [id];
  const carrying = (tag: string) => db.papers.where('tags').equals(tag).primaryKeys();
  const bulk = (ids: readonly string[], write: Promise<BulkResult>) => written(write, (result) => (result.changed ? ids : []));
  return {
    setSaved: (id, saved) => written(setSaved(db, id, saved), one(id)),
    setRead: (id, read) => written(setRead(db, id, read), one(id)),
    addTag: (id, tag) => written(addTag(db, id, tag), one(id)),
    removeTag: (id, tag) => written(removeTag(db, id, tag), one(id)),
    // A note is not shown on listing pages: nothing to announce.
    setNote: (id, note) => setNote(db, id, note),

    bulkSetSaved: (ids, saved) => bulk(ids, bulkSetSaved(db, ids, saved)),
    bulkSetRead: (ids, read) => bulk(ids, bulkSetRead(db, ids, read)),
    bulkAddTag: (ids, tag) => bulk(ids, bulkAddTag(db, ids, tag)),
    bulkRemoveTag: (ids, tag) => bulk(ids, bulkRemoveTag(db, ids, tag)),
    deletePapers: (ids, at) => written(deletePapers(db, ids, at), (removed) => removed.map((record) => record.id)),
    restorePapers: (records) => written(restorePapers(db, records), () => records.map((record) => record.id)),

    renameTag: async (from, to) => {
      const ids = await carrying(from);
      return written(renameTag(db, from, to), () => ids);
    },
    deleteTag: async (tag) => {
      const ids = await carrying(tag);
      return written(deleteTag(db, tag), () => ids);
    },

    setDimSeen: (dimSeen) => written(updateSettings(db, { dimSeen }), () => 'settings'),
    applyRetention: async (retentionDays, candidates, onProgress) => {
      await updateSettings(db, { retentionDays });
      // Each candidate is checked again inside the transaction that deletes it.
      return pruneExpired(db, { retentionDays }, Date.now(), onProgress, candidates);
    },

    mergePendingCaptures: () => mergePendingCaptures(db),
    recoverDrafts: async () => {
      const tags = written(recoverTagDrafts((id, tag) => addTag(db, id, tag)), (added) => added.map((draft) => draft.id));
      const texts = await Promise.all([recoverNoteDrafts(db).then(recoveredNotesText), tags.then(recoveredTagsText)]);
      return texts.filter(Boolean).join(' ');
    },

    exportLibrary: (options) => io.exportLibrary(db, options),
    importLibraryFile: (file, options) => io.importLibraryFile(db, file, options),
  };
}
