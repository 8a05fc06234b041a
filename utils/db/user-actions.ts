/**
 * What the user decides about a paper: save, tag, read, note. Each is one small transaction that
 * touches only user fields and `updatedAt` (so the search index can catch up), never page fields.
 */
import { normalizeNote } from '../note';
import type { PaperRecord } from '../paper';
import { MAX_TAGS_PER_PAPER, normalizeTag } from '../tags';
import type { PaperdexDB } from './schema';

async function change(
  db: PaperdexDB,
  id: string,
  apply: (record: PaperRecord) => Partial<PaperRecord> | undefined,
  now: number,
): Promise<PaperRecord | undefined> {
  return db.transaction('rw', db.papers, async () => {
    const record = await db.papers.get(id);
    if (!record) return undefined;
    const changes = apply(record);
    if (!changes) return record;
    const updated: PaperRecord = { ...record, ...changes, updatedAt: Math.max(now, (record.updatedAt ?? 0) + 1) };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete (updated as unknown as Record<string, unknown>)[key];
    }
    await db.papers.put(updated);
    return updated;
  });
}

/**
 * What each action changes in a record (undefined: nothing to change). Also used by the popup, which
 * writes through its own IndexedDB connection (`utils/popup/library-store.ts`), not Dexie.
 */
export const userChanges = {
  saved: (saved: boolean, now: number) => (record: PaperRecord): Partial<PaperRecord> | undefined =>
    (record.savedAt !== undefined) === saved ? undefined : { savedAt: saved ? now : undefined },
  read: (read: boolean, now: number) => (record: PaperRecord): Partial<PaperRecord> | undefined =>
    (record.readAt !== undefined) === read ? undefined : { readAt: read ? now : undefined },
  /** `tag` already normalized (`tagToAdd`). */
  addTag: (tag: string) => (record: PaperRecord): Partial<PaperRecord> | undefined => {
    if (record.tags.includes(tag)) return undefined;
    if (record.tags.length >= MAX_TAGS_PER_PAPER) throw new Error(`A paper can have at most ${MAX_TAGS_PER_PAPER} tags.`);
    return { tags: [...record.tags, tag] };
  },
  removeTag: (tag: string) => (record: PaperRecord): Partial<PaperRecord> | undefined =>
    record.tags.includes(tag) ? { tags: record.tags.filter((t) => t !== tag) } : undefined,
};

/** The normalized tag; throws on a tag with no letter or digit. */
export function tagToAdd(raw: string): string {
  const tag = normalizeTag(raw);
  if (!tag) throw new Error('A tag needs at least one letter or digit.');
  return tag;
}

export function setSaved(db: PaperdexDB, id: string, saved: boolean, now = Date.now()) {
  return change(db, id, userChanges.saved(saved, now), now);
}

export function setRead(db: PaperdexDB, id: string, read: boolean, now = Date.now()) {
  return change(db, id, userChanges.read(read, now), now);
}

/** Adds a tag (normalized); returns undefined when the paper is unknown. Throws on an empty tag. */
export async function addTag(db: PaperdexDB, id: string, raw: string, now = Date.now()) {
  return change(db, id, userChanges.addTag(tagToAdd(raw)), now);
}

export function removeTag(db: PaperdexDB, id: string, tag: string, now = Date.now()) {
  return change(db, id, userChanges.removeTag(tag), now);
}

export function setNote(db: PaperdexDB, id: string, note: string, now = Date.now()) {
  const text = normalizeNote(note);
  return change(db, id, (record) => (record.note === text ? undefined : { note: text }), now);
}

/** Every tag in the library with how many papers carry it, most used first (for autocomplete). */
export async function tagCounts(db: PaperdexDB): Promise<{ tag: string; count: number }[]> {
  const counts = new Map<string, number>();
  await db.papers.orderBy('tags').eachKey((key) => {
    const tag = String(key);
    counts.set(tag, (counts.get(tag) ?? 0) + 1);
  });
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
