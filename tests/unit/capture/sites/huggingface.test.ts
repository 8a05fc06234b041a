import { describe, expect, it } from 'vitest';
import { sanitizeCapturedPaper } from '@/utils/paper/sanitize';
import { parseHfPage, routeHfUrl } from '@/utils/capture/sites/huggingface';
import fixtures from '../../../fixtures/hf/index.json';
import seedPapers from '../../../fixtures/hf/seed-papers.json';
import { fixtureDocument } from '../../support/load-fixture';

interface FixtureEntry {
  file: string;
  url: string;
  description: string;
  expectedIds: string[];
}

function load(file: string): Document {
  return fixtureDocument(`hf/${file}`);
}

function fixture(file: string): FixtureEntry {
  const entry = (fixtures as FixtureEntry[]).find((candidate) => candidate.file === file);
  if (!entry) throw new Error(`no fixture ${file}`);
  return entry;
}

function parse(file: string, url = fixture(file).url) {
  return parseHfPage(load(file), url);
}

const seedById = new Map((seedPapers as { id: string; title: string; abstract: string }[]).map((paper) => [paper.id, paper]));

describe('routeHfUrl', () => {
  it.each([
    ['https://huggingface.co/papers', 'daily', undefined],
    ['https://huggingface.co/papers/', 'daily', undefined],
    ['https://huggingface.co/papers/date/2026-03-11', 'daily', undefined],
    ['https://huggingface.co/papers/week/2026-W11', 'weekly', undefined],
    ['https://huggingface.co/papers/month/2026-03', 'monthly', undefined],
    ['https://huggingface.co/papers/trending', 'trending', undefined],
    ['https://huggingface.co/papers?q=latent+diffusion', 'search', 'latent diffusion'],
    ['https://huggingface.co/papers/trending?q=rag', 'search', 'rag'],
    ['https://huggingface.co/papers/month/2026-03?q=diffusion', 'search', 'diffusion'],
    ['https://huggingface.co/papers/2510.08947', 'paper', undefined],
    ['https://huggingface.co/papers/2502.01234v2#community', 'paper', undefined],
  ])('%s is a %s page', (url, kind, query) => {
    expect(routeHfUrl(new URL(url))).toMatchObject({ kind, ...(query ? { query } : {}) });
  });

  it.each([
    'https://huggingface.co/papers/index?arxivId=2501.01234',
    'https://huggingface.co/papers/date/yesterday',
    'https://huggingface.co/models',
    'https://huggingface.co/collections/x/y',
    'https://huggingface.co.evil.example/papers',
    'https://arxiv.org/list/cs.LG/new',
  ])('%s is not a page Paperdex reads', (url) => {
    expect(routeHfUrl(new URL(url))).toBeUndefined();
  });
});

