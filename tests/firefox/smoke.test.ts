/**
 * The Firefox build in a real Firefox (Debian's firefox-esr) over WebDriver BiDi: the paths a user takes
 * first, once, so a Firefox-only break shows in CI. The Chromium suite (tests/browser) covers the details.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSet, type Library } from '../browser/harness';
import { type FirefoxHandle, launchFirefox, openExtensionPage, readLibrary, screenshot, serveFixtures, waitForLibrary } from './harness';

const hf = fixtureSet('hf');
const arxiv = fixtureSet('arxiv');
const HOUSEHOLDER = 'Householder Projector for Unsupervised Latent Semantics Discovery';

const ids = (library: Library) => new Set(library.papers.map((paper) => String(paper.id)));
const hasAll = (expected: string[]) => (library: Library) => expected.every((id) => ids(library).has(id));

/** Polls `read` until it returns something other than undefined. */
async function poll<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the Firefox build in Firefox', () => {
  let ff: FirefoxHandle;
  const pageErrors: string[] = [];
  const watch = (page: Page) => page.on('pageerror', (error) => pageErrors.push(String(error)));

  beforeAll(async () => {
    ff = await launchFirefox();
  });
  afterAll(async () => {
    await ff?.close();
  });

  async function capture(url: string, expected: string[]): Promise<Library> {
    const page = await ff.browser.newPage();
    try {
      const net = await serveFixtures(page, { ...hf.routes, ...arxiv.routes });
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect(net.served).toEqual([url]);
      const library = await waitForLibrary(ff, hasAll(expected));
      await screenshot(page, new URL(url).hostname);
      return library;
    } finally {
      await page.close();
    }
  }

  it('captures a Hugging Face daily page and an arXiv listing into the library', async () => {
    expect((await readLibrary(ff)).papers).toEqual([]);
    const daily = hf.get('daily.html');
    let library = await capture(daily.url, daily.expectedIds);
    expect(library.papers.find((paper) => paper.title === HOUSEHOLDER)).toBeDefined();
    const listing = arxiv.get('new.html');
    library = await capture(listing.url, listing.expectedIds);
    expect(ids(library)).toEqual(new Set([...daily.expectedIds, ...listing.expectedIds]));
    expect(library.problems).toEqual([]);
  });

  it('finds a paper through a typo in the popup, and a save from there persists', async () => {
    const popup = await openExtensionPage(ff, 'popup.html');
    watch(popup);
    await popup.setViewport({ width: 400, height: 600 }); // the popup's own size
    try {
      const search = await popup.waitForSelector('::-p-aria([name="Search papers"][role="searchbox"])');
      await search!.type('housholder projektor', { delay: 10 });
      await popup.waitForFunction(() => {
        const list = document.querySelector('[role="list"][aria-label="Papers"]');
        return list?.getAttribute('data-query') === 'housholder projektor' && list.getAttribute('aria-busy') !== 'true';
      });
      const top = await popup.$eval('[role="list"][aria-label="Papers"] [role="listitem"] h2', (title) => title.textContent);
      expect(top).toBe(HOUSEHOLDER);
      await screenshot(popup, 'popup-search');

      const id = String((await readLibrary(ff)).papers.find((paper) => paper.title === HOUSEHOLDER)!.id);
      const save = await popup.waitForSelector('[role="list"][aria-label="Papers"] [role="listitem"] button[aria-label="Save"]');
      expect(await save!.evaluate((button) => button.getAttribute('aria-pressed'))).toBe('false');
      await save!.click();
      await popup.waitForFunction((button) => button.getAttribute('aria-pressed') === 'true', {}, save!);
      const library = await waitForLibrary(ff, (l) => l.papers.some((paper) => paper.id === id && typeof paper.savedAt === 'number'));
      expect(library.papers.filter((paper) => paper.savedAt !== undefined).map((paper) => paper.id)).toEqual([id]);
    } finally {
      await popup.close();
    }
    // Reopened, the popup shows it saved.
    const again = await openExtensionPage(ff, 'popup.html');
    watch(again);
    try {
      const search = await again.waitForSelector('::-p-aria([name="Search papers"][role="searchbox"])');
      await search!.type('householder', { delay: 10 });
      await again.waitForFunction(() => document.querySelector('[role="list"][aria-label="Papers"]')?.getAttribute('data-query') === 'householder');
      const pressed = await again.$eval('[role="list"][aria-label="Papers"] [role="listitem"] button[aria-label="Save"]', (button) => button.getAttribute('aria-pressed'));
      expect(pressed).toBe('true');
    } finally {
      await again.close();
    }
    expect(pageErrors).toEqual([]);
  });

  it('exports the whole library as a JSON download from the library page', async () => {
    // The two pages' papers, one of them saved in the popup: the export is those rows, as stored.
    const stored = [...(await readLibrary(ff)).papers].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
    expect(stored.length).toBe(new Set([...hf.get('daily.html').expectedIds, ...arxiv.get('new.html').expectedIds]).size);
    expect(stored.filter((paper) => paper.savedAt !== undefined)).toHaveLength(1);
    const library = await openExtensionPage(ff, 'library.html');
    await library.setViewport({ width: 1280, height: 800 }); // a desktop tab: the sidebar (with Export) shows beside the table
    watch(library);
    try {
      // The button says its scope: the whole library, once loaded (JSON is the format chosen first).
      const exportButton = await library.waitForSelector(`::-p-aria([name="Export library (${stored.length})"][role="button"])`);
      await exportButton!.click();
      const file = await poll(async () => (await readdir(ff.downloadDir)).find((name) => /^paperdex-library-\d{4}-\d{2}-\d{2}\.json$/.test(name)), 'the JSON download');
      const json = await poll(async () => {
        try {
          return JSON.parse(await readFile(path.join(ff.downloadDir, file), 'utf8')) as { format: string; count: number; papers: Record<string, unknown>[] };
        } catch {
          return undefined; // still being written
        }
      }, 'a complete JSON file');
      expect(json.format).toBe('paperdex-library');
      expect(json.count).toBe(stored.length);
      expect(json.papers).toEqual(stored);
      const status = await library.$eval('.data .success', (element) => element.textContent);
      expect(status).toBe(`Exported the library (${stored.length} papers) to ${file}.`);
      await screenshot(library, 'library-exported');
    } finally {
      await library.close();
    }
    expect(pageErrors).toEqual([]);
  });

  it('a lost database: the saved paper comes back from the copy of the marks when Paperdex starts again', async () => {
    const saved = (await readLibrary(ff)).papers.filter((paper) => paper.savedAt !== undefined);
    expect(saved.map((paper) => paper.title)).toEqual([HOUSEHOLDER]);
    const page = await openExtensionPage(ff, 'manifest.json');
    try {
      // The copy follows the save (utils/library/marks-copy/), in the extension's storage.local.
      const key = `mark:${String(saved[0]!.id)}`;
      await poll(async () => ((await page.evaluate((k) => (globalThis as unknown as { browser: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).browser.storage.local.get(k).then((all) => all[k] !== undefined), key)) ? true : undefined), 'the copy of the save');
      // The database deleted behind Paperdex's back (the background's connection gives way), then Paperdex restarts.
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.deleteDatabase('paperdex');
            request.onsuccess = () => resolve();
            request.onerror = () => reject(request.error);
          }),
      );
      // Reloaded a moment later, so this call returns before the page goes with the extension.
      await page.evaluate(() => void setTimeout(() => (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload(), 100));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await page.close().catch(() => {});
    }
    const library = await waitForLibrary(ff, (l) => l.papers.some((paper) => paper.title === HOUSEHOLDER && paper.savedAt === saved[0]!.savedAt), 30_000);
    // Only the marked paper: the rest of the history went with the database.
    expect(library.papers.map((paper) => paper.title)).toEqual([HOUSEHOLDER]);
    // And the popup says what happened.
    const popup = await openExtensionPage(ff, 'popup.html');
    try {
      const notice = await popup.waitForSelector('.restore-notice');
      expect(await notice!.evaluate((element) => element.textContent)).toMatch(/^Paperdex restored 1 paper\b.*after the browser deleted its database\./);
    } finally {
      await popup.close();
    }
    expect(pageErrors).toEqual([]);
  });
});

