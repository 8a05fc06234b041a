/**
 * arXiv adapter: `(document, url) → papers`. Pure: it reads the DOM and never changes it.
 *
 * arXiv pages are server-rendered templates (arxiv-browse, arxiv-search), so there is no island to wait
 * for: a listing (`/list/…`, and a past day's `/catchup/…`) is one `dt` + `dd` pair per paper inside one
 * or more `dl#articles` sections, a search
 * page one `li.arxiv-result` per hit, and an abstract page carries `citation_*` meta tags. Cards are
 * keyed on their `/abs/<id>` link (both the current markup and the older `span.list-identifier` one),
 * links are rebuilt from the id rather than copied from the page, and drift (no cards, broken cards,
 * missing meta tags) is reported as problems, never thrown.
 */
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl, type ArxivId, parseArxivId } from '../../paper/arxiv-id';
import type { CaptureProblem } from '../../messaging/messages';
import type { CapturedPaper, Listing, ListingKind, PaperLinks } from '../../paper/record';
import { cleanText, safeArxivCategory, sanitizeCapturedPaper } from '../../paper/sanitize';
import { countProblem, entryMutation, notRead, type PageCard, type PageParse, type SiteAdapter } from './site-adapter';
import { pageTheme } from '../../ui/card-controls/page-theme';

export type ArxivPageKind = 'new' | 'recent' | 'pastweek' | 'month' | 'catchup' | 'abs' | 'search';

export interface ArxivRoute {
  view: ArxivPageKind;
  kind: ListingKind;
  /** Listing category (`cs.LG`, `hep-th`, or a whole archive such as `cs`). */
  category?: string;
  /** `YYYY-MM` of a monthly listing (also given as `YYMM` in the URL). */
  month?: string;
  /** First item shown, from `?skip=` on listings. */
  skip?: number;
  /** The day a catch-up listing shows (`YYYY-MM-DD`). */
  day?: string;
  /** Page of a catch-up listing, from `?page=` (2,000 entries a page), when past the first. */
  page?: number;
  query?: string;
  /** Archive a search is restricted to (`/search/cs?…`). */
  searchArchive?: string;
  advanced?: boolean;
  paperId?: string;
  paperVersion?: number;
}

const HOST = 'arxiv.org';
const LIST_PATH = /^\/list\/([^/]+)\/([^/]+)$/;
/** `/catchup/<subject>/<YYYY-MM-DD>`: a past day's new listing (arxiv-browse's catchup page, up to 90 days back). */
const CATCHUP_PATH = /^\/catchup\/([^/]+)\/(\d{4})-(\d{2})-(\d{2})$/;
const VIEW_KINDS: Record<'new' | 'recent' | 'pastweek', ListingKind> = { new: 'daily', recent: 'listing', pastweek: 'listing' };

/** `2026-03` or `2603` (`9901` → 1999-01) → `YYYY-MM`; anything else → undefined. */
function listingMonth(segment: string): string | undefined {
  let match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(segment);
  if (match) return `${match[1]}-${match[2]}`;
  match = /^(\d{2})(0[1-9]|1[0-2])$/.exec(segment);
  if (!match) return undefined;
  // arXiv began in 1991: two-digit years from 91 are 19xx.
  const year = Number(match[1]) >= 91 ? `19${match[1]}` : `20${match[1]}`;
  return `${year}-${match[2]}`;
}

/** The query a search URL asks for: `query=` on simple searches, the `terms-N-term` fields on advanced ones. */
function searchQuery(params: URLSearchParams): string | undefined {
  const simple = params.get('query')?.trim();
  if (simple) return simple;
  const terms: string[] = [];
  for (const [key, value] of params) {
    if (/^terms-\d+-term$/.test(key) && value.trim()) terms.push(value.trim());
  }
  return terms.length ? terms.join(' ') : undefined;
}

