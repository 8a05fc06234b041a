/**
 * The one message protocol between Paperdex's contexts. Every message that arrives is `unknown` until
 * `parseMessage` says otherwise: content scripts run inside pages we do not control.
 */
import { type CapturedPaper, type Listing, type ListingKind, SOURCE_SITES, type SourceSite } from '../paper/record';
import { isArxivId } from '../paper/arxiv-id';
import { cleanText, isRecord, originOf, safeHttpUrl, sanitizeCapturedPaper, SITE_ORIGINS } from '../paper/sanitize';
import type { StorageHealth } from '../library/storage/storage-health';
import { normalizeTag } from '../paper/tags';
import type { StorageFailure } from '../library/storage/write-failure';
import type { SiteCardControls } from '../library/settings';

export const CAPTURE_PROBLEMS = [
  'island-missing',
  'island-unparseable',
  'island-unexpected',
  'no-cards',
  'card-invalid',
  // A page's metadata tags (arXiv abstract page `citation_*`) are missing: read from its markup instead.
  'meta-missing',
  // A page view or tab went over the capture limits (utils/capture/page-views.ts): the papers over them were refused.
  'capture-limit',
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

/**
 * `accepted`: papers stored (queued durably, merged into the library right after); `skipped`: invalid
 * cards; `refused`: cards over the capture limits (absent when none).
 */
export type CaptureResponse = { ok: true; accepted: number; skipped: number; refused?: number } | { ok: false; error: string };

/** Content script → background: the library's state of the papers on the page (unknown ids are left out). */
export interface PaperStatesMessage {
  type: 'paper-states';
  ids: string[];
  /** Also answer with the library's tags (for the tag entry's autocomplete). */
  withTags?: boolean;
}

/**
 * Content script → background: a user action on a card. `paper` and `listing` are the card as captured, so
 * a card whose capture is not in the library yet can still be saved or tagged.
 */
export type PaperActionMessage =
  | { type: 'set-saved'; id: string; saved: boolean; paper?: CapturedPaper; listing?: Listing }
  | { type: 'add-tag'; id: string; tag: string; paper?: CapturedPaper; listing?: Listing }
  | { type: 'remove-tag'; id: string; tag: string };

/**
 * Extension page → background → content scripts: these papers' user fields changed (or, without ids,
 * the settings did); open listing pages refresh their controls. Carries ids only: receivers read the state.
 */
export interface LibraryChangedMessage {
  type: 'library-changed';
  ids: string[];
}
export interface SettingsChangedMessage {
  type: 'settings-changed';
}

/**
 * Extension page → background: merge the captures still queued (a worker stopped before merging them
 * leaves them in `pendingCaptures`), answered once merged. Sent by the popup and library page as they
 * open and awaited by an export before it reads.
 */
export interface MergePendingMessage {
  type: 'merge-pending';
}
/** `papers`: queued papers merged now; `failed`: queued rows that could not be merged (they stay queued). */
export type MergePendingResponse = { ok: true; papers: number; failed: number } | { ok: false; error: string };

/** One user action on a paper in the library (the same four as a card's, plus read). */
export type PaperChange = { saved: boolean } | { read: boolean } | { addTag: string } | { removeTag: string };

/**
 * Extension page (the popup) → background: write one user action through `utils/library/user-actions.ts`, the
 * one write rule; the background announces it to open tabs. Answered once written: `title` of the paper
 * as written, `found: false` when the library has no such paper (deleted elsewhere).
 */
export interface ChangePaperMessage {
  type: 'change-paper';
  id: string;
  change: PaperChange;
}
export type ChangePaperResponse = { ok: true; found: true; title: string } | { ok: true; found: false } | { ok: false; error: string };

/** A paper's state as a card's control shows it. Seen fields are as stored when asked (before this visit's capture on a first ask). */
export interface PaperState {
  saved: boolean;
  tags: string[];
  read: boolean;
  seenCount: number;
  firstSeenAt: number;
  lastSeenAt: number;
}

export type PaperStatesResponse =
  | { ok: true; states: Record<string, PaperState>; dimSeen: boolean; cardControls?: Record<SourceSite, SiteCardControls>; tags?: string[] }
  | { ok: false; error: string };
/** `notOnPage`: the paper is not among those this page view captured (yet): capture, then try again. */
export type PaperActionResponse = { ok: true; state: PaperState } | { ok: false; error: string; notOnPage?: true };
export type AnnounceResponse = { ok: true } | { ok: false; error: string };

/**
 * Extension page → background: the storage-trouble state (`utils/library/storage/storage-health.ts`), measured now;
 * `failure`: a write of the page's failed for that storage reason (capture pauses).
 */
export interface StorageHealthMessage {
  type: 'storage-health';
  failure?: StorageFailure;
}
export type StorageHealthResponse = { ok: true; health: StorageHealth } | { ok: false; error: string };

export type Message = CaptureMessage | PaperStatesMessage | PaperActionMessage | LibraryChangedMessage | SettingsChangedMessage | MergePendingMessage | StorageHealthMessage | ChangePaperMessage;

/** What the background answers to each message type. */
export interface ResponseOf {
  capture: CaptureResponse;
  'paper-states': PaperStatesResponse;
  'set-saved': PaperActionResponse;
  'add-tag': PaperActionResponse;
  'remove-tag': PaperActionResponse;
  'library-changed': AnnounceResponse;
  'settings-changed': AnnounceResponse;
  'merge-pending': MergePendingResponse;
  'storage-health': StorageHealthResponse;
  'change-paper': ChangePaperResponse;
}

/** Library tags sent for autocomplete at most. */
export const MAX_AUTOCOMPLETE_TAGS = 200;

/** The largest batch one message may carry (arXiv lists up to 2,000 per page). */
export const MAX_BATCH = 2_500;
const MAX_PROBLEMS = 20;

const SITES = SOURCE_SITES;
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
export function parseMessage(value: unknown, now = Date.now()): ParsedMessage {
  if (!isRecord(value)) return { ok: false, error: 'message is not an object' };
  if (value.type !== 'capture') {
    const message = parseControlMessage(value, now);
    return typeof message === 'string' ? { ok: false, error: message } : { ok: true, message, invalidPapers: 0 };
  }
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
    const paper = sanitizeCapturedPaper(raw, now);
    if (paper) papers.push(paper);
    else invalidPapers++;
  }
  const problems = ((value.problems as unknown[] | undefined) ?? [])
    .map(parseProblem)
    .filter((problem): problem is CaptureProblem => problem !== undefined);
  return { ok: true, message: { type: 'capture', listing, papers, problems }, invalidPapers };
}

