/**
 * Hugging Face Papers adapter: `(document, url) → papers`. Pure: it reads the DOM and never changes it.
 *
 * HF renders each listing from one JSON island (`[data-target="DailyPapers"]`, `data-props`) that carries
 * abstracts and authors the compact cards don't show. Cards are found by their link (`/papers/<id>`),
 * never by Tailwind classes, and joined to the JSON by id. When the island is missing or broken the
 * cards' own text is used, and the drift is reported as a problem rather than silently ignored.
 */
import { type ArxivId, arxivAbsUrl, arxivIdFromHfPath, arxivPdfUrl, hfPaperUrl, parseArxivId } from '../../paper/arxiv-id';
import type { ControlTheme } from '../../ui/card-controls/card-control';
import type { CaptureProblem } from '../../messaging/messages';
import type { CapturedPaper, Listing, ListingKind } from '../../paper/record';
import { cleanText, githubUrl, isRecord, safeHttpUrl, sanitizeCapturedPaper } from '../../paper/sanitize';
import { decodeCharRefs } from './char-refs';
import { errorMessage } from '../../messaging/error-message';
import { countProblem, notRead, type PageCard, type PageParse, type ParseOptions, type SiteAdapter } from './site-adapter';

const HOST = 'huggingface.co';

interface HfRoute {
  kind: ListingKind;
  /** Period the island must describe on a period page. */
  periodType?: 'day' | 'week' | 'month';
  dateString?: string;
  query?: string;
  paperId?: string;
  paperVersion?: number;
}

/** Which HF papers page a URL is, or undefined for pages Paperdex doesn't read. */
export function routeHfUrl(url: URL): HfRoute | undefined {
  if (url.hostname !== HOST) return undefined;
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const query = url.searchParams.get('q')?.trim() || undefined;
  const withQuery = (route: HfRoute): HfRoute => (query ? { ...route, kind: 'search', query } : route);
  let match: RegExpExecArray | null;
  if (path === '/papers') return withQuery({ kind: 'daily' });
  if (path === '/papers/trending') return withQuery({ kind: 'trending' });
  if ((match = /^\/papers\/date\/(\d{4}-\d{2}-\d{2})$/.exec(path))) {
    return withQuery({ kind: 'daily', periodType: 'day', dateString: match[1]! });
  }
  if ((match = /^\/papers\/week\/(\d{4}-W\d{2})$/.exec(path))) {
    return withQuery({ kind: 'weekly', periodType: 'week', dateString: match[1]! });
  }
  if ((match = /^\/papers\/month\/(\d{4}-\d{2})$/.exec(path))) {
    return withQuery({ kind: 'monthly', periodType: 'month', dateString: match[1]! });
  }
  const paper = arxivIdFromHfPath(path);
  if (paper) return { kind: 'paper', paperId: paper.id, ...(paper.version ? { paperVersion: paper.version } : {}) };
  return undefined;
}

const PERIOD_KINDS: Record<string, ListingKind> = { day: 'daily', week: 'weekly', month: 'monthly' };
const KIND_LABELS: Partial<Record<ListingKind, string>> = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' };

function listingFor(route: HfRoute, url: URL, props: Record<string, unknown> | undefined): Listing {
  const periodType = typeof props?.periodType === 'string' ? props.periodType : route.periodType;
  const dateString = typeof props?.dateString === 'string' ? props.dateString : route.dateString;
  const periodKind = (periodType && PERIOD_KINDS[periodType]) || (route.kind === 'search' ? undefined : route.kind);
  const period = periodKind && KIND_LABELS[periodKind] ? `${KIND_LABELS[periodKind]}${dateString ? ` ${dateString}` : ''}` : undefined;
  let label: string;
  if (route.kind === 'search') {
    const where = url.pathname.startsWith('/papers/trending') ? 'Trending' : route.periodType ? period : undefined;
    label = `Search “${route.query}”${where ? ` in ${where}` : ''}`;
  } else if (route.kind === 'paper') {
    label = 'Paper page';
  } else if (route.kind === 'trending') {
    label = 'Trending';
  } else {
    label = period ?? 'Daily';
  }
  const kind = route.kind === 'daily' && periodKind ? periodKind : route.kind;
  const clean = new URL(url.href);
  clean.hash = '';
  return { site: 'hf', kind, label: cleanText(label, 300) ?? 'Hugging Face Papers', url: clean.href };
}

