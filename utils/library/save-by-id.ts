/**
 * Saving papers known only by their arXiv id (an imported reading list, the "Save to Paperdex" context
 * menu on a link). A paper already in the library is marked saved (its other fields untouched); an
 * unknown one gets a minimal record: the id, its arXiv (and HF) links, an empty title (the popup and
 * exports show the id in its place, and the first capture of a page showing it fills in the real
 * title, abstract and authors: `richerText` takes any title over an empty one), saved now. It has no
 * sighting yet (`seenCount` 0, no `seenOn`); its first/last seen are the time it was saved.
 * All in one transaction: every paper is saved, or none.
 */
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl } from '../paper/arxiv-id';
import { stamped, writeLibrary } from './feed/write';
import type { PaperLinks, PaperRecord } from '../paper/record';
import type { PaperdexDB } from './schema';

export interface PaperRef {
  id: string;
  /** Also link the HF paper page (the id came from one). */
  hf?: boolean;
}

export interface SaveByIdResult {
  /** Papers that were not in the library: created, saved. */
  created: number;
  /** Papers in the library, now saved. */
  saved: number;
  /** Papers already saved: nothing changed. */
  alreadySaved: number;
}

/** The record of a paper saved by id that the library has never seen. */
export function savedStub(ref: PaperRef, now: number): PaperRecord {
  const links: PaperLinks = { arxiv: arxivAbsUrl(ref.id), pdf: arxivPdfUrl(ref.id) };
  if (ref.hf) links.hf = hfPaperUrl(ref.id);
  return {
    id: ref.id,
    title: '',
    links,
    firstSeenAt: now,
    lastSeenAt: now,
    seenCount: 0,
    seenOn: [],
    sites: [],
    tags: [],
    savedAt: now,
    updatedAt: now,
  };
}

/** Saves every paper of `refs` (bare arXiv ids, validated by the caller), in one transaction. */
export async function saveById(db: PaperdexDB, refs: readonly PaperRef[], now = Date.now()): Promise<SaveByIdResult> {
  const result: SaveByIdResult = { created: 0, saved: 0, alreadySaved: 0 };
  const byId = new Map<string, PaperRef>();
  for (const ref of refs) byId.set(ref.id, { id: ref.id, hf: Boolean(ref.hf || byId.get(ref.id)?.hf) });
  const unique = [...byId.values()];
  if (!unique.length) return result;
  await writeLibrary(db, [db.papers, db.removedPapers], async (log) => {
    const existing = await db.papers.bulkGet(unique.map((ref) => ref.id));
    const writes: PaperRecord[] = [];
    unique.forEach((ref, at) => {
      const record = existing[at];
      if (!record) {
        writes.push(savedStub(ref, now));
        result.created++;
      } else if (record.savedAt === undefined) {
        writes.push(stamped(record, { savedAt: now }, now));
        result.saved++;
      } else {
        result.alreadySaved++;
      }
    });
    if (writes.length) await db.papers.bulkPut(writes);
    log.wrote(writes.map((record) => record.id), true);
    // A paper deleted earlier and saved again is in the library again: its tombstone goes.
    if (result.created) await db.removedPapers.bulkDelete(unique.filter((_, at) => !existing[at]).map((ref) => ref.id));
  });
  return result;
}
