import { describe, expect, it } from 'vitest';
import { sanitizeCapturedPaper } from '@/utils/paper/sanitize';
import { listCardElements, parseArxivPage, parseArxivPageSteps, routeArxivUrl } from '@/utils/capture/sites/arxiv';
import { buildArxivListingHtml } from '../../../fixtures/arxiv-pages';
import fixtures from '../../../fixtures/arxiv/index.json';
import seedPapers from '../../../fixtures/hf/seed-papers.json';
import { fixtureDocument } from '../../support/load-fixture';

interface FixtureEntry {
  file: string;
  url: string;
  description: string;
  expectedIds: string[];
  primaryCategories: Record<string, string>;
}

const entries = fixtures as unknown as FixtureEntry[];

function fixture(file: string): FixtureEntry {
  const entry = entries.find((candidate) => candidate.file === file);
  if (!entry) throw new Error(`no fixture ${file}`);
  return entry;
}

const documents = new Map<string, Document>();
/** Parsed once per file: the adapter never changes the document (and a test below checks it). */
function load(file: string): Document {
  let doc = documents.get(file);
  if (!doc) documents.set(file, (doc = fixtureDocument(`arxiv/${file}`)));
  return doc;
}

function parse(file: string, url = fixture(file).url) {
  return parseArxivPage(load(file), url);
}

interface Seed {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  publishedAt: string;
}
const seeds = seedPapers as Seed[];
const seedById = new Map(seeds.map((paper) => [paper.id, paper]));
/** What the sanitizer makes of a seed abstract (whitespace collapsed, paragraphs kept). */
const cleanAbstract = (id: string) => sanitizeCapturedPaper({ id, title: 't', abstract: seedById.get(id)!.abstract, links: {} })!.abstract;

