/**
 * The one message protocol between Paperdex's contexts. Every message that arrives is `unknown` until
 * `parseMessage` says otherwise: content scripts run inside pages we do not control.
 */
import type { CapturedPaper, Listing, ListingKind, SourceSite } from './paper';
import { cleanText, isRecord, safeHttpUrl, sanitizeCapturedPaper } from './sanitize';

export const CAPTURE_PROBLEMS = [
  'island-missing',
  'island-unparseable',
  'island-unexpected',
  'no-cards',
  'card-invalid',
  // A page's metadata tags (arXiv abstract page `citation_*`) are missing: read from its markup instead.
  'meta-missing',
] as const;
export type CaptureProblemReason = (typeof CAPTURE_PROBLEMS)[number];

/** Markup drift or broken input noticed while reading a page. */
export interface CaptureProblem {
  reason: CaptureProblemReason;
  /** Short human explanation, e.g. the JSON error. */
  detail?: string;
  /** How many times it happened on this page view (e.g. invalid cards). */
  count: number;
}

export interface CaptureMessage {
  type: 'capture';
  listing: Listing;
  papers: CapturedPaper[];
  problems: CaptureProblem[];
}

/** `accepted`: papers stored (queued durably, merged into the library right after); `skipped`: invalid cards. */
export type CaptureResponse = { ok: true; accepted: number; skipped: number } | { ok: false; error: string };

export type Message = CaptureMessage;

/** The largest batch one message may carry (arXiv lists up to 2,000 per page). */
export const MAX_BATCH = 2_500;
const MAX_PROBLEMS = 20;

const SITES: readonly SourceSite[] = ['hf', 'arxiv'];
const KINDS: readonly ListingKind[] = ['daily', 'weekly', 'monthly', 'trending', 'search', 'paper', 'listing'];

function parseListing(value: unknown): Listing | undefined {
  if (!isRecord(value)) return undefined;
  const { site, kind } = value;
  if (!SITES.includes(site as SourceSite) || !KINDS.includes(kind as ListingKind)) return undefined;
  const url = safeHttpUrl(value.url);
  const label = cleanText(value.label, 300);
  if (!url || !label) return undefined;
  return { site: site as SourceSite, kind: kind as ListingKind, label, url };
}

function parseProblem(value: unknown): CaptureProblem | undefined {
  if (!isRecord(value) || !CAPTURE_PROBLEMS.includes(value.reason as CaptureProblemReason)) return undefined;
  const count = typeof value.count === 'number' && Number.isSafeInteger(value.count) && value.count > 0 ? value.count : 1;
  const detail = cleanText(value.detail, 300);
  return { reason: value.reason as CaptureProblemReason, count: Math.min(count, MAX_BATCH), ...(detail ? { detail } : {}) };
}

export type ParsedMessage =
  | { ok: true; message: Message; invalidPapers: number }
  | { ok: false; error: string };

/**
 * Checks a message's shape and bounds every field. Papers that fail validation are dropped and
 * counted (`invalidPapers`) so one broken card never loses the rest of the page.
 */
export function parseMessage(value: unknown): ParsedMessage {
  if (!isRecord(value)) return { ok: false, error: 'message is not an object' };
  if (value.type !== 'capture') return { ok: false, error: 'unknown message type' };
  const listing = parseListing(value.listing);
  if (!listing) return { ok: false, error: 'capture: invalid listing' };
  if (!Array.isArray(value.papers) || value.papers.length > MAX_BATCH) {
    return { ok: false, error: `capture: papers must be an array of at most ${MAX_BATCH}` };
  }
  if (value.problems !== undefined && (!Array.isArray(value.problems) || value.problems.length > MAX_PROBLEMS)) {
    return { ok: false, error: 'capture: invalid problems' };
  }
  const papers: CapturedPaper[] = [];
  let invalidPapers = 0;
  for (const raw of value.papers) {
    const paper = sanitizeCapturedPaper(raw);
    if (paper) papers.push(paper);
    else invalidPapers++;
  }
  const problems = ((value.problems as unknown[] | undefined) ?? [])
    .map(parseProblem)
    .filter((problem): problem is CaptureProblem => problem !== undefined);
  return { ok: true, message: { type: 'capture', listing, papers, problems }, invalidPapers };
}

/** Pages whose content scripts may send captures. */
const CAPTURE_ORIGINS = ['https://huggingface.co', 'https://arxiv.org'];

export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { url?: string };
}

/** Only this extension's own content scripts, on a page Paperdex reads, may send captures. */
export function isTrustedCaptureSender(sender: SenderLike, extensionId: string): boolean {
  if (sender.id !== extensionId || !sender.tab) return false;
  const url = sender.url ?? sender.tab.url;
  if (!url) return false;
  try {
    return CAPTURE_ORIGINS.includes(new URL(url).origin);
  } catch {
    return false;
  }
}

