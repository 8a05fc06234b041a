/**
 * The user's fields (saved, read, tags, note) and what each action changes in a record (undefined:
 * nothing to change), for every writer: Dexie's (`utils/library/user-actions.ts`, bulk actions) and the
 * popup's plain IndexedDB one. No Dexie here.
 */
import type { PaperRecord } from '../../paper/record';
import { MAX_TAGS_PER_PAPER, normalizeTag } from '../../paper/tags';

type Change = (record: PaperRecord) => Partial<PaperRecord> | undefined;

export const userChanges = {
  saved: (saved: boolean, now: number): Change => (record) =>
    (record.savedAt !== undefined) === saved ? undefined : { savedAt: saved ? now : undefined },
  read: (read: boolean, now: number): Change => (record) =>
    (record.readAt !== undefined) === read ? undefined : { readAt: read ? now : undefined },
  /** `tag` already normalized (`tagToAdd`). Throws at the tag limit (`tagLimited` for bulk use). */
  addTag: (tag: string): Change => (record) => {
    if (record.tags.includes(tag)) return undefined;
    if (record.tags.length >= MAX_TAGS_PER_PAPER) throw new TagLimitReached();
    return { tags: [...record.tags, tag] };
  },
  removeTag: (tag: string): Change => (record) => (record.tags.includes(tag) ? { tags: record.tags.filter((t) => t !== tag) } : undefined),
  /** `note` already normalized (`normalizeNote`; undefined: no note). */
  note: (note: string | undefined): Change => (record) => (record.note === note ? undefined : { note }),
};

export class TagLimitReached extends Error {
  constructor() {
    super(`A paper can have at most ${MAX_TAGS_PER_PAPER} tags.`);
  }
}

/** `change` for many papers: a paper it refuses (the tag limit) is skipped, not an error. */
export function skipRefused(change: Change): (record: PaperRecord) => Partial<PaperRecord> | 'skip' | undefined {
  return (record) => {
    try {
      return change(record);
    } catch (error) {
      if (error instanceof TagLimitReached) return 'skip';
      throw error;
    }
  };
}

/** The normalized tag; throws on a tag with no letter or digit. */
export function tagToAdd(raw: string): string {
  const tag = normalizeTag(raw);
  if (!tag) throw new Error('A tag needs at least one letter or digit.');
  return tag;
}