describe('routeArxivUrl', () => {
  it.each([
    ['https://arxiv.org/list/cs.LG/new', { view: 'new', kind: 'daily', category: 'cs.LG' }, 'arXiv cs.LG · new'],
    ['https://arxiv.org/list/cs.CV/recent', { view: 'recent', category: 'cs.CV' }, 'arXiv cs.CV · recent'],
    ['https://arxiv.org/list/hep-th/pastweek?skip=0&show=25', { view: 'pastweek', category: 'hep-th' }, 'arXiv hep-th · past week'],
    ['https://arxiv.org/list/cs.CL/2026-03', { view: 'month', kind: 'monthly', month: '2026-03' }, 'arXiv cs.CL · 2026-03'],
    ['https://arxiv.org/list/cs.CL/2603', { view: 'month', month: '2026-03' }, 'arXiv cs.CL · 2026-03'],
    ['https://arxiv.org/list/hep-th/9901', { view: 'month', month: '1999-01' }, 'arXiv hep-th · 1999-01'],
    ['https://arxiv.org/list/cs.LG/2026-03?skip=25&show=25', { view: 'month', skip: 25 }, 'arXiv cs.LG · 2026-03 · from #26'],
    ['https://arxiv.org/list/astro-ph.CO/new/', { view: 'new', category: 'astro-ph.CO' }, 'arXiv astro-ph.CO · new'],
    ['https://arxiv.org/list/cs/new', { view: 'new', category: 'cs' }, 'arXiv cs · new'],
    ['https://arxiv.org/catchup/cs.LG/2026-12-04', { view: 'catchup', kind: 'daily', category: 'cs.LG', day: '2026-12-04' }, 'arXiv cs.LG · catch-up 2026-12-04'],
    ['https://arxiv.org/catchup/cs/2026-12-04?abs=True&page=2', { view: 'catchup', category: 'cs', page: 2 }, 'arXiv cs · catch-up 2026-12-04 · page 2'],
    ['https://arxiv.org/catchup/grp_physics/2026-12-04/', { view: 'catchup', category: 'grp_physics' }, 'arXiv grp_physics · catch-up 2026-12-04'],
    ['https://arxiv.org/abs/2501.01234', { view: 'abs', kind: 'paper', paperId: '2501.01234' }, 'arXiv abstract page'],
    ['https://arxiv.org/abs/2501.01234v3', { view: 'abs', paperId: '2501.01234', paperVersion: 3 }, 'arXiv abstract page'],
    ['https://arxiv.org/abs/hep-th/9901001', { view: 'abs', paperId: 'hep-th/9901001' }, 'arXiv abstract page'],
    ['https://arxiv.org/abs/math.GT/0309136v2', { view: 'abs', paperId: 'math.GT/0309136', paperVersion: 2 }, 'arXiv abstract page'],
    ['https://arxiv.org/search/?query=diffusion&searchtype=all', { view: 'search', kind: 'search', query: 'diffusion' }, 'arXiv search “diffusion”'],
    ['https://arxiv.org/search/cs?query=latent+diffusion&searchtype=all', { view: 'search', searchArchive: 'cs' }, 'arXiv search “latent diffusion” in cs'],
    [
      'https://arxiv.org/search/advanced?advanced=&terms-0-operator=AND&terms-0-term=graph+neural&terms-0-field=title&size=50',
      { view: 'search', advanced: true, query: 'graph neural' },
      'arXiv advanced search “graph neural”',
    ],
  ])('%s', (url, route, label) => {
    const parsed = routeArxivUrl(new URL(url));
    expect(parsed).toMatchObject(route);
    expect(parseArxivPage(new DOMParser().parseFromString('<p>x</p>', 'text/html'), url).listing?.label).toBe(label);
  });

  it.each([
    'https://arxiv.org/',
    'https://arxiv.org/list/cs.LG/someday',
    'https://arxiv.org/list/cs.LG/2026-13',
    'https://arxiv.org/list/<b>/new',
    'https://arxiv.org/catchup',
    'https://arxiv.org/catchup/cs.LG',
    'https://arxiv.org/catchup/cs.LG/2026-02-30',
    'https://arxiv.org/catchup/cs.LG/20261204',
    'https://arxiv.org/catchup/<b>/2026-12-04',
    'https://arxiv.org/catchup/grp_evil/2026-12-04',
    'https://arxiv.org/abs/not-an-id',
    'https://arxiv.org/pdf/2501.01234',
    'https://arxiv.org/search/',
    'https://arxiv.org/search/advanced',
    'https://arxiv.org.evil.example/list/cs.LG/new',
    'https://export.arxiv.org/list/cs.LG/new',
    'https://huggingface.co/papers/2501.01234',
  ])('%s is not a page Paperdex reads', (url) => {
    expect(routeArxivUrl(new URL(url))).toBeUndefined();
    expect(parseArxivPage(new DOMParser().parseFromString('<p>x</p>', 'text/html'), url)).toEqual({
      listing: undefined,
      papers: [],
      problems: [],
      stale: false,
    });
  });

  it('a URL that does not parse gives nothing', () => {
    expect(parseArxivPage(document, 'not a url').listing).toBeUndefined();
  });
});