function parseIds(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_BATCH) return undefined;
  const ids: string[] = [];
  for (const raw of value) {
    if (typeof raw !== 'string' || !isArxivId(raw)) return undefined;
    ids.push(raw);
  }
  return ids;
}

/** The messages of the on-page controls and of change announcements; a string is the reason for refusing. */
function parseControlMessage(value: Record<string, unknown>, now: number): Message | string {
  const { type } = value;
  if (type === 'settings-changed' || type === 'merge-pending') return { type };
  if (type === 'storage-health') {
    if (value.failure === undefined) return { type };
    return value.failure === 'disk-full' || value.failure === 'write-error' ? { type, failure: value.failure } : 'storage-health: unknown failure';
  }
  if (type === 'change-paper') return parseChangePaper(value);
  if (type === 'paper-states' || type === 'library-changed') {
    const ids = parseIds(value.ids);
    if (!ids) return `${type}: ids must be at most ${MAX_BATCH} bare arXiv ids`;
    return type === 'paper-states' ? { type, ids, ...(value.withTags === true ? { withTags: true } : {}) } : { type, ids };
  }
  if (type !== 'set-saved' && type !== 'add-tag' && type !== 'remove-tag') return 'unknown message type';
  const id = typeof value.id === 'string' && isArxivId(value.id) ? value.id : undefined;
  if (!id) return `${type}: invalid paper id`;
  if (type === 'set-saved' && typeof value.saved !== 'boolean') return 'set-saved: saved must be true or false';
  let tag: string | undefined;
  if (type !== 'set-saved') {
    tag = typeof value.tag === 'string' && value.tag.length <= 200 ? normalizeTag(value.tag) : undefined;
    if (!tag) return `${type}: a tag needs at least one letter or digit`;
  }
  if (type === 'remove-tag') return { type, id, tag: tag! };
  // The card as captured: both or neither, and for this paper.
  let card: { paper: CapturedPaper; listing: Listing } | undefined;
  if (value.paper !== undefined || value.listing !== undefined) {
    const paper = sanitizeCapturedPaper(value.paper, now);
    const listing = parseListing(value.listing);
    if (!paper || paper.id !== id || !listing) return `${type}: invalid card`;
    card = { paper, listing };
  }
  return type === 'set-saved' ? { type, id, saved: value.saved as boolean, ...card } : { type, id, tag: tag!, ...card };
}