describe('parseHfPage over every fixture', () => {
  it.each((fixtures as FixtureEntry[]).map((entry) => [entry.file, entry] as const))(
    '%s: reads exactly the cards shown, in page order',
    (file, entry) => {
      const result = parse(file, entry.url);
      expect(result.stale).toBe(false);
      expect(result.listing?.site).toBe('hf');
      expect(result.papers.map((paper) => paper.id)).toEqual(entry.expectedIds);
      for (const paper of result.papers) {
        expect(paper.title).not.toMatch(/<span|class="highlight"/);
        for (const link of Object.values(paper.links)) expect(link).toMatch(/^https?:\/\//);
      }
    },
  );
});

describe('listing pages with the JSON island', () => {
  it('daily: abstracts and all authors come from the JSON, not the compact cards', () => {
    const { papers, problems, listing } = parse('daily.html');
    expect(problems).toEqual([]);
    expect(listing).toEqual({
      site: 'hf',
      kind: 'daily',
      label: 'Daily 2026-03-11',
      url: 'https://huggingface.co/papers/date/2026-03-11',
    });
    const first = papers[0]!;
    const seed = seedById.get(first.id)!;
    expect(first.title).toBe(seed.title);
    expect(first.abstract?.slice(0, 80)).toBe(seed.abstract.replace(/\s+/g, ' ').slice(0, 80));
    // Cards render 3 avatars at most; the island has every author.
    expect(papers.some((paper) => (paper.authors?.length ?? 0) > 3)).toBe(true);
    expect(first.links).toMatchObject({
      hf: `https://huggingface.co/papers/${first.id}`,
      arxiv: `https://arxiv.org/abs/${first.id}`,
      pdf: `https://arxiv.org/pdf/${first.id}`,
    });
    expect(typeof first.upvotes).toBe('number');
    expect(first.thumbnail).toMatch(/^https:\/\/cdn-thumbnails\.huggingface\.co\//);
  });

  it('normalises bare owner/repo GitHub links', () => {
    const all = parse('monthly.html').papers;
    const github = all.map((paper) => paper.links.github).filter(Boolean);
    expect(github.length).toBeGreaterThan(2);
    for (const link of github) expect(link).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
  });

  it.each([
    ['weekly.html', 'weekly', 'Weekly 2026-W11'],
    ['monthly.html', 'monthly', 'Monthly 2026-03'],
    ['trending.html', 'trending', 'Trending'],
    ['search.html', 'search', 'Search “latent”'],
    ['search-month.html', 'search', 'Search “diffusion” in Monthly 2026-03'],
    ['paper.html', 'paper', 'Paper page'],
  ])('%s is labelled as a %s listing', (file, kind, label) => {
    expect(parse(file).listing).toMatchObject({ kind, label });
  });

  it('search: only the results count, with clean titles, not the period list the island also carries', () => {
    const doc = load('search.html');
    const island = JSON.parse(doc.querySelector('[data-target="DailyPapers"]')!.getAttribute('data-props')!);
    const periodIds = (island.dailyPapers as { paper: { id: string } }[]).map((item) => item.paper.id);
    const { papers } = parseHfPage(doc, fixture('search.html').url);
    expect(periodIds.length).toBeGreaterThan(0);
    for (const id of periodIds) expect(papers.map((paper) => paper.id)).not.toContain(id);
    // The rendered titles carry highlight markup; the stored ones are the plain titles.
    expect(doc.querySelector('h3 a .highlight')).not.toBeNull();
    for (const paper of papers) expect(paper.title).toBe(seedById.get(paper.id)!.title);
  });

  it('the single paper page gives the paper with its abstract', () => {
    const { papers, problems } = parse('paper.html');
    expect(problems).toEqual([]);
    expect(papers).toHaveLength(1);
    expect(papers[0]!.title).toMatch(/T-JEPA/);
    expect(papers[0]!.abstract?.length).toBeGreaterThan(200);
  });
});

describe('cards the island does not know', () => {
  it('a card appended after the page was built is read from its own markup', () => {
    const doc = load('daily.html');
    const weekly = load('weekly.html');
    const dailyIds = new Set(fixture('daily.html').expectedIds);
    const extraId = fixture('weekly.html').expectedIds.find((id) => !dailyIds.has(id))!;
    const extra = weekly.querySelector(`a[href="/papers/${extraId}"]`)!.closest('article')!;
    const list = doc.querySelector('[data-target="DailyPapers"] article')!.parentElement!;
    list.append(doc.importNode(extra, true));
    const { papers, problems } = parseHfPage(doc, fixture('daily.html').url);
    expect(problems).toEqual([]);
    expect(papers.map((paper) => paper.id)).toEqual([...fixture('daily.html').expectedIds, extraId]);
    expect(papers.at(-1)!.title).toBe(seedById.get(extraId)!.title);
  });

  it('a bare paper link outside any card is not a card', () => {
    const doc = load('daily.html');
    const aside = doc.createElement('aside');
    aside.innerHTML = '<p>Related: <a href="/papers/2301.00001">Another paper</a></p>';
    doc.querySelector('main')!.append(aside);
    expect(parseHfPage(doc, fixture('daily.html').url).papers.map((paper) => paper.id)).toEqual(fixture('daily.html').expectedIds);
  });
});

describe('markup drift is reported, not silent', () => {
  it('without the island, cards are read from the DOM and the drift is reported', () => {
    const { papers, problems } = parse('no-island.html');
    expect(problems.map((problem) => problem.reason)).toEqual(['island-missing']);
    expect(papers).toHaveLength(16);
    for (const paper of papers) {
      expect(paper.title).toBe(seedById.get(paper.id)!.title);
      expect(paper.authors?.length).toBeGreaterThan(0);
    }
  });

  it('unparseable JSON falls back to the DOM and says why', () => {
    const { papers, problems } = parse('broken-json.html');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ reason: 'island-unparseable' });
    expect(problems[0]!.detail).toMatch(/DailyPapers/);
    expect(papers).toHaveLength(11);
  });

  it('an empty listing is reported as no cards', () => {
    const { papers, problems } = parse('empty.html');
    expect(papers).toEqual([]);
    expect(problems.map((problem) => problem.reason)).toEqual(['no-cards']);
  });

  it('a page with neither island nor cards reports both', () => {
    const doc = new DOMParser().parseFromString('<html><body><main><p>Something went wrong</p></main></body></html>', 'text/html');
    const { problems } = parseHfPage(doc, 'https://huggingface.co/papers/date/2026-03-11');
    expect(problems.map((problem) => problem.reason)).toEqual(['island-missing', 'no-cards']);
  });
});

