/**
 * How an imported paper folds into the library's copy of the same paper. The same rules as capture
 * (utils/capture/merge.ts), made symmetric, so that importing a file twice changes nothing the second time:
 * - page fields: the copy seen more recently is the newer page, folded over the other by `pickPageFields`
 *   (a copy that gives less, e.g. a paper saved by id with no title yet, erases nothing);
 * - seen fields: earliest first-seen, latest last-seen; listings united by URL (latest time, larger
 *   count); `seenCount` the larger of the two (both copies may hold the same sightings, so adding them
 *   would count those twice);
 * - user fields: tags united; saved and read kept if either copy has them, at the earlier time; notes:
 *   when one contains the other the longer is kept, otherwise both are kept, the library's first,
 *   separated by a blank line (nothing the user typed is lost, and a second import finds it contained).
 */
import { MAX_PLACES, PAGE_FIELD_KEYS, pickPageFields } from '../../capture/merge';
import type { PaperRecord, SeenPlace } from '../../paper/record';
import { MAX_TAGS_PER_PAPER } from '../../paper/tags';
import { MAX_NOTE_LENGTH } from '../../paper/note';

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function mergePlaces(a: SeenPlace[], b: SeenPlace[]): SeenPlace[] {
  const byUrl = new Map<string, SeenPlace>();
  for (const place of [...a, ...b]) {
    const known = byUrl.get(place.url);
    byUrl.set(
      place.url,
      known
        ? { ...(place.lastAt > known.lastAt ? place : known), lastAt: Math.max(known.lastAt, place.lastAt), count: Math.max(known.count, place.count) }
        : place,
    );
  }
  return [...byUrl.values()].sort((x, y) => y.lastAt - x.lastAt || (x.url < y.url ? -1 : 1)).slice(0, MAX_PLACES);
}

/** Two notes as one, nothing of either lost (see the rules above); also used for a note recovered after a page closed. */
export function mergeNotes(library: string | undefined, imported: string | undefined): string | undefined {
  if (!imported || library === imported) return library || imported;
  if (!library) return imported;
  if (library.includes(imported)) return library;
  if (imported.includes(library)) return imported;
  return `${library}\n\n${imported}`.slice(0, MAX_NOTE_LENGTH);
}

/** The library's record `existing` with the imported copy `imported` folded in (`updatedAt` untouched). */
export function mergeImportedPaper(existing: PaperRecord, imported: PaperRecord): PaperRecord {
  const importedIsNewer = imported.lastSeenAt > existing.lastSeenAt;
  const [older, newer] = importedIsNewer ? [existing, imported] : [imported, existing];
  const page = pickPageFields(older, newer);
  const merged = { ...existing } as PaperRecord;
  for (const key of PAGE_FIELD_KEYS) delete (merged as unknown as Record<string, unknown>)[key];
  Object.assign(merged, page, {
    firstSeenAt: Math.min(existing.firstSeenAt, imported.firstSeenAt),
    lastSeenAt: Math.max(existing.lastSeenAt, imported.lastSeenAt),
    seenCount: Math.max(existing.seenCount, imported.seenCount),
    seenOn: mergePlaces(existing.seenOn, imported.seenOn),
    sites: [...new Set([...existing.sites, ...imported.sites])],
    tags: [...new Set([...existing.tags, ...imported.tags])].slice(0, MAX_TAGS_PER_PAPER),
  });
  for (const key of ['savedAt', 'readAt'] as const) {
    const at = earliest(existing[key], imported[key]);
    if (at === undefined) delete merged[key];
    else merged[key] = at;
  }
  const note = mergeNotes(existing.note, imported.note);
  if (note) merged.note = note;
  else delete merged.note;
  return merged;
}

/** Whether two values are the same JSON-like data (key order ignored; `undefined` keys count as absent). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, at) => sameData(item, other[at]));
  }
  const left = Object.entries(a).filter(([, value]) => value !== undefined);
  const right = b as Record<string, unknown>;
  const rightCount = Object.values(right).filter((value) => value !== undefined).length;
  return left.length === rightCount && left.every(([key, value]) => sameData(value, right[key]));
}

/** Whether two records hold the same paper data (`updatedAt` aside). */
export function sameRecord(a: PaperRecord, b: PaperRecord): boolean {
  return sameData({ ...a, updatedAt: 0 }, { ...b, updatedAt: 0 });
}
