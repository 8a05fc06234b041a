/**
 * A tag typed in the "Add tag" field but not yet added (no Enter). Leaving the field adds it (as Enter
 * does; Esc is the way to drop it), and so does the page being hidden or closed, but a write started as
 * the popup or a tab closes may not finish. So, until it is added or dropped, the text is also kept in
 * the extension's own `localStorage` (synchronous), and the next popup or library page to open adds it.
 */
import { isArxivId } from '../../paper/arxiv-id';
import { draftStorage, readDrafts } from './draft-storage';
import { normalizeTag } from '../../paper/tags';

const PREFIX = 'paperdex:tag-draft:';

export interface TagDraft {
  id: string;
  /** The tag as it will be added (normalized). */
  tag: string;
}

const defaultStore = draftStorage;

/** Keeps what is typed in the tag field of paper `id` (nothing usable typed: no draft). Never throws. */
export function keepTagDraft(id: string, typed: string, store = defaultStore()): void {
  try {
    if (normalizeTag(typed)) store?.setItem(PREFIX + id, typed.slice(0, 200));
    else store?.removeItem(PREFIX + id);
  } catch {
    // Full or disabled storage: the write at leaving is all there is.
  }
}

/** Forgets the typed tag of paper `id` (added, or dropped with Esc). */
export function dropTagDraft(id: string, store = defaultStore()): void {
  try {
    store?.removeItem(PREFIX + id);
  } catch {
    // Disabled storage: nothing was kept.
  }
}

/** Every typed tag a closed page left (unusable entries are removed). */
export function tagDrafts(store = defaultStore()): TagDraft[] {
  return readDrafts(store, PREFIX, (id, raw) => {
    const tag = normalizeTag(raw ?? '');
    return tag && isArxivId(id) ? { id, tag } : undefined;
  });
}

export interface RecoveredTag extends TagDraft {
  title: string;
}

/**
 * Adds the typed tags closed pages left, each with `add` (the page's own write; resolves to the paper
 * as written, undefined when it is no longer in the library), and forgets them. A tag that can't be
 * added (the paper is at the tag limit) is dropped too, with a console error: trying again would fail
 * again. Resolves to the tags added.
 */
export async function recoverTagDrafts(
  add: (id: string, tag: string) => Promise<{ title: string } | undefined>,
  store = defaultStore(),
): Promise<RecoveredTag[]> {
  const added: RecoveredTag[] = [];
  for (const draft of tagDrafts(store)) {
    try {
      const paper = await add(draft.id, draft.tag);
      if (paper) added.push({ ...draft, title: paper.title || `arXiv ${draft.id}` });
    } catch (error) {
      console.error('[Paperdex] a tag typed before a page closed could not be added', error);
    }
    dropTagDraft(draft.id, store);
  }
  return added;
}

/** The notice for recovered tags, in plain words. */
export function recoveredTagsText(added: readonly RecoveredTag[]): string {
  const [first] = added;
  if (!first) return '';
  if (added.length > 1) return `Added ${added.length} tags you had typed when a Paperdex page closed.`;
  return `Added #${first.tag} to “${first.title}”: you had typed it when a Paperdex page closed.`;
}