describe('parseArxivPage over every fixture', () => {
  it.each(entries.map((entry) => [entry.file, entry] as const))('%s: each paper shown, once, in page order', (file, entry) => {
    const result = parse(file, entry.url);
    expect(result.stale).toBe(false);
    expect(result.listing?.site).toBe('arxiv');
    expect(result.listing?.url).toBe(entry.url);
    expect(result.papers.map((paper) => paper.id)).toEqual(entry.expectedIds);
    for (const paper of result.papers) {
      expect(paper.primaryCategory).toBe(entry.primaryCategories[paper.id]);
      expect(paper.title).not.toMatch(/^Title:|<span|search-hit|pwned/);
      expect(paper.abstract ?? '').not.toMatch(/[▽△]|\b(?:More|Less)$/);
      for (const link of Object.values(paper.links)) expect(link).toMatch(/^https:\/\//);
      expect(paper.links.arxiv).toBe(`https://arxiv.org/abs/${paper.id}`);
    }
  });

  it.each(entries.map((entry) => [entry.file, entry] as const))('%s: read in steps of 2 entries, the same result', (file, entry) => {
    const steps = parseArxivPageSteps(load(file), entry.url, 2);
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    expect(next.value).toEqual(parse(file, entry.url));
    // A listing pauses between every two entries; abstract and search pages are one step.
    const listing = /\/(?:list|catchup)\//.test(entry.url);
    expect(pauses).toBe(listing ? Math.max(0, Math.ceil(listCardElements(load(file)).length / 2) - 1) : 0);
  });

  // (hostile.html has a card with an id but no title: it has a card element but no paper; tested below.)
  it.each(entries.filter((entry) => entry.file !== 'hostile.html').map((entry) => [entry.file, entry] as const))(
    '%s: listCardElements finds the same papers',
    (file, entry) => {
      expect(listCardElements(load(file)).map((card) => card.id)).toEqual(entry.expectedIds);
    },
  );
});

describe('listing pages', () => {
  it('/new: three sections, titles, every author, abstracts and the primary category', () => {
    const { papers, problems, listing } = parse('new.html');
    expect(problems).toEqual([]);
    expect(listing).toEqual({ site: 'arxiv', kind: 'daily', label: 'arXiv cs.LG · new', url: 'https://arxiv.org/list/cs.LG/new' });
    const doc = load('new.html');
    expect(doc.querySelectorAll('dl[id="articles"]')).toHaveLength(3);
    for (const paper of papers) {
      const seed = seedById.get(paper.id)!;
      expect(paper.title).toBe(seed.title);
      expect(paper.authors).toEqual(seed.authors);
      expect(paper.links).toEqual({
        arxiv: `https://arxiv.org/abs/${paper.id}`,
        pdf: `https://arxiv.org/pdf/${paper.id}`,
        hf: `https://huggingface.co/papers/${paper.id}`,
      });
    }
    // New submissions and cross-lists carry the abstract; replacements don't.
    const withAbstract = papers.filter((paper) => paper.abstract);
    expect(withAbstract).toHaveLength(14);
    for (const paper of withAbstract) expect(paper.abstract).toBe(cleanAbstract(paper.id));
    // New submissions are cs.LG; the cross-lists keep their own primary category.
    expect(papers.slice(0, 10).every((paper) => paper.primaryCategory === 'cs.LG')).toBe(true);
    expect(papers.slice(10, 14).every((paper) => paper.primaryCategory !== 'cs.LG')).toBe(true);
  });

  it('/recent, /pastweek and a month page: no abstracts, labels per view', () => {
    expect(parse('recent.html').listing?.label).toBe('arXiv cs.CV · recent');
    expect(parse('pastweek.html').listing).toMatchObject({ kind: 'listing', label: 'arXiv cs.CL · past week' });
    expect(parse('month.html').listing).toMatchObject({ kind: 'monthly', label: 'arXiv cs.LG · 2026-03 · from #26' });
    for (const file of ['recent.html', 'pastweek.html', 'month.html']) {
      const { papers, problems } = parse(file);
      expect(problems).toEqual([]);
      for (const paper of papers) {
        expect(paper.abstract).toBeUndefined();
        expect(paper.title).toBe(seedById.get(paper.id)!.title);
        expect(paper.authors).toEqual(seedById.get(paper.id)!.authors);
      }
    }
  });

  it('a catch-up page reads as /new does: sections, abstracts but not on replacements, a daily listing', () => {
    const entry = fixture('catchup.html');
    const { papers, problems, listing } = parse('catchup.html');
    expect(problems).toEqual([]);
    expect(listing).toEqual({ site: 'arxiv', kind: 'daily', label: 'arXiv cs.LG · catch-up 2026-03-12', url: entry.url });
    expect(load('catchup.html').querySelectorAll('dl[id="articles"]')).toHaveLength(3);
    expect(papers.map((paper) => paper.id)).toEqual(entry.expectedIds);
    for (const paper of papers) {
      expect(paper.title).toBe(seedById.get(paper.id)!.title);
      expect(paper.authors).toEqual(seedById.get(paper.id)!.authors);
    }
    expect(papers.filter((paper) => paper.abstract).map((paper) => paper.abstract)).toEqual(papers.slice(0, 8).map((paper) => cleanAbstract(paper.id)));
  });

  it('a catch-up day without announcements is an answer, not drift; a catch-up page without its entries is drift', () => {
    expect(parse('catchup-empty.html')).toMatchObject({ papers: [], problems: [], listing: { label: 'arXiv cs · catch-up 2026-03-14' } });
    const drifted = new DOMParser().parseFromString('<div id="dlpage"><h1>Catchup results</h1><div>Total of 12 entries</div></div>', 'text/html');
    expect(parseArxivPage(drifted, 'https://arxiv.org/catchup/cs/2026-03-12').problems.map((problem) => problem.reason)).toEqual(['no-cards']);
  });

  it('the pre-2024 markup (span.list-identifier, "Authors:" descriptor) reads the same', () => {
    const doc = load('legacy.html');
    expect(doc.querySelector('dt span.list-identifier a[title="Abstract"]')).not.toBeNull();
    expect(doc.querySelector('dl[id="articles"]')).toBeNull();
    const { papers, problems, listing } = parse('legacy.html');
    expect(problems).toEqual([]);
    expect(listing?.label).toBe('arXiv cs.CL · 2022-12');
    for (const paper of papers) {
      expect(paper.title).toBe(seedById.get(paper.id)!.title);
      expect(paper.authors).toEqual(seedById.get(paper.id)!.authors);
      expect(paper.primaryCategory).toBe('cs.CL');
    }
  });

  it('old-style ids in a listing (hep-th/9901001, math.GT/0309136v2): bare id, version, no HF link', () => {
    const html = `<div id="dlpage"><dl>
      <dt><a name="item1">[1]</a>&nbsp; <span class="list-identifier"><a href="/abs/hep-th/9901001" title="Abstract">arXiv:hep-th/9901001</a> [<a href="/pdf/hep-th/9901001" title="Download PDF">pdf</a>]</span></dt>
      <dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Branes and strings</div>
      <div class="list-authors"><span class="descriptor">Authors:</span> <a href="/a">A. Author</a></div>
      <div class="list-subjects"><span class="descriptor">Subjects:</span> <span class="primary-subject">High Energy Physics - Theory (hep-th)</span></div></div></dd>
      <dt><span class="list-identifier"><a href="/abs/math.GT/0309136v2" title="Abstract">arXiv:math.GT/0309136v2</a></span></dt>
      <dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Knots</div>
      <div class="list-subjects"><span class="descriptor">Subjects:</span> <span class="primary-subject">Geometric Topology (math.GT)</span>; Statistical Mechanics (cond-mat.stat-mech)</div></div></dd>
    </dl></div>`;
    const { papers, problems } = parseArxivPage(new DOMParser().parseFromString(html, 'text/html'), 'https://arxiv.org/list/hep-th/9901');
    expect(problems).toEqual([]);
    expect(papers).toEqual([
      {
        id: 'hep-th/9901001',
        title: 'Branes and strings',
        authors: ['A. Author'],
        primaryCategory: 'hep-th',
        links: { arxiv: 'https://arxiv.org/abs/hep-th/9901001', pdf: 'https://arxiv.org/pdf/hep-th/9901001' },
      },
      {
        id: 'math.GT/0309136',
        version: 2,
        title: 'Knots',
        primaryCategory: 'math.GT',
        links: { arxiv: 'https://arxiv.org/abs/math.GT/0309136', pdf: 'https://arxiv.org/pdf/math.GT/0309136' },
      },
    ]);
  });

  it('an author listed twice on one paper (two people can share a name) is kept twice, as the page lists', () => {
    const { papers, problems } = parse('shared-name.html');
    expect(problems).toEqual([]);
    const card = listCardElements(load('shared-name.html'))[1]!;
    const shown = [...card.element.querySelectorAll('.list-authors a')].map((link) => link.textContent);
    expect(shown.filter((name) => name === 'Wei Zhang')).toHaveLength(2);
    expect(papers[1]!.authors).toEqual(shown);
    // The other papers are as seeded.
    for (const index of [0, 2, 3]) expect(papers[index]!.authors).toEqual(seedById.get(papers[index]!.id)!.authors);
  });

  it('a paper listed twice on a page is read once', () => {
    const html = `<div id="dlpage"><dl id="articles"><dt><a href="/abs/2501.01234" title="Abstract">arXiv:2501.01234</a></dt>
      <dd><div class="list-title"><span class="descriptor">Title:</span> First</div></dd></dl>
      <dl id="articles"><dt><a href="/abs/2501.01234v2" title="Abstract">arXiv:2501.01234v2</a> (replaced)</dt>
      <dd><div class="list-title"><span class="descriptor">Title:</span> Again</div></dd></dl></div>`;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const { papers } = parseArxivPage(doc, 'https://arxiv.org/list/cs.LG/new');
    expect(papers.map((paper) => [paper.id, paper.title])).toEqual([['2501.01234', 'First']]);
    expect(listCardElements(doc)).toHaveLength(1);
  });
});

describe('abstract pages', () => {
  it('reads the citation_* meta tags, the version from the URL and the primary subject', () => {
    const entry = fixture('abs.html');
    const { papers, problems, listing } = parse('abs.html');
    expect(problems).toEqual([]);
    expect(listing).toMatchObject({ kind: 'paper', label: 'arXiv abstract page', url: entry.url });
    const seed = seedById.get(entry.expectedIds[0]!)!;
    expect(papers).toEqual([
      {
        id: seed.id,
        version: 2,
        title: seed.title,
        abstract: cleanAbstract(seed.id),
        // citation_author is "Last, First": stored as the rest of the library writes names.
        authors: seed.authors,
        publishedAt: seed.publishedAt,
        primaryCategory: entry.primaryCategories[seed.id],
        links: {
          arxiv: `https://arxiv.org/abs/${seed.id}`,
          pdf: `https://arxiv.org/pdf/${seed.id}v2`,
          hf: `https://huggingface.co/papers/${seed.id}`,
        },
      },
    ]);
  });

  it('an old-style id: no HF link (HF indexes new-style ids only), version from citation_pdf_url', () => {
    const [paper] = parse('abs-old.html').papers;
    expect(paper).toMatchObject({ id: 'cs/0612047', version: 1, primaryCategory: 'cs.LG', publishedAt: '2006-12-11T00:00:00.000Z' });
    expect(paper!.links).toEqual({ arxiv: 'https://arxiv.org/abs/cs/0612047', pdf: 'https://arxiv.org/pdf/cs/0612047v1' });
  });

  it('without meta tags: read from the page, and the drift is reported', () => {
    const entry = fixture('abs-no-meta.html');
    const { papers, problems } = parse('abs-no-meta.html');
    const seed = seedById.get(entry.expectedIds[0]!)!;
    expect(papers[0]).toMatchObject({ id: seed.id, title: seed.title, authors: seed.authors, abstract: cleanAbstract(seed.id) });
    expect(problems.map((problem) => problem.reason)).toEqual(['meta-missing']);
  });

  it('meta tags without citation_abstract (arXiv in 2020): the abstract the page shows, without "Abstract:"', () => {
    const entry = fixture('abs-2020.html');
    const doc = load('abs-2020.html');
    expect(doc.querySelector('meta[name="citation_title"]')).not.toBeNull();
    expect(doc.querySelector('meta[name="citation_abstract"]')).toBeNull();
    const { papers, problems } = parse('abs-2020.html');
    const seed = seedById.get(entry.expectedIds[0]!)!;
    expect(problems).toEqual([]);
    expect(papers[0]).toMatchObject({ id: seed.id, version: 1, title: seed.title, authors: seed.authors, publishedAt: seed.publishedAt });
    expect(papers[0]!.abstract).toBe(cleanAbstract(seed.id));
  });

  it('meta tags naming another paper than the URL are not trusted', () => {
    const { papers, problems } = parseArxivPage(load('abs.html'), 'https://arxiv.org/abs/2501.01234');
    expect(papers).toEqual([]);
    expect(problems.map((problem) => problem.reason)).toEqual(['card-invalid']);
  });
});

describe('search results', () => {
  it('full abstracts without the More/Less toggles, plain titles, authors, dates, primary category, version', () => {
    const entry = fixture('search.html');
    const doc = load('search.html');
    expect(doc.querySelectorAll('.abstract-short a, .abstract-full a')).toHaveLength(2 * entry.expectedIds.length);
    expect(doc.querySelector('p.title .search-hit')).not.toBeNull();
    const { papers, problems, listing } = parse('search.html');
    expect(problems).toEqual([]);
    expect(listing).toMatchObject({ kind: 'search', label: 'arXiv search “diffusion”' });
    for (const paper of papers) {
      const seed = seedById.get(paper.id)!;
      expect(paper.title).toBe(seed.title);
      expect(paper.abstract).toBe(cleanAbstract(paper.id));
      expect(paper.authors).toEqual(seed.authors);
      expect(paper.publishedAt).toBe(seed.publishedAt);
    }
    // The first hit shows a versioned id.
    expect(papers[0]).toMatchObject({ version: 2, links: { pdf: `https://arxiv.org/pdf/${papers[0]!.id}v2` } });
    expect(papers[1]).not.toHaveProperty('version');
  });

  it('"no results" is an answer, not drift; a result page without results is', () => {
    const none = new DOMParser().parseFromString('<main><p>Sorry, your query for all: xyzzy produced no results.</p></main>', 'text/html');
    expect(parseArxivPage(none, 'https://arxiv.org/search/?query=xyzzy&searchtype=all').problems).toEqual([]);
    const drift = new DOMParser().parseFromString('<main><div class="result">x</div></main>', 'text/html');
    expect(parseArxivPage(drift, 'https://arxiv.org/search/?query=x').problems.map((p) => p.reason)).toEqual(['no-cards']);
  });
});

describe('drift and hostile pages', () => {
  it('a listing without dl#articles reports no-cards and mounts nothing', () => {
    const { papers, problems, listing } = parse('drifted.html');
    expect(listing?.label).toBe('arXiv stat.ML · new');
    expect(papers).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ reason: 'no-cards', count: 1 })]);
    expect(listCardElements(load('drifted.html'))).toEqual([]);
  });

  it('hostile listing: markup as text, no script text, only arXiv http(s) links, bounded title, bad cards counted', () => {
    const entry = fixture('hostile.html');
    const { papers, problems } = parse('hostile.html');
    const [markup, jsLinks, otherHost, long] = papers as [typeof papers[0], typeof papers[0], typeof papers[0], typeof papers[0]];
    expect(markup.title).toBe(`<img src=x onerror=alert(1)> ${seedById.get(entry.expectedIds[0]!)!.title}`);
    expect(markup.authors).toEqual(['<b>Mallory</b>', 'Bold Bob']);
    expect(jsLinks.links.pdf).toBe(`https://arxiv.org/pdf/${jsLinks.id}`);
    expect(otherHost.links.pdf).toBe(`https://arxiv.org/pdf/${otherHost.id}`);
    expect(long.title.length).toBe(1_000);
    expect(long.authors).toEqual(['&lt;script&gt; Ünïcødé 名前']);
    expect(problems).toEqual([expect.objectContaining({ reason: 'card-invalid', count: 2 })]);
    // The same entries are the ones that get controls: no id, no card.
    expect(listCardElements(load('hostile.html')).map((card) => card.id)).toEqual([...entry.expectedIds, seeds[60]!.id]);
  });

  it('a title MathJax has typeset is read back as its TeX', () => {
    const html = `<dl id="articles"><dt><a href="/abs/2501.01234" title="Abstract" id="2501.01234">arXiv:2501.01234</a></dt>
      <dd><div class="list-title mathjax"><span class="descriptor">Title:</span> Bounds for
        <span class="MathJax_Preview"></span><span class="MathJax" id="MathJax-Element-1-Frame"><nobr>O(n²)</nobr></span><script type="math/tex" id="MathJax-Element-1">O(n^2)</script>
        sorting and <mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML"><mjx-math>x</mjx-math></mjx-container>more</div></dd></dl>`;
    const { papers } = parseArxivPage(new DOMParser().parseFromString(html, 'text/html'), 'https://arxiv.org/list/cs.DS/new');
    expect(papers[0]!.title).toBe('Bounds for $O(n^2)$ sorting and more');
  });

  it('reading a page leaves it as it was', () => {
    for (const file of ['new.html', 'search.html', 'hostile.html', 'abs.html']) {
      const doc = fixtureDocument(`arxiv/${file}`);
      const before = doc.documentElement.outerHTML;
      parseArxivPage(doc, fixture(file).url);
      listCardElements(doc);
      expect(doc.documentElement.outerHTML).toBe(before);
    }
  });

  it('a dt without an Abstract link and a page with no dl at all never throw', () => {
    const doc = new DOMParser().parseFromString('<dl><dt>[1]</dt><dd>nothing</dd></dl>', 'text/html');
    const result = parseArxivPage(doc, 'https://arxiv.org/list/cs.LG/recent');
    expect(result.papers).toEqual([]);
    expect(result.problems.map((problem) => problem.reason)).toEqual(['card-invalid', 'no-cards']);
    expect(listCardElements(doc)).toEqual([]);
  });
});