/** Which arXiv page a URL is, or undefined for pages Paperdex doesn't read. */
export function routeArxivUrl(url: URL): ArxivRoute | undefined {
  if (url.hostname !== HOST) return undefined;
  const path = url.pathname.replace(/\/+$/, '') || '/';
  let match: RegExpExecArray | null;

  if ((match = LIST_PATH.exec(path))) {
    const category = safeArxivCategory(match[1]!);
    if (!category) return undefined;
    const skip = Number(url.searchParams.get('skip') ?? '0');
    const paging = Number.isSafeInteger(skip) && skip > 0 ? { skip } : {};
    const view = match[2]!;
    if (view === 'new' || view === 'recent' || view === 'pastweek') {
      return { view, kind: VIEW_KINDS[view], category, ...paging };
    }
    const month = listingMonth(view);
    return month ? { view: 'month', kind: 'monthly', category, month, ...paging } : undefined;
  }

  if ((match = CATCHUP_PATH.exec(path))) {
    // The subject is an archive or a category, or the physics group (its one id that is neither).
    const category = match[1] === 'grp_physics' ? match[1] : safeArxivCategory(match[1]!);
    const day = isoDate(Number(match[2]), Number(match[3]), Number(match[4]));
    if (!category || !day) return undefined;
    const page = Number(url.searchParams.get('page') ?? '1');
    return { view: 'catchup', kind: 'daily', category, day: day.slice(0, 10), ...(Number.isSafeInteger(page) && page > 1 ? { page } : {}) };
  }

  if (path.startsWith('/abs/')) {
    const parsed = parseArxivId(path.slice('/abs/'.length));
    return parsed ? { view: 'abs', kind: 'paper', paperId: parsed.id, ...(parsed.version ? { paperVersion: parsed.version } : {}) } : undefined;
  }

  if ((match = /^\/search(?:\/([^/]+))?$/.exec(path))) {
    const query = searchQuery(url.searchParams);
    // The bare search form (no query yet) shows no papers.
    if (!query) return undefined;
    const where = match[1];
    if (where === 'advanced') return { view: 'search', kind: 'search', query, advanced: true };
    if (where) {
      const archive = safeArxivCategory(where);
      return archive ? { view: 'search', kind: 'search', query, searchArchive: archive } : undefined;
    }
    return { view: 'search', kind: 'search', query };
  }
  return undefined;
}

const VIEW_LABELS: Record<'new' | 'recent' | 'pastweek', string> = { new: 'new', recent: 'recent', pastweek: 'past week' };

/** The label a person reads in the seen history: "arXiv cs.LG · new", "arXiv search “diffusion”". */
export function arxivListingLabel(route: ArxivRoute): string {
  switch (route.view) {
    case 'new':
    case 'recent':
    case 'pastweek':
    case 'month': {
      const period = route.view === 'month' ? route.month! : VIEW_LABELS[route.view];
      return `arXiv ${route.category} · ${period}${route.skip ? ` · from #${route.skip + 1}` : ''}`;
    }
    case 'catchup':
      return `arXiv ${route.category} · catch-up ${route.day}${route.page ? ` · page ${route.page}` : ''}`;
    case 'abs':
      return 'arXiv abstract page';
    case 'search':
      return `arXiv ${route.advanced ? 'advanced search' : 'search'} “${route.query}”${route.searchArchive ? ` in ${route.searchArchive}` : ''}`;
  }
}

function listingFor(route: ArxivRoute, url: URL): Listing {
  const clean = new URL(url.href);
  clean.hash = '';
  return { site: 'arxiv', kind: route.kind, label: cleanText(arxivListingLabel(route), 300) ?? 'arXiv', url: clean.href };
}

// ---------------------------------------------------------------------------------------------------
// Reading text

const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'MJX-CONTAINER']);
/** What MathJax 2 adds around typeset formulas (the TeX stays in a `script[type^="math/tex"]`). */
const MATHJAX_OUTPUT = /(?:^|\s)MathJax(?:_Preview|_CHTML|_SVG|_Display)?(?:\s|$)/;

/**
 * An element's text without the children `skip` rejects (the "Title:" descriptors, the "▽ More"
 * links), and never the content of scripts or styles a hostile page put inside a field. arXiv typesets
 * TeX in titles and abstracts with MathJax: a formula is read back as its TeX source (`$x^2$`), as
 * the page was served, not as the glyphs MathJax drew.
 */
function textOf(element: Element | null | undefined, skip?: (child: Element) => boolean): string {
  if (!element) return '';
  if (!element.firstElementChild) return element.textContent ?? '';
  let out = '';
  for (const node of element.childNodes) {
    if (node.nodeType === 3) out += node.nodeValue ?? '';
    else if (node.nodeType === 1) {
      const child = node as Element;
      if (child.tagName === 'SCRIPT' && child.getAttribute('type')?.startsWith('math/tex')) {
        out += `$${child.textContent ?? ''}$`;
        continue;
      }
      if (NOT_TEXT.has(child.tagName) || MATHJAX_OUTPUT.test(child.className) || skip?.(child)) continue;
      out += textOf(child, skip);
    }
  }
  return out;
}

