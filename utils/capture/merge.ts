/**
 * Every rule for folding a new sighting into the library lives here.
 *
 * - Page fields (title, abstract, counts, links…) take the newer value, except that a page which gives
 *   less (no abstract, a shortened title, a subset of the authors) never erases what an earlier page gave.
 * - Seen fields keep the earliest first-seen, the latest last-seen, and count page views; a reload of the
 *   same listing within `REVISIT_WINDOW_MS` is the same view.
 * - User fields (saved, tags, read, note) and anything else already on the record are carried over
 *   untouched: capture has no way to write them (and its write keeps the stored ones regardless:
 *   `withStoredUserFields`, utils/library/feed/write.ts).
 */
import { sightingStamp } from '../library/feed/cursor';
import type { PaperCounters } from './fingerprint';
import type { CapturedPaper, Listing, PaperLinks, PaperRecord, SeenPlace } from '../paper/record';
import { notInFuture } from '../paper/sanitize';

export const REVISIT_WINDOW_MS = 30 * 60 * 1000;
export const MAX_PLACES = 20;

/** Keeps `previous` when `next` is missing or is a truncated copy of it. */
export function richerText(previous: string | undefined, next: string | undefined): string | undefined {
  if (!next) return previous;
  if (!previous || previous === next) return next;
  const stem = next.replace(/(…|\.\.\.)$/, '').trimEnd();
  return previous.length > next.length && previous.startsWith(stem) ? previous : next;
}

/** Keeps `previous` when `next` only lists some of the same authors (compact cards show a few). */
export function richerAuthors(previous: string[] | undefined, next: string[] | undefined): string[] | undefined {
  if (!next?.length) return previous;
  if (!previous?.length) return next;
  if (next.length < previous.length) {
    const known = new Set(previous);
    if (next.every((name) => known.has(name))) return previous;
  }
  return next;
}

function mergeLinks(previous: PaperLinks | undefined, next: PaperLinks): PaperLinks {
  return { ...previous, ...next };
}

/**
 * The page fields of `paper` folded over those of `previous` (the newer value wins, a page that gives
 * less erases nothing). Also used by the library import, with the more recently seen copy as `paper`.
 */
export function pickPageFields(previous: PaperRecord | undefined, paper: CapturedPaper): CapturedPaper {
  const merged: CapturedPaper = {
    id: paper.id,
    title: richerText(previous?.title, paper.title) ?? paper.title,
    links: mergeLinks(previous?.links, paper.links),
  };
  const version = Math.max(previous?.version ?? 0, paper.version ?? 0);
  const optional: Partial<CapturedPaper> = {
    version: version > 0 ? version : undefined,
    abstract: richerText(previous?.abstract, paper.abstract),
    authors: richerAuthors(previous?.authors, paper.authors),
    aiSummary: richerText(previous?.aiSummary, paper.aiSummary),
    aiKeywords: paper.aiKeywords?.length ? paper.aiKeywords : previous?.aiKeywords,
    publishedAt: paper.publishedAt ?? previous?.publishedAt,
    upvotes: paper.upvotes ?? previous?.upvotes,
    comments: paper.comments ?? previous?.comments,
    githubStars: paper.githubStars ?? previous?.githubStars,
    thumbnail: paper.thumbnail ?? previous?.thumbnail,
    organization: paper.organization ?? previous?.organization,
    primaryCategory: paper.primaryCategory ?? previous?.primaryCategory,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Whether this sighting is a new page view of the paper (not a reload of one just recorded). */
function isNewView(places: SeenPlace[], listing: Listing, now: number): boolean {
  const place = places.find((entry) => entry.url === listing.url);
  return !place || now - place.lastAt >= REVISIT_WINDOW_MS || now < place.lastAt;
}

function updatePlaces(places: SeenPlace[], listing: Listing, now: number, newView: boolean): SeenPlace[] {
  const previous = places.find((entry) => entry.url === listing.url);
  const place: SeenPlace = {
    site: listing.site,
    kind: listing.kind,
    label: listing.label,
    url: listing.url,
    lastAt: Math.max(notInFuture(previous?.lastAt ?? now, now), now),
    count: (previous?.count ?? 0) + (newView ? 1 : 0),
  };
  return [place, ...places.filter((entry) => entry !== previous)].slice(0, MAX_PLACES);
}

/**
 * Folds one captured paper seen on `listing` at `now` into its library record (or creates it).
 * `seenAt` (a few ms before `now`: the card's place on the page, `sightingTimes` in record-capture.ts)
 * is the paper's first/last-seen time; page views are counted at `now`, the page's time.
 */
export function mergeSighting(
  previous: PaperRecord | undefined,
  paper: CapturedPaper,
  listing: Listing,
  now: number,
  seenAt = now,
): PaperRecord {
  const places = previous?.seenOn ?? [];
  const newView = isNewView(places, listing, now);
  const base: PaperRecord = previous
    ? { ...previous }
    : { ...paper, firstSeenAt: seenAt, lastSeenAt: seenAt, seenCount: 0, seenOn: [], sites: [], tags: [], updatedAt: now };

  // Drop page fields from the copy first so a field the merge decides to leave out really goes.
  for (const key of PAGE_FIELD_KEYS) delete (base as unknown as Record<string, unknown>)[key];

  return {
    ...base,
    ...pickPageFields(previous, paper),
    firstSeenAt: Math.min(base.firstSeenAt, seenAt),
    // A future last-seen (stored before imports clamped dates) would keep the paper first in "recent": this sighting replaces it.
    lastSeenAt: Math.max(notInFuture(base.lastSeenAt, now), seenAt),
    seenCount: base.seenCount + (newView ? 1 : 0),
    seenOn: updatePlaces(places, listing, now, newView),
    sites: base.sites.includes(listing.site) ? base.sites : [...base.sites, listing.site],
    // Provisional: the capture's write stamps it past the stored value (`stamped`, utils/library/feed).
    updatedAt: sightingStamp(base.updatedAt, now),
  };
}

export const PAGE_FIELD_KEYS = [
  'version', 'title', 'abstract', 'authors', 'links', 'publishedAt', 'upvotes', 'comments',
  'thumbnail', 'aiSummary', 'aiKeywords', 'organization', 'githubStars', 'primaryCategory',
] as const satisfies readonly (keyof CapturedPaper)[];

/**
 * A sighting of a paper whose content is already in the library (the listing showed it before, with
 * the same fingerprint): the same rules, fed with the record's own page fields and the new counters.
 */
export function mergeRevisit(previous: PaperRecord, counters: PaperCounters, listing: Listing, now: number, seenAt = now): PaperRecord {
  const paper = { links: previous.links } as CapturedPaper;
  for (const key of PAGE_FIELD_KEYS) {
    if (previous[key] !== undefined) (paper as unknown as Record<string, unknown>)[key] = previous[key];
  }
  return mergeSighting(previous, { ...paper, ...counters, id: previous.id, title: previous.title }, listing, now, seenAt);
}
