/**
 * Between the library's records and the replicated marks: a local change to a paper's user fields
 * becomes stamped mark operations (`opsFromRecord`), and merged marks become the user-field changes to
 * write into the library (`planApply`; the write itself goes through utils/library/feed/write.ts).
 *
 * Both compare the record with what the marks show (`showMarks`), not with an older record: a remote change
 * the library has just applied comes back through the change feed as a local change, and then it is equal
 * to what the marks show and gives no operation (no echo).
 */
import { normalizeNote } from '../paper/note';
import type { PaperRecord, UserFields } from '../paper/record';
import { MAX_TAGS_PER_PAPER, normalizeTag } from '../paper/tags';
import { compareStamps } from './hlc';
import { MAX_META_AUTHORS, type MarkOp, type PaperMarks, type PaperMeta } from './marks';

/** What the library shows of a paper's marks. */
export interface ShownMarks {
  savedAt?: number;
  readAt?: number;
  tags: string[];
  note?: string;
  /** Two or more note versions were written at once on different devices: `note` holds them all. */
  noteConflict: boolean;
}

/** Between the versions of a note edited on two devices at once (the user's next edit resolves it). */
export const NOTE_CONFLICT_SEPARATOR = '\n\n――― edited at the same time on another device ―――\n\n';

export function showMarks(marks: PaperMarks): ShownMarks {
  const shown: ShownMarks = { tags: [], noteConflict: false };
  if (marks.saved && marks.saved.value !== null) shown.savedAt = marks.saved.value;
  if (marks.read && marks.read.value !== null) shown.readAt = marks.read.value;
  // Oldest first, so the tags a device had keep their places; past the limit the newest wait (never removed).
  shown.tags = [...marks.tags]
    .filter(([, register]) => register.value)
    .sort(([a, x], [b, y]) => compareStamps(x.stamp, y.stamp) || (a < b ? -1 : 1))
    .slice(0, MAX_TAGS_PER_PAPER)
    .map(([tag]) => tag);
  const texts = marks.notes.flatMap((version) => (version.text === null ? [] : [version.text]));
  const note = texts.length ? normalizeNote(texts.join(NOTE_CONFLICT_SEPARATOR)) : undefined;
  if (note !== undefined) shown.note = note;
  shown.noteConflict = texts.length > 1;
  return shown;
}

function isMarked(fields: Pick<UserFields, 'savedAt' | 'readAt' | 'tags' | 'note'>): boolean {
  return fields.savedAt !== undefined || fields.readAt !== undefined || fields.tags.length > 0 || fields.note !== undefined;
}

/** The minimal metadata that travels with a mark. */
export function metaOf(record: Pick<PaperRecord, 'title' | 'authors' | 'publishedAt'>): PaperMeta {
  const year = record.publishedAt ? new Date(record.publishedAt).getUTCFullYear() : NaN;
  const meta: { title: string; authors: string[]; year?: number } = { title: record.title, authors: (record.authors ?? []).slice(0, MAX_META_AUTHORS) };
  if (Number.isInteger(year)) meta.year = year;
  return meta;
}

export type LocalRecord = Pick<PaperRecord, 'savedAt' | 'readAt' | 'tags' | 'note' | 'title' | 'authors' | 'publishedAt'>;

/**
 * The operations that make the marks show what `record` holds (undefined: the paper was deleted from the
 * library). Empty when they already do. A paper never marked never enters the marks.
 */
export function opsFromRecord(record: LocalRecord | undefined, marks: PaperMarks | undefined): MarkOp[] {
  const shown = marks ? showMarks(marks) : undefined;
  if (!record) return shown && isMarked(shown) ? [{ kind: 'delete' }] : [];
  if (!shown) return isMarked(record) ? [...opsAgainst(record, { tags: [], noteConflict: false }), { kind: 'meta', meta: metaOf(record) }] : [];
  const ops = opsAgainst(record, shown);
  if (ops.length && !marks!.meta && isMarked(record)) ops.push({ kind: 'meta', meta: metaOf(record) });
  return ops;
}

function opsAgainst(record: LocalRecord, shown: ShownMarks): MarkOp[] {
  const ops: MarkOp[] = [];
  if ((record.savedAt !== undefined) !== (shown.savedAt !== undefined)) ops.push({ kind: 'saved', value: record.savedAt ?? null });
  if ((record.readAt !== undefined) !== (shown.readAt !== undefined)) ops.push({ kind: 'read', value: record.readAt ?? null });
  const local = new Set(record.tags);
  const remote = new Set(shown.tags);
  for (const tag of local) if (!remote.has(tag) && normalizeTag(tag) === tag) ops.push({ kind: 'tag', tag, present: true });
  for (const tag of remote) if (!local.has(tag)) ops.push({ kind: 'tag', tag, present: false });
  if ((record.note ?? undefined) !== shown.note) ops.push({ kind: 'note', text: record.note ?? null });
  return ops;
}

/** What to write into the library for one paper so it shows its merged marks. */
export type LocalApply =
  | { readonly kind: 'update'; readonly id: string; readonly changes: Partial<PaperRecord> }
  /** The library has no such paper: create it from the metadata (absent when it did not fit in sync). */
  | { readonly kind: 'create'; readonly id: string; readonly meta?: PaperMeta; readonly changes: Pick<PaperRecord, 'tags'> & Partial<PaperRecord> }
  /** Deleted on another device: remove the paper (only ever asked for a paper that holds marks). */
  | { readonly kind: 'delete'; readonly id: string };

/** Undefined: the record already shows the marks. */
export function planApply(id: string, marks: PaperMarks, record: LocalRecord | undefined): LocalApply | undefined {
  const shown = showMarks(marks);
  if (!isMarked(shown)) {
    // A tombstone removes a paper that holds marks; a paper only seen on this device stays in its history.
    if (marks.deleted && record && isMarked(record)) return { kind: 'delete', id };
    if (!record) return undefined;
  }
  if (!record) {
    const changes: Pick<PaperRecord, 'tags'> & Partial<PaperRecord> = { tags: shown.tags };
    if (shown.savedAt !== undefined) changes.savedAt = shown.savedAt;
    if (shown.readAt !== undefined) changes.readAt = shown.readAt;
    if (shown.note !== undefined) changes.note = shown.note;
    return marks.meta ? { kind: 'create', id, meta: marks.meta.value, changes } : { kind: 'create', id, changes };
  }
  // Only registers the marks hold change the record: a missing one means "not known", never "removed",
  // unless the paper has a tombstone, which erased every register older than it.
  const known = (register: unknown) => register !== undefined || marks.deleted !== undefined;
  const changes: Partial<PaperRecord> = {};
  if (known(marks.saved) && (record.savedAt !== undefined) !== (shown.savedAt !== undefined)) changes.savedAt = shown.savedAt;
  if (known(marks.read) && (record.readAt !== undefined) !== (shown.readAt !== undefined)) changes.readAt = shown.readAt;
  const kept = record.tags.filter((tag) => (known(marks.tags.get(tag)) ? shown.tags.includes(tag) : true));
  const added = shown.tags.filter((tag) => !record.tags.includes(tag));
  if (added.length || kept.length !== record.tags.length) changes.tags = [...kept, ...added];
  if (known(marks.notes[0]) && (record.note ?? undefined) !== shown.note) changes.note = shown.note;
  return Object.keys(changes).length ? { kind: 'update', id, changes } : undefined;
}