describe("character references in the island's strings (entities.html)", () => {
  const { papers, problems } = parse('entities.html');
  const doc = load('entities.html');
  const seeds = fixture('entities.html').expectedIds.map((id) => seedById.get(id)!);
  const [dmello, vision, att] = papers as [(typeof papers)[0], (typeof papers)[0], (typeof papers)[0]];

  it('the island holds them escaped, as HF serves it', () => {
    const raw = doc.querySelector('[data-target="DailyPapers"]')!.getAttribute('data-props')!;
    expect(raw).toContain('Christopher D&#39;Mello');
    expect(raw).toContain('Vision &amp; Language &#x2014; ');
    expect(problems).toEqual([]);
  });

  it('stores the characters they name (named, decimal and hex references), once', () => {
    expect(dmello.authors?.[0]).toBe("Christopher D'Mello");
    // The seed abstract quotes words: stored with its quotes, as the card would show them.
    expect(seeds[0]!.abstract).toContain('"');
    expect(dmello.abstract).toBe(sanitizeCapturedPaper({ id: dmello.id, title: 't', abstract: seeds[0]!.abstract, links: {} })!.abstract);
    expect(vision.title).toBe(`Vision & Language — ${seeds[1]!.title}`);
    expect(vision.authors?.slice(0, 2)).toEqual(['René Dubois', 'Zoë Kim']);
    expect(vision.aiKeywords?.[0]).toBe('vision & language');
    expect(att.organization).toBe('AT&T Labs');
    expect(att.aiSummary).toMatch(/^It's "quoted" & plain: /);
    expect(JSON.stringify(papers)).not.toMatch(/&(?:#\d+|#x[\da-f]+|amp|quot|eacute);/i);
  });

  it('markup they spell stays text, and a reference escaped twice is decoded once', () => {
    expect(vision.abstract).toMatch(/ Tags such as <b> and the text &lt;T&gt; are written as they read\.$/);
  });

  it('what a card shows is what is stored', () => {
    const cards = [...doc.querySelectorAll('article')];
    expect(cards.map((card) => card.querySelector('h3')!.textContent!.trim())).toEqual(papers.map((paper) => paper.title));
  });
});

describe('hostile pages', () => {
  const { papers, problems } = parse('hostile.html');
  const byTitle = (pattern: RegExp) => papers.find((paper) => pattern.test(paper.title));

  it('keeps markup in titles as literal text', () => {
    expect(byTitle(/<img src=x onerror=/)).toBeDefined();
  });

  it('drops javascript: and data: links', () => {
    for (const paper of papers) {
      for (const link of Object.values(paper.links)) expect(link).toMatch(/^https?:\/\//);
    }
    expect(JSON.stringify(papers)).not.toMatch(/javascript:|data:text/);
  });

  it('bounds the 300 KB abstract, the 5,000-char title and 150 authors', () => {
    expect(Math.max(...papers.map((paper) => paper.abstract?.length ?? 0))).toBe(10_000);
    expect(Math.max(...papers.map((paper) => paper.title.length))).toBe(1_000);
    expect(Math.max(...papers.map((paper) => paper.authors?.length ?? 0))).toBe(100);
  });

  it('keeps the version of a versioned card link', () => {
    expect(papers.find((paper) => paper.id === '2502.01234')).toMatchObject({ version: 2 });
  });

  it('skips the card without an arXiv id and counts it', () => {
    expect(problems).toContainEqual(expect.objectContaining({ reason: 'card-invalid', count: 1 }));
  });
});

describe('client-side navigation', () => {
  it('an island that still holds the previous period is stale, not recorded under the new URL', () => {
    const doc = load('daily.html');
    const result = parseHfPage(doc, 'https://huggingface.co/papers/week/2026-W11');
    expect(result.stale).toBe(true);
    expect(result.papers).toEqual([]);
    // Once the caller has waited long enough it may trust the island as it is (HF clamps dates).
    const trusted = parseHfPage(doc, 'https://huggingface.co/papers/week/2026-W11', { acceptMismatch: true });
    expect(trusted.papers).toHaveLength(30);
    expect(trusted.listing?.label).toBe('Daily 2026-03-11');
  });

  it('a search page whose island has no query yet is stale', () => {
    expect(parseHfPage(load('daily.html'), 'https://huggingface.co/papers/date/2026-03-11?q=latent').stale).toBe(true);
  });

  it('the landing page /papers accepts whatever period the island holds', () => {
    const result = parseHfPage(load('weekly.html'), 'https://huggingface.co/papers');
    expect(result.stale).toBe(false);
    expect(result.listing).toMatchObject({ kind: 'weekly', label: 'Weekly 2026-W11' });
    expect(result.papers).toHaveLength(31);
  });
});
