/**
 * A note typed in the library's paper view is written to IndexedDB a moment after typing stops, when
 * the field is left, and when the page is hidden or closed. A write started as a tab closes may not
 * finish (it reads the paper first, and the page is gone by then), so until a write of the text has
 * finished the text is also kept here, in the extension's own `localStorage`, which is synchronous.
 * The next library page to open stores what is left (`recoverNoteDrafts`), and says so.
 */
import { draftStorage, readDrafts } from './draft-storage';
import { setNote } from '../user-actions';
import type { PaperdexDB } from '../schema';
import { mergeNotes } from '../io/merge-import';
import { MAX_NOTE_LENGTH, normalizeNote } from '../../paper/note';
import { isArxivId } from '../../paper/arxiv-id';

const PREFIX = 'paperdex:note-draft:';

export interface NoteDraft {
  id: string;
  /** What was typed. */
  text: string;
  /** The note as stored when this typing began: a stored note other than this was changed elsewhere since. */
  base: string;
}

export interface RecoveredNote {
  id: string;
  title: string;
  /** `restored`: the typed text is the note now; `both`: the note had changed since, both are kept. */
  how: 'restored' | 'both';
}

const defaultStore = draftStorage;

/** Keeps what was typed until a write of it finishes. Never throws (a full storage only loses the fallback). */
export function keepNoteDraft(draft: NoteDraft, store = defaultStore()): void {
  try {
    store?.setItem(PREFIX + draft.id, JSON.stringify({ text: draft.text, base: draft.base }));
  } catch {
    // Full or disabled storage: the IndexedDB write is all there is.
  }
}

/** Forgets the draft of `id` once `text` is stored (a draft typed further since stays). */
export function dropNoteDraft(id: string, text: string, store = defaultStore()): void {
  try {
    const draft = readDraft(id, store?.getItem(PREFIX + id));
    if (!draft || draft.text === text) store?.removeItem(PREFIX + id);
  } catch {
    // Disabled storage: nothing was kept.
  }
}

function readDraft(id: string, raw: string | null | undefined): NoteDraft | undefined {
  if (!raw || !isArxivId(id)) return undefined;
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { text, base } = value as Record<string, unknown>;
    if (typeof text !== 'string' || typeof base !== 'string') return undefined;
    return { id, text: text.slice(0, MAX_NOTE_LENGTH), base: base.slice(0, MAX_NOTE_LENGTH) };
  } catch {
    return undefined;
  }
}

/** Every draft left in `store` (broken entries are removed). */
export function noteDrafts(store = defaultStore()): NoteDraft[] {
  return readDrafts(store, PREFIX, readDraft);
}

/**
 * Stores the drafts a closed page left. A draft whose paper's note has not changed since the typing
 * began becomes the note; when the note changed meanwhile (another tab, an import), the newer note is
 * not overwritten: both are kept, the stored one first (the import's rule). A draft already stored,
 * or of a paper no longer in the library, is dropped. Resolves to what was written, for a notice.
 */
export async function recoverNoteDrafts(db: PaperdexDB, store = defaultStore()): Promise<RecoveredNote[]> {
  const recovered: RecoveredNote[] = [];
  for (const draft of noteDrafts(store)) {
    const done = await db.transaction('rw', db.papers, async () => {
      const record = await db.papers.get(draft.id);
      if (!record) return undefined;
      const stored = record.note;
      const typed = normalizeNote(draft.text);
      const unchanged = stored === normalizeNote(draft.base);
      const note = unchanged ? typed : mergeNotes(stored, typed);
      if (note === stored) return undefined;
      await setNote(db, draft.id, note ?? '');
      return { id: draft.id, title: record.title || `arXiv ${draft.id}`, how: unchanged || note === typed ? 'restored' : 'both' } satisfies RecoveredNote;
    });
    if (done) recovered.push(done);
    dropNoteDraft(draft.id, draft.text, store);
  }
  return recovered;
}

/** The notice for recovered notes, in plain words. */
export function recoveredNotesText(recovered: readonly RecoveredNote[]): string {
  const [first] = recovered;
  if (!first) return '';
  if (recovered.length > 1) return `Saved the notes you were typing on ${recovered.length} papers when the library page closed.`;
  return first.how === 'restored'
    ? `Saved the note you were typing on “${first.title}” when the library page closed.`
    : `The note on “${first.title}” changed after you typed in it on a page that closed: both texts are kept in the note.`;
}