const isDescriptor = (child: Element) => child.classList.contains('descriptor');

/** The category in the last parentheses of a subject name: "Machine Learning (cs.LG)" → `cs.LG`. */
function categoryOf(subject: string): string | undefined {
  const match = /\(([^()]+)\)\s*$/.exec(subject.trim());
  return match ? safeArxivCategory(match[1]) : undefined;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "3 January, 2025" (search results) or "2025/01/03" (citation_date) → ISO date, or undefined. */
function arxivDate(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  let match = /(\d{4})\/(\d{1,2})\/(\d{1,2})/.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /(\d{1,2})\s+([A-Za-z]+),?\s+(\d{4})/.exec(text);
  if (!match) return undefined;
  const month = MONTHS.findIndex((name) => name.startsWith(match![2]!.toLowerCase()) && match![2]!.length >= 3);
  return month >= 0 ? isoDate(Number(match[3]), month + 1, Number(match[1])) : undefined;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date.toISOString() : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Ids and links

/** The paper an arXiv `/abs/<id>` (or `/pdf/<id>`) link points at; links to other hosts don't count. */
function idFromHref(href: string | null): ArxivId | undefined {
  if (!href) return undefined;
  let path: string;
  if (href.startsWith('/')) {
    path = href.replace(/[?#].*$/, '');
  } else {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return undefined;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.hostname !== HOST && !url.hostname.endsWith(`.${HOST}`)) return undefined;
    path = url.pathname;
  }
  const match = /^\/(?:abs|pdf)\/(.+?)(?:\.pdf)?\/?$/.exec(path);
  return match ? parseArxivId(match[1]!) : undefined;
}

/** "arXiv:2501.01234v2" → the id. */
function idFromText(text: string | null | undefined): ArxivId | undefined {
  const match = /^\s*arXiv:\s*(\S+)\s*$/i.exec(text ?? '');
  return match ? parseArxivId(match[1]!) : undefined;
}

/**
 * Links for a paper, built from its id and never copied from the page (a hostile card can't plant a
 * `javascript:` URL or another host). The page's PDF link only contributes a version it names, when it
 * is an arXiv link to this same paper. HF only has pages for new-style ids.
 */
function paperLinks(id: string, pdfHref: string | null | undefined): PaperLinks {
  const pdf = idFromHref(pdfHref ?? null);
  return {
    arxiv: arxivAbsUrl(id),
    pdf: arxivPdfUrl(pdf?.id === id && pdf.version ? `${id}v${pdf.version}` : id),
    ...(id.includes('/') ? {} : { hf: hfPaperUrl(id) }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Cards

interface ListingCard {
  id: string;
  version?: number;
  dt: Element;
  /** The `dd` after the `dt`, holding title, authors, subjects and (on /new) the abstract. */
  dd: Element | undefined;
}

/** The first link in `dt` with this `title` or whose href has this path part (`a[title=…], a[href*=…]`). */
function dtLink(dt: Element, title: string, pathPart: string): Element | undefined {
  for (const link of dt.getElementsByTagName('a')) {
    if (link.getAttribute('title') === title || link.getAttribute('href')?.includes(pathPart)) return link;
  }
  return undefined;
}

/** The id a listing's `dt` names: its Abstract link's href, else that link's `id` attribute or text. */
function listingCardId(dt: Element): ArxivId | undefined {
  const link = dtLink(dt, 'Abstract', '/abs/');
  return link ? (idFromHref(link.getAttribute('href')) ?? parseArxivId(link.id) ?? idFromText(link.textContent)) : undefined;
}

/**
 * Every `dt` + `dd` pair of a listing, in page order, each paper once (a paper listed both as a new
 * submission and as a cross-list is shown once per page by arXiv, but this does not rely on it).
 * `dt`s without a recognisable id are counted in `unreadable`.
 */
function findListingCards(root: ParentNode): { cards: ListingCard[]; unreadable: number; sections: number } {
  const cards: ListingCard[] = [];
  const seen = new Set<string>();
  let unreadable = 0;
  const lists = root.querySelectorAll('dl');
  let sections = 0;
  for (const list of lists) {
    let any = false;
    for (const dt of list.children) {
      if (dt.tagName !== 'DT') continue;
      any = true;
      const id = listingCardId(dt);
      if (!id) {
        unreadable++;
        continue;
      }
      if (seen.has(id.id)) continue;
      seen.add(id.id);
      const next = dt.nextElementSibling;
      cards.push({ id: id.id, ...(id.version ? { version: id.version } : {}), dt, dd: next?.tagName === 'DD' ? next : undefined });
    }
    if (any) sections++;
  }
  return { cards, unreadable, sections };
}

// Per-card queries go through the card's own containers (`dd.querySelector('.list-authors')`, then its
// links) rather than one descendant selector (`dd.querySelectorAll('.list-authors a')`): Chromium
// answers the latter by checking every `.list-authors` of the document, 2,000 of them on a big listing
// (measured in Chromium: 270–670 ms for the page instead of 10–35 ms).

/** The links inside `parent` (none without a parent). */
function linksIn(parent: Element | null | undefined): Element[] {
  return parent ? Array.from(parent.getElementsByTagName('a')) : [];
}

function searchResultId(item: Element): ArxivId | undefined {
  const link = item.querySelector('.list-title')?.querySelector('a[href*="/abs/"], a') ?? item.querySelector('a[href*="/abs/"]');
  return link ? (idFromHref(link.getAttribute('href')) ?? idFromText(link.textContent)) : undefined;
}

function absPageId(document: Document): ArxivId | undefined {
  const meta = document.querySelector('meta[name="citation_arxiv_id"]')?.getAttribute('content');
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href');
  return (meta ? parseArxivId(meta.trim()) : undefined) ?? idFromHref(canonical ?? null);
}

/**
 * The element of each paper card on an arXiv page, in page order, for mounting per-card UI:
 * - listings: the `dd` of each `dt` + `dd` pair (the `dt`, with the id and PDF links, is its
 *   `previousElementSibling`); a `dt` without a `dd` gives the `dt` itself;
 * - search results: the `li.arxiv-result`;
 * - the abstract page: `div#abs` (or the `h1.title`'s parent when that is missing).
 * A card without a recognisable arXiv id is not returned; a paper is returned once.
 */
export function listCardElements(document: Document): PageCard[] {
  const listing = findListingCards(document);
  if (listing.cards.length) return listing.cards.map((card) => ({ id: card.id, element: card.dd ?? card.dt }));
  const results: PageCard[] = [];
  const seen = new Set<string>();
  for (const item of document.querySelectorAll('li.arxiv-result')) {
    const id = searchResultId(item);
    if (id && !seen.has(id.id)) {
      seen.add(id.id);
      results.push({ id: id.id, element: item });
    }
  }
  if (results.length) return results;
  const id = absPageId(document);
  const element = document.querySelector('div#abs') ?? document.querySelector('h1.title')?.parentElement;
  return id && element ? [{ id: id.id, element }] : [];
}

// ---------------------------------------------------------------------------------------------------
// Page parsers

/** Sanitizes the raw fields of each card; a card that fails is counted, not stored. */
function collect(raw: Record<string, unknown>[], problems: CaptureProblem[]): CapturedPaper[] {
  const papers: CapturedPaper[] = [];
  for (const fields of raw) {
    const paper = sanitizeCapturedPaper(fields);
    if (paper) papers.push(paper);
    else countProblem(problems, 'card-invalid', 'a card has no readable title');
  }
  return papers;
}

function listingFields(card: ListingCard): Record<string, unknown> {
  const { dd, dt, id } = card;
  const authorList = dd?.querySelector('.list-authors');
  const authorLinks = linksIn(authorList);
  const authors = authorLinks.length
    ? authorLinks.map((link) => textOf(link))
    : textOf(authorList, isDescriptor).split(/,\s*|\s+and\s+/);
  const subjects = dd?.querySelector('.list-subjects');
  const primary = subjects?.querySelector('.primary-subject');
  const abstract = dd?.querySelector('p.mathjax, p.abstract');
  const pdf = dtLink(dt, 'Download PDF', '/pdf/')?.getAttribute('href');
  return {
    id,
    version: card.version,
    title: textOf(dd?.querySelector('.list-title'), isDescriptor),
    authors,
    abstract: abstract ? textOf(abstract) : undefined,
    primaryCategory: categoryOf(primary ? textOf(primary) : (textOf(subjects, isDescriptor).split(';')[0] ?? '')),
    links: paperLinks(id, pdf),
  };
}

function* parseListing(document: Document, pageUrl: URL, route: ArxivRoute, step: number): Generator<void, PageParse> {
  const problems: CaptureProblem[] = [];
  const { cards, unreadable, sections } = findListingCards(document);
  if (unreadable) countProblem(problems, 'card-invalid', 'a listing entry has no arXiv id link', unreadable);
  const papers: CapturedPaper[] = [];
  for (let start = 0; start < cards.length; start += step) {
    if (start > 0) yield;
    papers.push(...collect(cards.slice(start, start + step).map(listingFields), problems));
  }
  // "No updates for Sat, 14 Mar 2026" on a catch-up day without announcements is a real answer, not drift.
  const noUpdates = route.view === 'catchup' && !cards.length && !unreadable && /No (?:further )?updates for/.test(document.body?.textContent ?? '');
  if (!papers.length && !noUpdates) {
    const where = sections ? 'no readable entries in dl#articles' : 'no dl#articles with dt/dd entries';
    problems.push({ reason: 'no-cards', count: 1, detail: `${where} on ${pageUrl.pathname}` });
  }
  return { listing: listingFor(route, pageUrl), papers, problems, stale: false };
}

/** Search abstracts end in a "▽ More" / "△ Less" toggle link that is not part of the text. */
const isToggle = (child: Element) => child.tagName === 'A' && /^\s*[▽△]?\s*(?:More|Less)\s*$/.test(child.textContent ?? '');

function searchFields(item: Element, id: ArxivId): Record<string, unknown> {
  const full = item.querySelector('.abstract-full');
  const short = item.querySelector('.abstract-short');
  // The short abstract is a cut: only used when it has no "More" toggle (it is then the whole text).
  const shortIsWhole = short && ![...short.children].some(isToggle);
  const abstract = full ? textOf(full, isToggle) : shortIsWhole ? textOf(short, isToggle) : undefined;
  const tagList = item.querySelector('.tags');
  const tags = tagList ? Array.from(tagList.getElementsByClassName('tag')) : [];
  const primary = tags.find((tag) => tag.classList.contains('is-link')) ?? tags[0];
  const dateLine = [...item.querySelectorAll('p.is-size-7')].find((line) => /Submitted/.test(line.textContent ?? ''));
  const submitted = dateLine ? /Submitted\s*([^;]+)/.exec(textOf(dateLine))?.[1] : undefined;
  const pdf = item.querySelector('.list-title')?.querySelector('a[href*="/pdf/"]')?.getAttribute('href');
  return {
    id: id.id,
    version: id.version,
    title: textOf(item.querySelector('p.title')),
    authors: linksIn(item.querySelector('p.authors')).map((link) => textOf(link)),
    abstract: abstract?.replace(/^\s*Abstract\s*:\s*/, ''),
    primaryCategory: primary ? safeArxivCategory(textOf(primary)) : undefined,
    publishedAt: arxivDate(submitted),
    links: paperLinks(id.id, pdf),
  };
}

function parseSearch(document: Document, pageUrl: URL, route: ArxivRoute): PageParse {
  const problems: CaptureProblem[] = [];
  const raw: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let unreadable = 0;
  for (const item of document.querySelectorAll('li.arxiv-result')) {
    const id = searchResultId(item);
    if (!id) {
      unreadable++;
      continue;
    }
    if (seen.has(id.id)) continue;
    seen.add(id.id);
    raw.push(searchFields(item, id));
  }
  if (unreadable) countProblem(problems, 'card-invalid', 'a search result has no arXiv id link', unreadable);
  const papers = collect(raw, problems);
  // "Sorry, your query … produced no results." is a real answer, not drift.
  const noResults = !raw.length && !unreadable && /(?:produced|returned) no results/i.test(document.body?.textContent ?? '');
  if (!papers.length && !noResults) {
    problems.push({ reason: 'no-cards', count: 1, detail: `no li.arxiv-result on ${pageUrl.pathname}` });
  }
  return { listing: listingFor(route, pageUrl), papers, problems, stale: false };
}

/** citation_author gives "Last, First"; the rest of the library (and HF) says "First Last". */
function firstLast(name: string | null): string | null {
  const match = name ? /^([^,]+),\s*([^,]+)$/.exec(name.trim()) : null;
  return match ? `${match[2]} ${match[1]}` : name;
}

function metaContent(document: Document, name: string): string | undefined {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? undefined;
}

/** The abstract an abstract page shows, without its "Abstract:" descriptor. */
function absPageAbstract(document: Document): string | undefined {
  return textOf(document.querySelector('blockquote.abstract'), isDescriptor) || undefined;
}

function parseAbs(document: Document, pageUrl: URL, route: ArxivRoute): PageParse {
  const problems: CaptureProblem[] = [];
  const listing = listingFor(route, pageUrl);
  const id = route.paperId!;
  const metaId = metaContent(document, 'citation_arxiv_id');
  const metaTitle = metaContent(document, 'citation_title');
  if (metaId && parseArxivId(metaId.trim())?.id !== id) {
    problems.push({ reason: 'card-invalid', count: 1, detail: 'citation_arxiv_id disagrees with the URL' });
    return { listing, papers: [], problems, stale: false };
  }
  const pdfMeta = metaContent(document, 'citation_pdf_url');
  const primary = document.querySelector('.subjects .primary-subject, .primary-subject');
  const common = {
    id,
    version: route.paperVersion ?? idFromHref(pdfMeta ?? null)?.version,
    primaryCategory: primary ? categoryOf(textOf(primary)) : undefined,
  };
  let fields: Record<string, unknown>;
  if (metaTitle) {
    fields = {
      ...common,
      title: metaTitle,
      authors: [...document.querySelectorAll('meta[name="citation_author"]')].map((meta) => firstLast(meta.getAttribute('content'))),
      // arXiv's pages of 2020 had the other citation_* tags but not this one; the page still shows it.
      abstract: metaContent(document, 'citation_abstract') ?? absPageAbstract(document),
      publishedAt: arxivDate(metaContent(document, 'citation_date')),
      links: paperLinks(id, pdfMeta),
    };
  } else {
    // Meta tags gone (drift): the page's own markup still says most of it.
    problems.push({ reason: 'meta-missing', count: 1, detail: 'no citation_title meta tag on the abstract page' });
    fields = {
      ...common,
      title: textOf(document.querySelector('h1.title'), isDescriptor),
      authors: [...document.querySelectorAll('div.authors a')].map((link) => textOf(link)),
      abstract: absPageAbstract(document),
      links: paperLinks(id, undefined),
    };
  }
  const paper = sanitizeCapturedPaper(fields);
  if (!paper) problems.push({ reason: 'no-cards', count: 1, detail: 'the abstract page has no readable title' });
  return { listing, papers: paper ? [paper] : [], problems, stale: false };
}

/** Reads an arXiv page. Pages Paperdex doesn't read give `listing: undefined` and nothing else. */
export function parseArxivPage(document: Document, url: string): PageParse {
  const steps = parseArxivPageSteps(document, url, Number.POSITIVE_INFINITY);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Listing entries read per step of `parseArxivPageSteps`. */
export const ARXIV_PARSE_STEP = 100;

/**
 * `parseArxivPage` in steps, for a caller that spreads a 2,000-entry listing over several tasks: it
 * pauses (yields) after every `step` listing entries and returns the same result. Other pages are one step.
 */
export function* parseArxivPageSteps(document: Document, url: string, step = ARXIV_PARSE_STEP): Generator<void, PageParse> {
  let pageUrl: URL;
  try {
    pageUrl = new URL(url);
  } catch {
    return notRead();
  }
  const route = routeArxivUrl(pageUrl);
  if (!route) return notRead();
  if (route.view === 'abs') return parseAbs(document, pageUrl, route);
  if (route.view === 'search') return parseSearch(document, pageUrl, route);
  return yield* parseListing(document, pageUrl, route, Math.max(1, step));
}

/**
 * arXiv: server-rendered pages, complete at load ("more" is a new page), so capture reads them once. A
 * 2,000-entry listing is read 100 entries per task (in one piece it is a long task, ~110 ms cold). The
 * controls follow entries added later; MathJax typesetting inside them is no card change.
 */
export const arxiv: SiteAdapter = {
  site: 'arxiv',
  listingKind: (url) => routeArxivUrl(url)?.kind,
  parse: parseArxivPage,
  parseSteps: (document, url) => parseArxivPageSteps(document, url),
  listCards: listCardElements,
  // arXiv has no dark theme: the page's own colours, never the system's.
  theme: (document) => pageTheme(document),
  container: (document) => document.body,
  rerenders: false,
  relevantMutation: entryMutation,
};