/** A tag as a message may carry it: normalized, undefined when it has no letter or digit (or is over-long). */
const messageTag = (value: unknown): string | undefined => (typeof value === 'string' && value.length <= 200 ? normalizeTag(value) || undefined : undefined);

function parseChangePaper(value: Record<string, unknown>): ChangePaperMessage | string {
  const id = typeof value.id === 'string' && isArxivId(value.id) ? value.id : undefined;
  if (!id) return 'change-paper: invalid paper id';
  const change = isRecord(value.change) ? value.change : {};
  const keys = Object.keys(change);
  if (keys.length !== 1) return 'change-paper: one change at a time';
  if (typeof change.saved === 'boolean') return { type: 'change-paper', id, change: { saved: change.saved } };
  if (typeof change.read === 'boolean') return { type: 'change-paper', id, change: { read: change.read } };
  const key = keys[0] === 'addTag' || keys[0] === 'removeTag' ? keys[0] : undefined;
  if (!key) return 'change-paper: unknown change';
  const tag = messageTag(change[key]);
  if (!tag) return 'change-paper: a tag needs at least one letter or digit';
  return { type: 'change-paper', id, change: key === 'addTag' ? { addTag: tag } : { removeTag: tag } };
}

/** Pages whose content scripts may send captures. */
const CAPTURE_ORIGINS = Object.values(SITE_ORIGINS);

export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  documentId?: string;
}

/** Only this extension's own content scripts, on a page Paperdex reads, may send captures. */
export function isTrustedCaptureSender(sender: SenderLike, extensionId: string): boolean {
  if (sender.id !== extensionId || !sender.tab) return false;
  const origin = originOf(sender.url ?? sender.tab.url);
  return origin !== undefined && CAPTURE_ORIGINS.includes(origin);
}

/**
 * Whether the listing a message names (a capture's, or a card action's card) is on the page that sent it,
 * and on its own site: it is stored as where the paper was seen and shown as a link, so a listing of
 * `https://evil.example/` (or an arXiv listing sent from Hugging Face) is refused. Messages without a
 * listing pass.
 */
export function listingOnSenderPage(message: Message, sender: SenderLike): boolean {
  const listing = 'listing' in message ? message.listing : undefined;
  if (!listing) return true;
  const origin = originOf(listing.url);
  return origin === SITE_ORIGINS[listing.site] && origin === originOf(sender.url ?? sender.tab?.url);
}

/**
 * Who may send what: content scripts (on a page Paperdex reads) capture and act on cards; the extension's
 * own pages (popup, library; `extensionOrigin` is theirs, `moz-extension://<uuid>` in Firefox) announce changes,
 * ask for queued captures to be merged, ask for the storage state and change papers (`change-paper`: not
 * held to a page view, so never from a content script).
 */
export function isAllowedSender(
  type: Message['type'],
  sender: SenderLike,
  extensionId: string,
  extensionOrigin = `chrome-extension://${extensionId}`,
): boolean {
  if (type === 'library-changed' || type === 'settings-changed' || type === 'merge-pending' || type === 'storage-health' || type === 'change-paper') {
    // A prefix test: URL parsers other than the browsers' give opaque origins for extension schemes.
    return sender.id === extensionId && !!sender.url && sender.url.startsWith(`${extensionOrigin}/`);
  }
  return isTrustedCaptureSender(sender, extensionId);
}

