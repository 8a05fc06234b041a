/**
 * Capture on arXiv, end to end: the built extension in Chromium, arXiv pages served from fixtures at
 * their real URLs, the library read back from the extension's IndexedDB. And the same paper seen on
 * Hugging Face and on arXiv is one record.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildArxivListingHtml } from '../fixtures/arxiv-pages';
import { waitForControlCount } from './control-driver';
import {
  fixtureSet,
  type FixturePage,
  type ExtensionHandle,
  extensionWorker,
  launchExtension,
  type Library,
  type LibraryRow,
  pageOriginDatabases,
  screenshot,
  serveFixtures,
  waitForLibrary,
} from './harness';

interface SeedPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  upvotes: number;
}

const arxivPages = fixtureSet('arxiv');
const hfPages = fixtureSet('hf');
const arxivFixtures = arxivPages.entries;
const seeds = JSON.parse(readFileSync('tests/fixtures/hf/seed-papers.json', 'utf8')) as SeedPaper[];
const seedById = new Map(seeds.map((seed) => [seed.id, seed]));

const arxiv = arxivPages.get;
const hf = hfPages.get;

const routes = {
  ...arxivPages.routes,
  ...hfPages.routes,
};

/** What the sanitizer makes of an abstract: whitespace runs collapsed, paragraph breaks kept. */
const clean = (text: string) =>
  text
    .split(/\r?\n(?:[^\S\n]*\r?\n)+/)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');

let ext: ExtensionHandle;
let pageErrors: string[];
beforeEach(async () => {
  ext = await launchExtension();
  await serveFixtures(ext.context, routes);
  pageErrors = [];
});
afterEach(async () => {
  await ext?.close();
});

async function visit(url: string): Promise<Page> {
  const page = await ext.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(url);
  return page;
}

const paperIds = (library: Library) => library.papers.map((paper) => paper.id as string);
const hasAll = (ids: string[]) => (library: Library) => ids.every((id) => paperIds(library).includes(id));
const byId = (library: Library, id: string) => library.papers.find((paper) => paper.id === id) as LibraryRow;
const places = (row: LibraryRow) => row.seenOn as { site: string; kind: string; label: string; url: string; count: number }[];

