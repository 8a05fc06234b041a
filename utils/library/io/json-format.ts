/**
 * Paperdex's library export format (JSON), version 1. Documented here; the README points to it.
 *
 * A file is one JSON object, written with one paper per line so that a large file can be read a line at
 * a time without freezing the page (any JSON tool reads it as usual; a reformatted file is read too):
 *
 *   {"format":"paperdex-library","version":1,"exportedAt":"2026-11-27T21:40:00.000Z","count":2,"papers":[
 *   {"id":"2501.01234","title":"…","links":{…},"firstSeenAt":1732000000000,…},
 *   {"id":"hep-th/9901001","title":"",…}
 *   ]}
 *
 * - `format`: always `"paperdex-library"`. `version`: an integer, 1 here; a reader refuses versions
 *   newer than it knows and upgrades older ones (`MIGRATIONS`). `exportedAt`: ISO time. `count`: the
 *   number of papers (used for progress only).
 * - `papers`: one object per paper, exactly the library record (`PaperRecord` in utils/paper/record.ts):
 *   - page fields: `id` (bare arXiv id, the key), `version`, `title` (empty for a paper saved by id and
 *     never seen), `abstract`, `authors[]`, `links{hf,arxiv,pdf,github,project}`, `publishedAt` (ISO),
 *     `upvotes`, `comments`, `thumbnail`, `aiSummary`, `aiKeywords[]`, `organization`, `githubStars`,
 *     `primaryCategory` (e.g. `cs.LG`);
 *   - seen fields: `firstSeenAt`, `lastSeenAt` (epoch ms), `seenCount`, `seenOn[]` (`{site, kind,
 *     label, url, lastAt, count}` per listing), `sites[]` (`"hf"`, `"arxiv"`);
 *   - user fields: `savedAt`, `readAt` (epoch ms, absent when not saved / unread), `tags[]`, `note`;
 *   - `updatedAt`: when the record was last written. Informative only: an import stamps the time it
 *     writes (the search index catches up from it).
 *   Absent optional fields are left out. Unknown fields are ignored on import.
 * - Import validates every paper before writing anything: a missing or malformed id, time or list is
 *   an error naming the paper ("paper 12: …"); text is cleaned and bounded and links kept only when
 *   http(s), as for captured pages (utils/paper/sanitize.ts); a listing is kept only on its own site; a time (or
 *   `publishedAt`) more than a day after the import is taken as the import's time (`notInFuture`).
 */
import { parseArxivId } from '../../paper/arxiv-id';
import { MAX_PLACES } from '../../capture/merge';
import { normalizeNote } from '../../paper/note';
import { type ListingKind, type PaperRecord, type SeenPlace, SOURCE_SITES, type SourceSite } from '../../paper/record';
import { cleanText, isOnOrigin, isRecord, LIMITS, notInFuture, safeHttpUrl, sanitizeCapturedPaper, SITE_ORIGINS } from '../../paper/sanitize';
import { MAX_TAGS_PER_PAPER, normalizeTag } from '../../paper/tags';

export const EXPORT_FORMAT = 'paperdex-library';
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  count: number;
}

/**
 * Upgrades of older versions: `MIGRATIONS[n]` turns a version-n paper into a version-(n + 1) paper.
 * Version 1 is the first, so there are none yet; a version 2 adds `MIGRATIONS[1]` and nothing else.
 */
export type PaperMigration = (paper: unknown) => unknown;
export const MIGRATIONS: Readonly<Record<number, PaperMigration>> = {};

/** The oldest version a reader accepts: the first one from which every step up to the current exists. */
export function oldestReadable(migrations: Readonly<Record<number, PaperMigration>>, current: number): number {
  let version = current;
  while (migrations[version - 1]) version--;
  return version;
}

/** Runs the migration steps from `version` up to `current` on one paper. */
export function migratePaper(
  paper: unknown,
  version: number,
  migrations: Readonly<Record<number, PaperMigration>> = MIGRATIONS,
  current = EXPORT_VERSION,
): unknown {
  let value = paper;
  for (let step = version; step < current; step++) value = migrations[step]!(value);
  return value;
}

/** Checks the header object of a file; returns an error message a user can act on, or the version. */
export function checkHeader(
  value: unknown,
  migrations: Readonly<Record<number, PaperMigration>> = MIGRATIONS,
  current = EXPORT_VERSION,
): { ok: true; version: number; count?: number } | { ok: false; error: string } {
  if (!isRecord(value) || value.format !== EXPORT_FORMAT) return { ok: false, error: 'not a Paperdex export (it is JSON, but not a library saved by Paperdex)' };
  const { version } = value;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    return { ok: false, error: `not a Paperdex export (its format version is ${version === undefined ? 'missing' : `${cleanText(String(version), 20) ?? ''}, not a number`})` };
  }
  if (version > current) return { ok: false, error: `version ${version} is newer than this extension (it reads up to version ${current}): update Paperdex` };
  const oldest = oldestReadable(migrations, current);
  if (version < oldest) return { ok: false, error: `version ${version} is too old for this extension (it reads versions ${oldest} to ${current})` };
  const count = typeof value.count === 'number' && Number.isSafeInteger(value.count) && value.count >= 0 ? value.count : undefined;
  return { ok: true, version, ...(count === undefined ? {} : { count }) };
}

