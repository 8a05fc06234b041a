/**
 * What the user decides about a paper: save, tag, read, note. Each is one small transaction that
 * touches only user fields and `updatedAt` (so the search index can catch up), never page fields,
 * written through the change feed (`utils/library/feed/`), which stamps it and announces it.
 */
import { changePaper } from './feed/write';
import { tagToAdd, userChanges } from './feed/user-changes';
import { normalizeNote } from '../paper/note';
import type { PaperdexDB } from './schema';

export { tagCounts } from './feed/write';
export { tagToAdd, userChanges } from './feed/user-changes';

export function setSaved(db: PaperdexDB, id: string, saved: boolean, now = Date.now()) {
  return changePaper(db, id, userChanges.saved(saved, now), now);
}

export function setRead(db: PaperdexDB, id: string, read: boolean, now = Date.now()) {
  return changePaper(db, id, userChanges.read(read, now), now);
}

/** Adds a tag (normalized); returns undefined when the paper is unknown. Throws on an empty tag. */
export async function addTag(db: PaperdexDB, id: string, raw: string, now = Date.now()) {
  return changePaper(db, id, userChanges.addTag(tagToAdd(raw)), now);
}

export function removeTag(db: PaperdexDB, id: string, tag: string, now = Date.now()) {
  return changePaper(db, id, userChanges.removeTag(tag), now);
}

export function setNote(db: PaperdexDB, id: string, note: string, now = Date.now()) {
  return changePaper(db, id, userChanges.note(normalizeNote(note)), now);
}