/** Sets user fields on a stored paper with raw IndexedDB in the extension's origin (what a popup save leaves). */
async function setUserFields(context: BrowserContext, extensionId: string, id: string, fields: Record<string, unknown>): Promise<void> {
  const worker = extensionWorker(context, extensionId);
  if (!worker) throw new Error('the extension service worker is not running');
  await worker.evaluate(
    async ({ id, fields }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('paperdex');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('papers', 'readwrite');
          const store = tx.objectStore('papers');
          const get = store.get(id);
          get.onsuccess = () => {
            const record = get.result as Record<string, unknown> | undefined;
            if (!record) return reject(new Error(`no paper ${id}`));
            store.put({ ...record, ...fields, updatedAt: Date.now() });
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    },
    { id, fields },
  );
}

describe('arXiv capture in Chromium', () => {
  it('/new: every entry of the three sections lands once, with title, authors, abstract and primary category', async () => {
    const entry = arxiv('new.html');
    const page = await visit(entry.url);
    const library = await waitForLibrary(ext.context, ext.extensionId, hasAll(entry.expectedIds));
    expect(paperIds(library).sort()).toEqual([...entry.expectedIds].sort());
    for (const id of entry.expectedIds) {
      const paper = byId(library, id);
      const seed = seedById.get(id)!;
      expect(paper.title).toBe(seed.title);
      expect(paper.authors).toEqual(seed.authors);
      expect(paper.primaryCategory).toBe(entry.primaryCategories![id]);
      expect(paper.sites).toEqual(['arxiv']);
      expect(places(paper)).toEqual([
        expect.objectContaining({ site: 'arxiv', kind: 'daily', label: 'arXiv cs.LG · new', url: entry.url, count: 1 }),
      ]);
      expect(paper.links).toEqual({
        arxiv: `https://arxiv.org/abs/${id}`,
        pdf: `https://arxiv.org/pdf/${id}`,
        hf: `https://huggingface.co/papers/${id}`,
      });
      expect(paper.tags).toEqual([]);
    }
    // New submissions and cross-lists show abstracts; replacements (the last 4) don't.
    for (const id of entry.expectedIds.slice(0, -4)) expect(byId(library, id).abstract).toBe(clean(seedById.get(id)!.abstract));
    for (const id of entry.expectedIds.slice(-4)) expect(byId(library, id)).not.toHaveProperty('abstract');
    expect(library.problems).toEqual([]);
    expect(await pageOriginDatabases(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await screenshot(page, 'arxiv-new');
  });

  it('search results, an old-era listing and abstract pages (old-style id, versioned id) land with the right fields', async () => {
    const search = arxiv('search.html');
    const legacy = arxiv('legacy.html');
    const abs = arxiv('abs.html');
    const absOld = arxiv('abs-old.html');
    for (const entry of [search, legacy, abs, absOld]) await (await visit(entry.url)).close();
    const all = [...search.expectedIds, ...legacy.expectedIds, ...abs.expectedIds, ...absOld.expectedIds];
    const library = await waitForLibrary(ext.context, ext.extensionId, hasAll(all));
    expect(paperIds(library).sort()).toEqual([...new Set(all)].sort());

    for (const id of search.expectedIds) {
      const paper = byId(library, id);
      expect(paper.title).toBe(seedById.get(id)!.title);
      expect(paper.abstract).toBe(clean(seedById.get(id)!.abstract));
      expect(paper.abstract).not.toMatch(/[▽△]|More$|Less$/);
      expect(paper.primaryCategory).toBe(search.primaryCategories![id]);
      expect(places(paper).map((place) => place.label)).toContain('arXiv search “diffusion”');
    }
    for (const id of legacy.expectedIds) {
      expect(byId(library, id)).toMatchObject({ title: seedById.get(id)!.title, primaryCategory: 'cs.CL' });
      expect(places(byId(library, id)).map((place) => place.label)).toContain('arXiv cs.CL · 2022-12');
    }
    const versioned = byId(library, abs.expectedIds[0]!);
    expect(versioned).toMatchObject({ version: 2, authors: seedById.get(versioned.id as string)!.authors });
    const old = byId(library, 'cs/0612047');
    expect(old).toMatchObject({ primaryCategory: 'cs.LG', links: { arxiv: 'https://arxiv.org/abs/cs/0612047', pdf: 'https://arxiv.org/pdf/cs/0612047v1' } });
    expect(old.links).not.toHaveProperty('hf');
    expect(library.problems).toEqual([]);
  });

  it('a catch-up listing: every entry lands under its daily catch-up listing, each card gets a control; an empty day is no problem', async () => {
    const empty = arxiv('catchup-empty.html');
    const catchup = arxiv('catchup.html');
    await (await visit(empty.url)).close();
    const page = await visit(catchup.url);
    const library = await waitForLibrary(ext.context, ext.extensionId, hasAll(catchup.expectedIds));
    expect(paperIds(library).sort()).toEqual([...catchup.expectedIds].sort());
    for (const id of catchup.expectedIds) {
      const paper = byId(library, id);
      expect(paper).toMatchObject({ title: seedById.get(id)!.title, authors: seedById.get(id)!.authors, primaryCategory: catchup.primaryCategories![id] });
      expect(places(paper)).toEqual([expect.objectContaining({ site: 'arxiv', kind: 'daily', label: 'arXiv cs.LG · catch-up 2026-03-12', url: catchup.url })]);
    }
    await waitForControlCount(page, catchup.expectedIds.length);
    expect(library.problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('what the page shows is stored: an abstract page without citation_abstract, a name listed twice', async () => {
    const abs2020 = arxiv('abs-2020.html');
    const sharedName = arxiv('shared-name.html');
    for (const entry of [abs2020, sharedName]) await (await visit(entry.url)).close();
    const library = await waitForLibrary(ext.context, ext.extensionId, hasAll([...abs2020.expectedIds, ...sharedName.expectedIds]));
    const id = abs2020.expectedIds[0]!;
    expect(byId(library, id).abstract).toBe(clean(seedById.get(id)!.abstract));
    const twice = byId(library, sharedName.expectedIds[1]!).authors as string[];
    expect(twice.filter((name) => name === 'Wei Zhang')).toHaveLength(2);
    expect(library.problems).toEqual([]);
  });

  it('a drifted listing records nothing and counts the drift; a hostile one stores text and safe links only', async () => {
    const drifted = arxiv('drifted.html');
    const hostile = arxiv('hostile.html');
    // First alone: a page with nothing but drift to report still gets it counted.
    await visit(drifted.url);
    const drift = await waitForLibrary(ext.context, ext.extensionId, (lib) => lib.problems.length > 0);
    expect(drift.papers).toEqual([]);
    expect(drift.problems).toEqual([expect.objectContaining({ key: 'arxiv:no-cards', count: 1, lastUrl: drifted.url })]);

    const page = await visit(hostile.url);
    const library = await waitForLibrary(ext.context, ext.extensionId, hasAll(hostile.expectedIds));
    expect(paperIds(library).sort()).toEqual([...hostile.expectedIds].sort());
    // Escaped markup stays text; the <script> inside the title (the page runs it, it is the page's) is not text.
    expect(byId(library, hostile.expectedIds[0]!).title).toBe(`<img src=x onerror=alert(1)> ${seedById.get(hostile.expectedIds[0]!)!.title}`);
    for (const paper of library.papers) {
      for (const link of Object.values(paper.links as Record<string, string>)) expect(link).toMatch(/^https:\/\/(arxiv\.org|huggingface\.co)\//);
    }
    expect(library.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'arxiv:no-cards', lastUrl: drifted.url }),
        expect.objectContaining({ key: 'arxiv:card-invalid', count: 2, lastUrl: hostile.url }),
      ]),
    );
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('a show=2000 listing: all 2,000 entries land, each once', async () => {
    const big = buildArxivListingHtml(2_000);
    await serveFixtures(ext.context, { [big.url]: big.html });
    const page = await visit(big.url);
    const library = await waitForLibrary(ext.context, ext.extensionId, (lib) => lib.papers.length >= big.ids.length, 90_000, 1_000);
    expect(paperIds(library).sort()).toEqual([...big.ids].sort());
    expect(places(byId(library, big.ids[1_999]!))).toEqual([expect.objectContaining({ label: 'arXiv cs.LG · 2026-03', url: big.url })]);
    expect(library.problems).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a paper seen on Hugging Face and on arXiv is one record: both sightings, fields merged, user fields untouched', async () => {
    const daily = hf('daily.html');
    const listing = arxiv('new.html');
    const shared = listing.expectedIds.filter((id) => daily.expectedIds.includes(id));
    expect(shared.length).toBeGreaterThanOrEqual(3);
    // One shared paper the arXiv page shows with its abstract, one it shows without (a replacement).
    const target = shared.find((id) => listing.expectedIds.indexOf(id) < listing.expectedIds.length - 4)!;

    await (await visit(daily.url)).close();
    const before = await waitForLibrary(ext.context, ext.extensionId, hasAll(daily.expectedIds));
    const hfRecord = byId(before, target);
    expect(hfRecord.sites).toEqual(['hf']);
    expect(typeof hfRecord.upvotes).toBe('number');
    expect(hfRecord).not.toHaveProperty('primaryCategory');

    const savedAt = Date.UTC(2026, 2, 11, 12);
    await setUserFields(ext.context, ext.extensionId, target, { savedAt, tags: ['to-read', 'diffusion'], note: 'ask Ana' });

    await visit(listing.url);
    const after = await waitForLibrary(ext.context, ext.extensionId, (lib) => shared.every((id) => (byId(lib, id)?.sites as string[] | undefined)?.length === 2));

    // One record per paper: the union of both pages, nothing twice, no versioned duplicates.
    expect(paperIds(after).sort()).toEqual([...new Set([...daily.expectedIds, ...listing.expectedIds])].sort());
    for (const id of shared) {
      const paper = byId(after, id);
      const hfBefore = byId(before, id);
      expect(paper.sites).toEqual(['hf', 'arxiv']);
      expect(places(paper).map((place) => [place.site, place.label])).toEqual([
        ['arxiv', 'arXiv cs.LG · new'],
        ['hf', 'Daily 2026-03-11'],
      ]);
      expect(paper.seenCount).toBe(2);
      expect(paper.firstSeenAt).toBe(hfBefore.firstSeenAt);
      // arXiv adds the primary category; HF's counts, thumbnail and AI fields stay.
      expect(paper.primaryCategory).toBe(listing.primaryCategories![id]);
      expect(paper.upvotes).toBe(hfBefore.upvotes);
      expect(paper.comments).toBe(hfBefore.comments);
      expect(paper.thumbnail).toBe(hfBefore.thumbnail);
      expect(paper.aiSummary).toBe(hfBefore.aiSummary);
      expect(paper.abstract).toBe(hfBefore.abstract);
      expect(paper.authors).toEqual(hfBefore.authors);
      expect(paper.links).toMatchObject({ hf: `https://huggingface.co/papers/${id}`, arxiv: `https://arxiv.org/abs/${id}` });
    }
    // The user's decisions survive the arXiv capture.
    expect(byId(after, target)).toMatchObject({ savedAt, tags: ['to-read', 'diffusion'], note: 'ask Ana' });
    for (const id of shared.filter((id) => id !== target)) {
      expect(byId(after, id)).not.toHaveProperty('savedAt');
      expect(byId(after, id).tags).toEqual([]);
    }
  });
});