/** Reads and parses an island's JSON; reports why not when it can't. */
function readIsland(
  document: Document,
  target: string,
  problems: CaptureProblem[],
): Record<string, unknown> | undefined {
  const island = document.querySelector(`[data-target="${target}"]`);
  if (!island) {
    problems.push({ reason: 'island-missing', count: 1, detail: `no [data-target="${target}"] element` });
    return undefined;
  }
  const raw = island.getAttribute('data-props');
  try {
    const props: unknown = JSON.parse(raw ?? '');
    if (isRecord(props)) return props;
    problems.push({ reason: 'island-unexpected', count: 1, detail: `${target} props are not an object` });
  } catch (error) {
    problems.push({
      reason: 'island-unparseable',
      count: 1,
      detail: `${target}: ${errorMessage(error, 'invalid JSON')}`.slice(0, 300),
    });
  }
  return undefined;
}

interface DomCard {
  id: string;
  version?: number;
  element: Element;
  links: HTMLAnchorElement[];
}

/**
 * The paper a link points at, if it is a plain link to an HF paper page. `#community` counters, `?q=`
 * keyword links and login redirects name a paper too, but they are not the card's link.
 */
function paperLinkId(href: string, pageUrl: URL): ArxivId | undefined {
  // Most card links are site-relative paths: no need for the URL parser.
  if (href.startsWith('/papers/') && !/[?#]/.test(href)) return arxivIdFromHfPath(href);
  let url: URL;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return undefined;
  }
  return url.hostname === HOST && !url.hash && !url.search ? arxivIdFromHfPath(url.pathname) : undefined;
}

/** Paper cards in page order: the closest `article` (or single-paper container) of each paper link. */
export function findHfCards(root: ParentNode, pageUrl: URL): DomCard[] {
  const cards = new Map<string, DomCard>();
  for (const anchor of root.querySelectorAll<HTMLAnchorElement>('a[href*="/papers/"]')) {
    const parsed = paperLinkId(anchor.getAttribute('href') ?? '', pageUrl);
    if (!parsed) continue;
    const existing = cards.get(parsed.id);
    if (existing) {
      existing.links.push(anchor);
      if (parsed.version && !existing.version) existing.version = parsed.version;
      continue;
    }
    const element = anchor.closest('article') ?? cardContainer(anchor, parsed.id, pageUrl);
    cards.set(parsed.id, { id: parsed.id, ...(parsed.version ? { version: parsed.version } : {}), element, links: [anchor] });
  }
  return [...cards.values()];
}

/**
 * The paper cards of a listing page, for the on-page controls: `article` cards keyed on their paper link,
 * as the parser finds them. None on a paper page or a page Paperdex doesn't read, and none for a bare link
 * outside a card.
 */
export function listCardElements(document: Document): PageCard[] {
  let pageUrl: URL;
  try {
    pageUrl = new URL(document.URL);
  } catch {
    return [];
  }
  const route = routeHfUrl(pageUrl);
  if (!route || route.kind === 'paper') return [];
  return findHfCards(document, pageUrl)
    .filter((card) => card.element.tagName === 'ARTICLE')
    .map(({ id, element }) => ({ id, element }));
}

/** Without an `article`: the widest ancestor that still holds links to this one paper only. */
function cardContainer(anchor: Element, id: string, pageUrl: URL): Element {
  let best: Element = anchor;
  for (let node = anchor.parentElement; node && node !== node.ownerDocument.body; node = node.parentElement) {
    const ids = new Set<string>();
    for (const link of node.querySelectorAll<HTMLAnchorElement>('a[href*="/papers/"]')) {
      const parsed = paperLinkId(link.getAttribute('href') ?? '', pageUrl);
      if (parsed) ids.add(parsed.id);
    }
    if (ids.size > 1 || (ids.size === 1 && !ids.has(id))) break;
    best = node;
  }
  return best;
}

function text(element: Element | null | undefined): string | undefined {
  return cleanText(element?.textContent ?? undefined, 20_000);
}

/** Last-resort fields from a card's own markup (island missing or broken). */
function paperFromDom(card: DomCard): Record<string, unknown> {
  const { element, id } = card;
  const titleLink =
    card.links.find((link) => link.closest('h1, h2, h3, h4')) ??
    card.links.find((link) => !link.querySelector('img, p') && text(link));
  const heading = element.querySelector('h1, h2, h3, h4');
  const abstractLink = card.links.find((link) => link.querySelector('p'));
  const upvotes = element.querySelector('a[href^="/login"] .leading-none, label .leading-none, .leading-none');
  const comments = element.querySelector('a[href$="#community"]');
  const authors = [...element.querySelectorAll('li[title]')].map((item) => item.getAttribute('title'));
  const thumbnail = element.querySelector('img[src*="social-thumbnails"]')?.getAttribute('src');
  return {
    id,
    version: card.version,
    title: text(titleLink) ?? text(heading),
    abstract: abstractLink ? text(abstractLink.querySelector('p')) : undefined,
    authors,
    upvotes: text(upvotes),
    comments: text(comments),
    thumbnail,
    links: { hf: hfPaperUrl(id), arxiv: arxivAbsUrl(id), pdf: arxivPdfUrl(id) },
  };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

function nameOf(value: unknown): unknown {
  const record = asRecord(value);
  return record ? (record.fullname ?? record.name) : undefined;
}

/**
 * One `dailyPapers[i]` / `searchResults[i]` item (or a bare `paper` object) → unsanitized paper fields.
 * HF's strings can hold HTML character references (`D&#39;Mello`): its text fields are decoded once.
 */
export function paperFromHfItem(item: unknown): Record<string, unknown> | undefined {
  const outer = asRecord(item);
  if (!outer) return undefined;
  const paper = asRecord(outer.paper) ?? outer;
  const id = typeof paper.id === 'string' ? paper.id : undefined;
  if (!id) return undefined;
  const authors = Array.isArray(paper.authors)
    ? paper.authors.map((author) => {
        const record = asRecord(author);
        return decodeCharRefs(record ? (record.name ?? nameOf(record.user)) : author);
      })
    : undefined;
  return {
    id,
    title: decodeCharRefs(outer.title ?? paper.title),
    abstract: decodeCharRefs(paper.summary ?? outer.summary),
    authors,
    publishedAt: paper.publishedAt,
    upvotes: paper.upvotes,
    comments: outer.numComments ?? paper.numComments,
    thumbnail: outer.thumbnail,
    aiSummary: decodeCharRefs(paper.ai_summary),
    aiKeywords: Array.isArray(paper.ai_keywords) ? paper.ai_keywords.map(decodeCharRefs) : paper.ai_keywords,
    organization: decodeCharRefs(nameOf(outer.organization ?? paper.organization)),
    githubStars: paper.githubStars,
    links: {
      hf: hfPaperUrl(id),
      arxiv: arxivAbsUrl(id),
      pdf: arxivPdfUrl(id),
      github: githubUrl(paper.githubRepo),
      project: safeHttpUrl(paper.projectPage),
    },
  };
}

/** Whether the island describes the page the URL names (it lags behind after client-side navigation). */
function islandMatchesRoute(props: Record<string, unknown>, route: HfRoute): boolean {
  if (route.periodType && props.periodType !== route.periodType) return false;
  if (route.dateString && props.dateString !== route.dateString) return false;
  const query = asRecord(props.query)?.q;
  const islandQuery = typeof query === 'string' && query.trim() ? query.trim() : undefined;
  return islandQuery === route.query;
}

export function parseHfPage(document: Document, url: string, options: ParseOptions = {}): PageParse {
  let pageUrl: URL;
  try {
    pageUrl = new URL(url);
  } catch {
    return notRead();
  }
  const route = routeHfUrl(pageUrl);
  if (!route) return notRead();
  return route.kind === 'paper'
    ? parsePaperPage(document, pageUrl, route)
    : parseListingPage(document, pageUrl, route, options);
}

function parseListingPage(document: Document, pageUrl: URL, route: HfRoute, options: ParseOptions): PageParse {
  const problems: CaptureProblem[] = [];
  let props = readIsland(document, 'DailyPapers', problems);
  let items: unknown[] | undefined;
  if (props) {
    if (!options.acceptMismatch && !islandMatchesRoute(props, route)) {
      return { listing: listingFor(route, pageUrl, undefined), papers: [], problems: [], stale: true };
    }
    const list = route.query ? props.searchResults : props.dailyPapers;
    if (Array.isArray(list)) {
      items = list;
    } else {
      problems.push({
        reason: 'island-unexpected',
        count: 1,
        detail: `DailyPapers has no ${route.query ? 'searchResults' : 'dailyPapers'} array`,
      });
      props = undefined;
    }
  }

  const domCards = findHfCards(document, pageUrl);
  const fromJson = new Map<string, Record<string, unknown>>();
  for (const item of items ?? []) {
    const fields = paperFromHfItem(item);
    const id = fields && parseArxivId(fields.id as string);
    // An item without a usable id can't be joined to its card: the card is broken, count it.
    if (fields && id) fromJson.set(id.id, { ...fields, id: id.id });
    else countProblem(problems, 'card-invalid', 'an island item has no valid arXiv id');
  }

  // What the user was shown: the rendered cards, enriched from the JSON. The island also carries lists
  // that aren't rendered (the period list on a search page), so with both present, the DOM decides.
  // A card the island doesn't know (appended after the page was built) is read from its own markup;
  // a bare link outside any card (a sidebar, a comment) is not a card.
  let raw: Record<string, unknown>[];
  if (items && domCards.length) {
    raw = domCards.flatMap((card) => {
      const fields = fromJson.get(card.id);
      if (fields) return [{ ...fields, ...(card.version ? { version: card.version } : {}) }];
      return card.element.tagName === 'ARTICLE' ? [paperFromDom(card)] : [];
    });
  } else if (items) {
    raw = [...fromJson.values()];
  } else {
    raw = domCards.map(paperFromDom);
  }

  const papers: CapturedPaper[] = [];
  for (const fields of raw) {
    const paper = sanitizeCapturedPaper(fields);
    if (paper) papers.push(paper);
    else countProblem(problems, 'card-invalid', 'a card has no valid arXiv id or title');
  }
  if (!papers.length) {
    problems.push({ reason: 'no-cards', count: 1, detail: `no paper cards on ${pageUrl.pathname}` });
  }
  return { listing: listingFor(route, pageUrl, props), papers, problems, stale: false };
}

function parsePaperPage(document: Document, pageUrl: URL, route: HfRoute): PageParse {
  const problems: CaptureProblem[] = [];
  const props = readIsland(document, 'PaperContent', problems);
  let fields = props ? paperFromHfItem(props.paper) : undefined;
  if (props && !fields) {
    problems.push({ reason: 'island-unexpected', count: 1, detail: 'PaperContent has no paper' });
  }
  if (fields && fields.id !== route.paperId) {
    // The island lags behind a client-side navigation to another paper.
    return { listing: listingFor(route, pageUrl, undefined), papers: [], problems: [], stale: true };
  }
  fields ??= {
    id: route.paperId,
    title: text(document.querySelector('main h1, h1')),
    links: { hf: hfPaperUrl(route.paperId!), arxiv: arxivAbsUrl(route.paperId!), pdf: arxivPdfUrl(route.paperId!) },
  };
  if (route.paperVersion) fields.version = route.paperVersion;
  const paper = sanitizeCapturedPaper(fields);
  if (!paper) problems.push({ reason: 'no-cards', count: 1, detail: 'the paper page has no readable title' });
  return {
    listing: listingFor(route, pageUrl, undefined),
    papers: paper ? [paper] : [],
    problems,
    stale: false,
  };
}

/** Hugging Face marks its dark theme with `html.dark`. */
export function hfTheme(document: Document): ControlTheme {
  return document.documentElement.classList.contains('dark') ? 'dark' : 'light';
}

/** Hugging Face Papers: a client-side app; the island and its cards live inside `<main>`. */
export const huggingface: SiteAdapter = {
  site: 'hf',
  listingKind: (url) => routeHfUrl(url)?.kind,
  parse: parseHfPage,
  listCards: listCardElements,
  theme: hfTheme,
  container: (document) => document.querySelector('main') ?? document.querySelector('[data-target="DailyPapers"]')?.parentElement ?? null,
  rerenders: true,
  // The island's data changes in place when HF switches tabs client-side.
  watchAttributes: ['data-props'],
};
