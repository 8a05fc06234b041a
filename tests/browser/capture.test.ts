/**
 * Capture, end to end: the built extension in Chromium, HF listing pages served from fixtures at their
 * real URLs, and the library read back from the extension's own IndexedDB.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fixtureSet,
  type FixturePage,
  type ExtensionHandle,
  launchExtension,
  type Library,
  type LibraryRow,
  pageOriginDatabases,
  readLibrary,
  screenshot,
  serveFixtures,
  waitForLibrary,
} from './harness';
import { hfSpaFragment, switchHfListing } from './harness';

interface SeedPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
}

const hfPages = fixtureSet('hf');
const seeds = JSON.parse(readFileSync('tests/fixtures/hf/seed-papers.json', 'utf8')) as SeedPaper[];
const seedById = new Map(seeds.map((seed) => [seed.id, seed]));
const spa = hfSpaFragment;

const fixture = hfPages.get;

const routes = hfPages.routes;

let ext: ExtensionHandle;
beforeEach(async () => {
  ext = await launchExtension();
  await serveFixtures(ext.context, routes);
});
afterEach(async () => {
  await ext?.close();
});

async function visit(file: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(fixture(file).url);
  return page;
}

const paperIds = (library: Library) => library.papers.map((paper) => paper.id as string);
const hasAll = (ids: string[]) => (library: Library) => ids.every((id) => paperIds(library).includes(id));
const byId = (library: Library, id: string) => library.papers.find((paper) => paper.id === id) as LibraryRow;

describe('capture in Chromium', () => {
  it('daily page: every card lands with its abstract and all authors from the JSON, and the page origin gets no database', async () => {
    const entry = fixture('daily.html');
    const page = await visit('daily.html');
    const library = await waitForLibrary(ext.context, ext.extensionId, hasAll(entry.expectedIds));
    expect(paperIds(library).sort()).toEqual([...entry.expectedIds].sort());
    for (const id of entry.expectedIds) {
      const paper = byId(library, id);
      const seed = seedById.get(id)!;
      expect(paper.title).toBe(seed.title);
      expect(paper.abstract).toBe(seed.abstract.replace(/[ \t]+/g, ' ').trim());
      expect(paper.authors).toEqual(seed.authors);
      expect(paper.seenCount).toBe(1);
      expect(paper.seenOn).toEqual([
        expect.objectContaining({ kind: 'daily', label: 'Daily 2026-03-11', url: entry.url, count: 1 }),
      ]);
      expect(paper.tags).toEqual([]);
    }
    expect(library.problems).toEqual([]);
    expect(await pageOriginDatabases(page)).toEqual([]);
    await screenshot(page, 'capture-daily');
  });

  it('search page: only the results are recorded, with clean titles', async () => {
    const entry = fixture('search.html');
    await visit('search.html');
    const library = await waitForLibrary(ext.context, ext.extensionId, hasAll(entry.expectedIds));
    // The island's period list (not rendered on a search page) is not "seen".
    expect(paperIds(library).sort()).toEqual([...entry.expectedIds].sort());
    for (const paper of library.papers) {
      expect(paper.title).toBe(seedById.get(paper.id as string)!.title);
      expect(paper.title).not.toMatch(/highlight|<span/);
      expect((paper.seenOn as LibraryRow[])[0]).toMatchObject({ kind: 'search', label: 'Search “latent”' });
    }
  });

  it('a page without the JSON island is read from its cards, and the drift is counted', async () => {
    const entry = fixture('no-island.html');
    await visit('no-island.html');
    const library = await waitForLibrary(
      ext.context,
      ext.extensionId,
      (lib) => hasAll(entry.expectedIds)(lib) && lib.problems.length > 0,
    );
    expect(paperIds(library).sort()).toEqual([...entry.expectedIds].sort());
    for (const paper of library.papers) expect(paper.title).toBe(seedById.get(paper.id as string)!.title);
    expect(library.problems).toEqual([
      expect.objectContaining({ key: 'hf:island-missing', count: 1, lastUrl: entry.url }),
    ]);
  });

  it('a client-side tab switch captures the new list under its own URL, without a reload', async () => {
    const daily = fixture('daily.html');
    const page = await visit('daily.html');
    await waitForLibrary(ext.context, ext.extensionId, hasAll(daily.expectedIds));

    await switchHfListing(page);
    expect(page.url()).toBe(spa.url);
    const library = await waitForLibrary(ext.context, ext.extensionId, hasAll(spa.expectedIds));
    expect(paperIds(library).sort()).toEqual([...new Set([...daily.expectedIds, ...spa.expectedIds])].sort());
    for (const id of spa.expectedIds) {
      const places = (byId(library, id).seenOn as LibraryRow[]).map((place) => place.label);
      expect(places).toContain('Weekly 2026-W11');
    }
    // Papers only on the daily list were not attributed to the weekly URL while the page re-rendered.
    for (const id of daily.expectedIds.filter((id) => !spa.expectedIds.includes(id))) {
      expect((byId(library, id).seenOn as LibraryRow[]).map((place) => place.label)).toEqual(['Daily 2026-03-11']);
      expect(byId(library, id).seenCount).toBe(1);
    }
    // Papers on both lists were seen twice.
    const both = daily.expectedIds.filter((id) => spa.expectedIds.includes(id));
    expect(both.length).toBeGreaterThan(0);
    for (const id of both) expect(byId(library, id).seenCount).toBe(2);
  });

  it('cards added to the page later are captured without a reload, once each', async () => {
    const daily = fixture('daily.html');
    const page = await visit('daily.html');
    const before = await waitForLibrary(ext.context, ext.extensionId, hasAll(daily.expectedIds));
    const extraIds = spa.expectedIds.filter((id) => !daily.expectedIds.includes(id)).slice(0, 3);
    // Like a "load more": new cards appear in the list; the island is not updated.
    await page.evaluate(
      ({ cardsHtml, ids }) => {
        const template = document.createElement('template');
        template.innerHTML = cardsHtml;
        const list = document.querySelector('[data-target="DailyPapers"] article')!.parentElement!;
        for (const id of ids) list.append(template.content.querySelector(`a[href="/papers/${id}"]`)!.closest('article')!);
      },
      { cardsHtml: spa.cardsHtml, ids: extraIds },
    );
    const library = await waitForLibrary(ext.context, ext.extensionId, hasAll(extraIds));
    for (const id of extraIds) {
      expect(byId(library, id).title).toBe(seedById.get(id)!.title);
      expect((byId(library, id).seenOn as LibraryRow[])[0]).toMatchObject({ label: 'Daily 2026-03-11' });
    }
    // The cards already sent were not sent again by the rescan (a resend would move their last-seen time).
    for (const id of daily.expectedIds) expect(byId(library, id).lastSeenAt).toBe(byId(before, id).lastSeenAt);
    expect(library.papers).toHaveLength(daily.expectedIds.length + extraIds.length);
  });

  it('a hostile page: markup stays text, bad links are dropped, fields are bounded, bad cards are skipped', async () => {
    const entry = fixture('hostile.html');
    const page = await visit('hostile.html');
    const library = await waitForLibrary(
      ext.context,
      ext.extensionId,
      (lib) => hasAll(entry.expectedIds)(lib) && lib.problems.length > 0,
    );
    expect(paperIds(library).sort()).toEqual([...entry.expectedIds].sort());
    expect(library.papers.some((paper) => String(paper.title).includes('<img src=x onerror='))).toBe(true);
    expect(JSON.stringify(library.papers)).not.toMatch(/javascript:|data:text/);
    for (const paper of library.papers) {
      expect(String(paper.title).length).toBeLessThanOrEqual(1_000);
      expect(String(paper.abstract ?? '').length).toBeLessThanOrEqual(10_000);
      expect((paper.authors as string[] | undefined)?.length ?? 0).toBeLessThanOrEqual(100);
    }
    expect(Math.max(...library.papers.map((paper) => String(paper.abstract ?? '').length))).toBe(10_000);
    expect(byId(library, '2502.01234')).toMatchObject({ version: 2 });
    expect(library.problems).toEqual([expect.objectContaining({ key: 'hf:card-invalid', count: 1 })]);
    // The page itself was not altered by the hostile content (no script ran from a title).
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
  });

  it("character references in HF's page data are stored as the characters the card shows", async () => {
    const entry = fixture('entities.html');
    const page = await visit('entities.html');
    const library = await waitForLibrary(ext.context, ext.extensionId, hasAll(entry.expectedIds));
    const shown = await page.evaluate(() => [...document.querySelectorAll('article h3')].map((heading) => heading.textContent!.trim()));
    expect(entry.expectedIds.map((id) => byId(library, id).title)).toEqual(shown);
    expect(shown[1]).toMatch(/^Vision & Language — /);
    expect((byId(library, entry.expectedIds[0]!).authors as string[])[0]).toBe("Christopher D'Mello");
    expect(byId(library, entry.expectedIds[1]!).abstract).toMatch(/ Tags such as <b> and the text &lt;T&gt; are written as they read\.$/);
    expect(JSON.stringify(library.papers)).not.toMatch(/&(?:#\d+|#x[\da-f]+|amp|quot|eacute);/i);
  });

  it('a later visit keeps what the user set and what a richer page gave', async () => {
    const daily = fixture('daily.html');
    await visit('daily.html');
    await waitForLibrary(ext.context, ext.extensionId, hasAll(daily.expectedIds));
    const id = daily.expectedIds[25]!; // also on the weekly list
    // The user saves and tags it (written the way the popup will: same store, user fields only).
    await ext.serviceWorker.evaluate(async (paperId) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('paperdex');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const store = db.transaction('papers', 'readwrite').objectStore('papers');
        const get = store.get(paperId);
        get.onsuccess = () => {
          store.put({ ...get.result, savedAt: 1, tags: ['to-read'], readAt: 2, note: 'mine' });
          store.transaction.oncomplete = () => resolve();
        };
        get.onerror = () => reject(get.error);
      });
      db.close();
    }, id);
    const before = byId(await readLibrary(ext.context, ext.extensionId), id);

    await visit('weekly.html');
    const library = await waitForLibrary(ext.context, ext.extensionId, (lib) => byId(lib, id)?.seenCount === 2);
    const after = byId(library, id);
    expect(after).toMatchObject({ savedAt: 1, tags: ['to-read'], readAt: 2, note: 'mine' });
    expect(after.abstract).toBe(before.abstract);
    expect(after.authors).toEqual(before.authors);
    expect(after.firstSeenAt).toBe(before.firstSeenAt);
    expect(after.lastSeenAt as number).toBeGreaterThan(before.lastSeenAt as number);
  });
});
