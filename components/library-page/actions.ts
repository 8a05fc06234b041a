/**
 * Every change the library page makes, in one object made once from the database: the page's components
 * get it (or the part they use) as props and never import the database or its write functions. Open
 * listing pages learn of each write from the change feed (`utils/library/feed/`), so nothing here, nor in
 * any component, has to remember to tell them.
 */
import { bulkAddTag, bulkRemoveTag, type BulkResult, bulkSetRead, bulkSetSaved, deletePapers, restorePapers } from '@/utils/library/bulk-actions';
import { pruneExpired, type PruneResult } from '@/utils/library/retention';
import type { PaperdexDB } from '@/utils/library/schema';
import { deleteTag, renameTag, type TagChange } from '@/utils/library/tag-actions';
import { addTag, removeTag, setNote, setRead, setSaved } from '@/utils/library/user-actions';
import type { ExportOptions, ExportResult, ImportOptions, ImportReport } from '@/utils/library/io';
import { recoveredNotesText, recoverNoteDrafts } from '@/utils/library/drafts/note-drafts';
import { mergePendingCaptures } from '@/utils/capture/merge-pending';
import type { PaperRecord } from '@/utils/paper/record';
import { type CardControlsChange, type Settings, updateSettings } from '@/utils/library/settings';
import { recoveredTagsText, recoverTagDrafts } from '@/utils/library/drafts/tag-drafts';

/** The library's file formats (`utils/library/io`), passed in so the page loads them lazily and tests use their own. */
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
  /** Stores what one site's cards show (controls, seen marks); open listing pages apply it. */
  setCardControls(change: CardControlsChange): Promise<Settings>;
  /** Stores the retention, then removes what it expires (`candidates`: from the page's rows). */
  applyRetention(days: number | null, candidates: readonly string[], onProgress: (done: number, total: number) => void): Promise<PruneResult>;

  /** Merges the captures a stopped worker left queued (they are part of the library). */
  mergePendingCaptures(): Promise<void>;
  /** Stores what closed pages left typed (notes, tags); resolves to what to tell the user ('' for nothing). */
  recoverDrafts(): Promise<string>;

  exportLibrary(options: ExportOptions): Promise<ExportResult>;
  importLibraryFile(file: Blob | string, options: ImportOptions): Promise<ImportReport>;
}

export function libraryActions(db: PaperdexDB, io: LibraryIO): LibraryActions {
  return {
    setSaved: (id, saved) => setSaved(db, id, saved),
    setRead: (id, read) => setRead(db, id, read),
    addTag: (id, tag) => addTag(db, id, tag),
    removeTag: (id, tag) => removeTag(db, id, tag),
    setNote: (id, note) => setNote(db, id, note),

    bulkSetSaved: (ids, saved) => bulkSetSaved(db, ids, saved),
    bulkSetRead: (ids, read) => bulkSetRead(db, ids, read),
    bulkAddTag: (ids, tag) => bulkAddTag(db, ids, tag),
    bulkRemoveTag: (ids, tag) => bulkRemoveTag(db, ids, tag),
    deletePapers: (ids, at) => deletePapers(db, ids, at),
    restorePapers: (records) => restorePapers(db, records),

    renameTag: (from, to) => renameTag(db, from, to),
    deleteTag: (tag) => deleteTag(db, tag),

    setDimSeen: (dimSeen) => updateSettings(db, { dimSeen }),
    setCardControls: (cardControls) => updateSettings(db, { cardControls }),
    applyRetention: async (retentionDays, candidates, onProgress) => {
      await updateSettings(db, { retentionDays });
      // Each candidate is checked again inside the transaction that deletes it.
      return pruneExpired(db, { retentionDays }, Date.now(), onProgress, candidates);
    },

    mergePendingCaptures: () => mergePendingCaptures(db),
    recoverDrafts: async () => {
      const tags = recoverTagDrafts((id, tag) => addTag(db, id, tag));
      const texts = await Promise.all([recoverNoteDrafts(db).then(recoveredNotesText), tags.then(recoveredTagsText)]);
      return texts.filter(Boolean).join(' ');
    },

    exportLibrary: (options) => io.exportLibrary(db, options),
    importLibraryFile: (file, options) => io.importLibraryFile(db, file, options),
  };
}
