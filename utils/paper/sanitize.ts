/**
 * Page content is untrusted. Every captured paper passes through `sanitizeCapturedPaper` twice: in the
 * content script (so messages stay small) and in the background (which trusts no message).
 * Text is kept as plain text, links only when http(s), and every field is bounded.
 */
import { parseArxivId } from './arxiv-id';
import { stripBidiControls } from './bidi';
import type { CapturedPaper, PaperLinks, SourceSite } from './record';

export const LIMITS = {
  title: 1_000,
  abstract: 10_000,
  authors: 100,
  authorName: 200,
  aiSummary: 2_000,
  aiKeywords: 50,
  keyword: 100,
  organization: 200,
  url: 2_048,
} as const;

// Any run of whitespace or invisible control characters that is not already a single plain space.
// eslint-disable-next-line no-control-regex
const MESSY_SPACE = /[\s\u0000-\u001f\u007f\u200b\ufeff]{2,}|[^\S ]|[\u0000-\u001f\u007f\u200b\ufeff]/g;

/** Collapses whitespace runs to one space. Only touches what needs it: most page text is already clean. */
function collapseSpace(text: string): string {
  MESSY_SPACE.lastIndex = 0;
  return MESSY_SPACE.test(text) ? text.replace(MESSY_SPACE, ' ').trim() : text.trim();
}

/** Cleaning only shrinks text, so there is no need to look past a few times the limit. */
function head(value: string, max: number): string {
  return value.length > max * 4 ? value.slice(0, max * 4) : value;
}

/** Collapses whitespace and control characters and cuts to `max` characters (never mid surrogate pair). */
export function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = collapseSpace(stripBidiControls(head(value, max)));
  return text ? truncate(text, max) : undefined;
}

/** Like `cleanText` but keeps paragraph breaks (abstracts). */
export function cleanMultilineText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = stripBidiControls(head(value, max))
    .split(/\r?\n(?:[^\S\n]*\r?\n)+/)
    .map(collapseSpace)
    .filter(Boolean)
    .join('\n\n');
  return text ? truncate(text, max) : undefined;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

// Already absolute, canonical http(s) URLs (what pages and adapters mostly give) skip the URL parser.
// (No port, and a top-level label that starts with a letter: the parser rewrites default ports and
// numeric hosts such as 0x7f.1.)
const CANONICAL_HTTP_URL = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\/[\w\-.~!$&'()*+,;=:@%/?]*$/;
// `.` and `..` path segments (also percent-encoded) are resolved by the parser, so they take the slow path.
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:[/?]|$)/i;

/** An absolute http(s) URL, resolved against `base`; `javascript:`, `data:` and the rest give undefined. */
export function safeHttpUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.url) return undefined;
  if (CANONICAL_HTTP_URL.test(value) && !DOT_SEGMENT.test(value)) return value;
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  return url.href;
}

/** The origin of each site Paperdex reads: its content scripts run there, and its paper links point there. */
export const SITE_ORIGINS: Readonly<Record<SourceSite, string>> = { hf: 'https://huggingface.co', arxiv: 'https://arxiv.org' };

/** A URL's origin (`https://host[:port]`), or undefined when it is not a URL. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether a URL that `safeHttpUrl` gave (canonical: lowercase host, no default port, a path) is on `origin`.
 * A prefix test: no URL parse for each of a large import's links.
 */
export function isOnOrigin(safeUrl: string, origin: string): boolean {
  return safeUrl.startsWith(origin) && safeUrl[origin.length] === '/';
}

/** HF sometimes gives a bare `owner/repo` for GitHub. */
export function githubUrl(value: unknown): string | undefined {
  if (typeof value === 'string' && /^[\w.-]+\/[\w.-]+$/.test(value.trim())) {
    return safeHttpUrl(`https://github.com/${value.trim()}`);
  }
  return safeHttpUrl(value);
}

/** A plain object (not null, not an array): what every untrusted structure must be before it is read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function safeCount(value: unknown): number | undefined {
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) value = Number(value.trim());
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * How far after the present a date from a page or a file may be: a day, for clocks that differ between
 * devices and calendar dates read in another time zone.
 */
export const FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