/** The header line of a file (see the module comment): the papers follow one per line. */
export function headerLine(count: number, now: number): string {
  const header: ExportHeader = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date(now).toISOString(), count };
  return `${JSON.stringify(header).slice(0, -1)},"papers":[\n`;
}

export const FOOTER_LINE = ']}\n';

// Epoch ms from 2000 to 2200: anything else is not a time this library wrote.
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2200, 0, 1);

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= MIN_TIME && value <= MAX_TIME;
}

const SITES = SOURCE_SITES;
const KINDS: readonly ListingKind[] = ['daily', 'weekly', 'monthly', 'trending', 'search', 'paper', 'listing'];

function seenPlace(value: unknown, now: number): SeenPlace | undefined {
  if (!isRecord(value)) return undefined;
  const { site, kind, lastAt, count } = value;
  if (!SITES.includes(site as SourceSite) || !KINDS.includes(kind as ListingKind) || !isTime(lastAt)) return undefined;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return undefined;
  const url = safeHttpUrl(value.url);
  const label = cleanText(value.label, 300);
  // A listing is on its own site, as captures are (`listingOnSenderPage`): it is shown as a link.
  if (!url || !label || !isOnOrigin(url, SITE_ORIGINS[site as SourceSite])) return undefined;
  return { site: site as SourceSite, kind: kind as ListingKind, label, url, lastAt: notInFuture(lastAt, now), count };
}

export type PaperCheck = { ok: true; record: PaperRecord } | { ok: false; error: string };

/**
 * One paper of an export (already migrated to the current version) as a library record: structure
 * errors are refused with a message; text, links and lists are cleaned and bounded; a time more than a
 * day after `now` (the import's time) becomes `now` (`notInFuture`). `updatedAt` is set to 0: the import
 * stamps it when it writes.
 */
/** The export's time fields as a refusal names them (a user reads these, not the file's keys). */
const FIELD_NAMES = { firstSeenAt: 'first-seen date', lastSeenAt: 'last-seen date', savedAt: 'saved date', readAt: 'read date' } as const;

export function checkPaper(value: unknown, now = Date.now()): PaperCheck {
  const fail = (error: string): PaperCheck => ({ ok: false, error });
  if (!isRecord(value)) return fail('not a paper record');
  const raw = value;
  if (typeof raw.id !== 'string') return fail('it has no arXiv id');
  const parsed = parseArxivId(raw.id);
  if (!parsed) return fail(`"${cleanText(raw.id, 40) ?? ''}" is not an arXiv id`);
  if (typeof raw.title !== 'string') return fail('its title is not text');
  // Page fields: the capture's own sanitizer (a paper saved by id has an empty title, which it refuses).
  const page = sanitizeCapturedPaper({ ...raw, id: raw.id, title: 'untitled' }, now);
  if (!page) return fail('its page fields are invalid');
  page.title = cleanText(raw.title, LIMITS.title) ?? '';

  for (const key of ['firstSeenAt', 'lastSeenAt'] as const) {
    if (!isTime(raw[key])) return fail(`its ${FIELD_NAMES[key]} is not a valid date`);
  }
  const first = notInFuture(raw.firstSeenAt as number, now);
  const last = notInFuture(raw.lastSeenAt as number, now);
  const { seenCount } = raw;
  if (typeof seenCount !== 'number' || !Number.isSafeInteger(seenCount) || seenCount < 0) return fail('its seen count is not a whole number');
  if (raw.seenOn !== undefined && !Array.isArray(raw.seenOn)) return fail('its places seen are not a list');
  if (raw.sites !== undefined && !Array.isArray(raw.sites)) return fail('its sites are not a list');
  if (raw.tags !== undefined && !Array.isArray(raw.tags)) return fail('its tags are not a list');
  for (const key of ['savedAt', 'readAt'] as const) {
    if (raw[key] !== undefined && raw[key] !== null && !isTime(raw[key])) return fail(`its ${FIELD_NAMES[key]} is not a valid date`);
  }
  if (raw.note !== undefined && raw.note !== null && typeof raw.note !== 'string') return fail('its note is not text');

  const seenOn = ((raw.seenOn as unknown[] | undefined) ?? []).slice(0, MAX_PLACES * 4).map((place) => seenPlace(place, now)).filter((place) => place !== undefined);
  const sites = [...new Set(((raw.sites as unknown[] | undefined) ?? []).filter((site): site is SourceSite => SITES.includes(site as SourceSite)))];
  const tags = [
    ...new Set(((raw.tags as unknown[] | undefined) ?? []).map((tag) => (typeof tag === 'string' ? normalizeTag(tag) : undefined)).filter((tag) => tag !== undefined)),
  ].slice(0, MAX_TAGS_PER_PAPER);

  const record: PaperRecord = {
    ...page,
    firstSeenAt: Math.min(first, last),
    lastSeenAt: Math.max(first, last),
    seenCount,
    seenOn: seenOn.slice(0, MAX_PLACES),
    sites,
    tags,
    updatedAt: 0,
  };
  if (isTime(raw.savedAt)) record.savedAt = notInFuture(raw.savedAt, now);
  if (isTime(raw.readAt)) record.readAt = notInFuture(raw.readAt, now);
  const note = typeof raw.note === 'string' ? normalizeNote(raw.note) : undefined;
  if (note) record.note = note;
  return { ok: true, record };
}