describe('listCardElements', () => {
  it('listing: the dd of each dt + dd pair, its dt just before it', () => {
    const doc = load('new.html');
    const cards = listCardElements(doc);
    expect(cards).toHaveLength(18);
    for (const card of cards) {
      expect(card.element.tagName).toBe('DD');
      expect(card.element.previousElementSibling?.querySelector('a[title="Abstract"]')?.getAttribute('id')).toBe(card.id);
    }
  });

  it('search: the li.arxiv-result; abstract page: div#abs', () => {
    for (const card of listCardElements(load('search.html'))) expect(card.element.matches('li.arxiv-result')).toBe(true);
    const abs = listCardElements(load('abs.html'));
    expect(abs).toEqual([{ id: fixture('abs.html').expectedIds[0], element: expect.anything() }]);
    expect(abs[0]!.element.id).toBe('abs');
  });

  it('the big generated listing (benchmarks): every id once, every card read', () => {
    const full = buildArxivListingHtml(2_000);
    expect(full.url).toBe('https://arxiv.org/list/cs.LG/2026-03?skip=0&show=2000');
    expect(new Set(full.ids).size).toBe(2_000);
    expect(full.ids.filter((id) => seedById.has(id))).toEqual([]);
    // happy-dom needs seconds per thousand cards; the browser bench takes the 2,000.
    const big = buildArxivListingHtml(150);
    const doc = new DOMParser().parseFromString(big.html, 'text/html');
    expect(listCardElements(doc).map((card) => card.id)).toEqual(big.ids);
    const { papers, problems, listing } = parseArxivPage(doc, big.url);
    expect(problems).toEqual([]);
    expect(papers.map((paper) => paper.id)).toEqual(big.ids);
    expect(listing?.label).toBe('arXiv cs.LG · 2026-03');
  }, 30_000);
});