/**
 * `at`, or `now` when `at` is more than `FUTURE_SKEW_MS` after it: a later date is not a real one, and kept
 * it would sort first in "recently seen" (or "published") for years. Not `now + FUTURE_SKEW_MS`: a paper
 * seen after the import or capture must still come before it.
 */
export function notInFuture(at: number, now: number): number {
  return at > now + FUTURE_SKEW_MS ? now : at;
}

function safeIsoDate(value: unknown, now: number): string | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  return year >= 1990 && year <= 2200 ? new Date(notInFuture(time, now)).toISOString() : undefined;
}

// arXiv categories: an archive (`cs`, `hep-th`, `astro-ph`) and an optional subject class (`LG`, `AP`,
// `CO`, or lowercase with a hyphen in some archives: `cond-mat.stat-mech`, `physics.flu-dyn`).
const ARXIV_CATEGORY = /^[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[a-z]+)?)?$/;

/** An arXiv category such as `cs.LG` or `hep-th`; anything else (names, markup, long text) gives undefined. */
export function safeArxivCategory(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const category = value.trim();
  return category.length <= 32 && ARXIV_CATEGORY.test(category) ? category : undefined;
}

/**
 * The list's texts, cleaned and bounded. `unique` drops repeats: right for keywords, wrong for authors
 * (two people on one paper can share a name, and the page lists both).
 */
function cleanList(value: unknown, maxItems: number, maxLength: number, unique: boolean): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of value) {
    const text = cleanText(item, maxLength);
    if (text && !(unique && seen.has(text))) {
      if (unique) seen.add(text);
      out.push(text);
      if (out.length === maxItems) break;
    }
  }
  return out.length ? out : undefined;
}

function safeLinks(value: unknown): PaperLinks {
  const links: PaperLinks = {};
  if (!isRecord(value)) return links;
  const raw = value;
  // The links shown as "HF", "arXiv" and "PDF" go to those sites or are dropped (adapters build them from the id).
  const sites = { hf: SITE_ORIGINS.hf, arxiv: SITE_ORIGINS.arxiv, pdf: SITE_ORIGINS.arxiv, project: undefined };
  for (const key of ['hf', 'arxiv', 'pdf', 'project'] as const) {
    const url = safeHttpUrl(raw[key]);
    if (url && (sites[key] === undefined || isOnOrigin(url, sites[key]))) links[key] = url;
  }
  const github = githubUrl(raw.github);
  if (github) links.github = github;
  return links;
}

/**
 * Validates and bounds one captured paper. Returns `undefined` when it has no valid arXiv id or no
 * title: such a card is skipped (and counted by the caller), never stored. `now`: the present, for dates.
 */
export function sanitizeCapturedPaper(value: unknown, now = Date.now()): CapturedPaper | undefined {
  if (!isRecord(value)) return undefined;
  const raw = value;
  if (typeof raw.id !== 'string') return undefined;
  const parsedId = parseArxivId(raw.id);
  if (!parsedId) return undefined;
  const title = cleanText(raw.title, LIMITS.title);
  if (!title) return undefined;

  const paper: CapturedPaper = { id: parsedId.id, title, links: safeLinks(raw.links) };
  const version = safeCount(raw.version) ?? parsedId.version;
  if (version !== undefined && version > 0 && version < 1000) paper.version = version;
  const optional: Partial<CapturedPaper> = {
    abstract: cleanMultilineText(raw.abstract, LIMITS.abstract),
    authors: cleanList(raw.authors, LIMITS.authors, LIMITS.authorName, false),
    publishedAt: safeIsoDate(raw.publishedAt, now),
    upvotes: safeCount(raw.upvotes),
    comments: safeCount(raw.comments),
    thumbnail: safeHttpUrl(raw.thumbnail),
    aiSummary: cleanText(raw.aiSummary, LIMITS.aiSummary),
    aiKeywords: cleanList(raw.aiKeywords, LIMITS.aiKeywords, LIMITS.keyword, true),
    organization: cleanText(raw.organization, LIMITS.organization),
    githubStars: safeCount(raw.githubStars),
    primaryCategory: safeArxivCategory(raw.primaryCategory),
  };
  for (const [key, field] of Object.entries(optional)) {
    if (field !== undefined) (paper as unknown as Record<string, unknown>)[key] = field;
  }
  return paper;
}
