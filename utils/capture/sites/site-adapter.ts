/**
 * What a site gives Paperdex: the one contract every site adapter implements (`huggingface.ts`,
 * `arxiv.ts`). The content-script runner (`utils/capture/content-runner.ts`) needs nothing else from a
 * site: it parses with `parse`, finds the cards for the controls with `listCards`, and watches the
 * page as `container`, `watchAttributes` and `relevantMutation` say. Adapters are pure: they read the DOM, never change it.
 */
import type { ControlPlace, ControlTheme } from '../../ui/card-controls/card-control';
import type { CaptureProblem, CaptureProblemReason } from '../../messaging/messages';
import type { CapturedPaper, Listing, ListingKind, SourceSite } from '../../paper/record';

/** What a page shows: the one parse result of every site. */
export interface PageParse {
  /** What listing this URL is; undefined when the URL is not a page the adapter reads. */
  listing: Listing | undefined;
  /** Papers shown on the page, in page order, each once, sanitized. */
  papers: CapturedPaper[];
  /** Drift and broken input noticed while reading. */
  problems: CaptureProblem[];
  /** The page's data still describes another page than the URL (a client-side navigation in flight). */
  stale: boolean;
}

export interface ParseOptions {
  /** Trust page data that disagrees with the URL (HF clamps future dates, for one). */
  acceptMismatch?: boolean;
}

/** A paper card on the page: where its control goes. */
export interface PageCard {
  id: string;
  element: Element;
}

/** Where a card's control is inserted. */
export interface Placement {
  parent: Node;
  before: Node | null;
  /** How the control sits there (default inline; see `defaultPlacement`). */
  mode?: ControlPlace;
}

export interface SiteAdapter {
  site: SourceSite;
  /** Which listing kind a URL is, or undefined for pages the adapter doesn't read. */
  listingKind(url: URL): ListingKind | undefined;
  /** Reads the page. Pure; never throws on odd markup (drift is reported in `problems`). */
  parse(document: Document, url: string, options?: ParseOptions): PageParse;
  /** `parse` in steps (it yields between steps), for pages long enough to be a long task in one piece. */
  parseSteps?(document: Document, url: string): Generator<void, PageParse>;
  /** The cards that get a control, in page order, each paper once; none on pages without cards. */
  listCards(document: Document): PageCard[];
  theme(document: Document): ControlTheme;
  /** Where cards are rendered and re-rendered: the runner watches it (less than the body keeps pages fast). */
  container(document: Document): Element | null;
  /**
   * Whether the page can change what it lists after load (an SPA: rescan on mutations and URL changes).
   * Server-rendered pages are read once; only the card controls follow cards added later.
   */
  rerenders: boolean;
  /** Attributes in `container` whose changes are page changes (HF's island `data-props`); none by default. */
  watchAttributes?: readonly string[];
  /** Mutations that can add or remove cards (others, e.g. MathJax typesetting, are ignored); default all. */
  relevantMutation?(record: MutationRecord): boolean;
  /** Where a card's control goes; default after the card's title (`defaultPlacement`). */
  place?(card: PageCard): Placement | undefined;
}

/** Counts one more problem of this kind (the first one's detail is kept). */
export function countProblem(problems: CaptureProblem[], reason: CaptureProblemReason, detail: string, count = 1): void {
  const existing = problems.find((problem) => problem.reason === reason);
  if (existing) existing.count += count;
  else problems.push({ reason, count, detail });
}

/** The result for a URL the adapter doesn't read. */
export function notRead(): PageParse {
  return { listing: undefined, papers: [], problems: [], stale: false };
}

const CARD_NODES = new Set(['DT', 'DD', 'DL', 'LI', 'ARTICLE']);

/** Listing markup: only entries (`dt`/`dd`, `li`, `article`) coming or going can change the cards. */
export function entryMutation(record: MutationRecord): boolean {
  const isCard = (node: Node) => CARD_NODES.has(node.nodeName);
  return [...record.addedNodes].some(isCard) || [...record.removedNodes].some(isCard);
}
