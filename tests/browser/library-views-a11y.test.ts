/**
 * The library page's Stats, Settings and Data views as a user sees them, light and dark, at 1280 and
 * 800 px: axe-core finds no serious or critical violation (every text ≥ 4.5:1 included), the Stats
 * page leads with the week's count, a library minutes old is charted per day, storage health is in
 * words, the reading lists show their tags; screenshots kept in tests/browser/.artifacts/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeFindings } from './axe';
import { fixtureSet, type ExtensionHandle, launchExtension, screenshot, serveFixtures, waitForLibrary } from './harness';

const hf = fixtureSet('hf');
let ext: ExtensionHandle;
let page: Page;
let seen: number;

/** Tags a few papers straight in the database (with a new `updatedAt`, so the page's row cache reads them). */
async function tagPapers(on: Page, tags: Record<string, string[]>): Promise<void> {
  await on.evaluate(async (wanted) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('paperdex');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = db.transaction('papers', 'readwrite').objectStore('papers');
    await Promise.all(
      Object.entries(wanted).map(
        ([id, list]) =>
          new Promise<void>((resolve, reject) => {
            const read = store.get(id);
            read.onsuccess = () => {
              const write = store.put({ ...read.result, tags: list, updatedAt: Date.now() });
              write.onsuccess = () => resolve();
              write.onerror = () => reject(write.error);
            };
          }),
      ),
    );
    db.close();
  }, tags);
}

beforeAll(async () => {
  ext = await launchExtension();
  await serveFixtures(ext.context, hf.routes);
  const listing = await ext.context.newPage();
  await listing.goto(hf.get('daily.html').url);
  const wanted = hf.get('daily.html').expectedIds;
  const library = await waitForLibrary(ext.context, ext.extensionId, (found) => wanted.every((id) => found.papers.some((paper) => paper.id === id)));
  await listing.close();
  seen = library.papers.length;
  page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
  const [a, b, c] = wanted;
  await tagPapers(page, { [a!]: ['to-read', 'agents'], [b!]: ['to-read'], [c!]: ['survey'] });
  await page.goto(`chrome-extension://${ext.extensionId}/library.html`);
});
afterAll(async () => {
  await ext?.close();
});

async function show(tab: 'Library' | 'Stats' | 'Settings'): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('tabpanel', { name: tab }).waitFor();
}

describe('Stats', () => {
  it("leads with the week's count, charts a new library per day, says storage health in words, lists reading lists", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await show('Stats');
    const week = page.locator('dl[aria-label="This week"] dd');
    await expect.poll(() => week.textContent()).toBe(String(seen));
    await expect.poll(() => page.getByRole('img', { name: /^Bar chart of papers seen per day over the last 7 days/ }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Papers seen per week' }).count()).toBe(0);
    expect(await page.locator('.pd-chart-svg rect.pd-bar-new').count()).toBe(7);
    await expect.poll(() => page.locator('.pd-area-storage .pd-health').textContent()).toMatch(/^Healthy\. /);
    expect(await page.getByRole('list', { name: 'Reading lists' }).getByRole('listitem').allTextContents()).toEqual(['#to-read2 papers', '#agents1 paper', '#survey1 paper']);
  });
});

describe.each([
  ['light', 1280],
  ['dark', 1280],
  ['light', 800],
  ['dark', 800],
] as const)('%s, %i px wide', (scheme, width) => {
  it.each(['Stats', 'Settings'] as const)('%s has no moderate, serious or critical axe violation; screenshot kept', async (tab) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 800 });
    await show(tab);
    await page.getByRole('tabpanel', { name: tab }).getByRole('heading').first().waitFor();
    await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
    await screenshot(page, `library-${tab.toLowerCase()}-${scheme}-${width}`);
    // Moderate ones too: the page's landmarks (one main, all content in a landmark) hold on these views.
    const found = await axeViolations(page, { impacts: ['moderate', 'serious', 'critical'] });
    expect(found, describeFindings(found)).toEqual([]);
  });

  it('the Data panel has no serious or critical axe violation', async () => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 800 });
    await show('Library');
    // Below 1000 px the sidebar, with the Data panel, folds behind this button.
    const drawer = page.getByRole('button', { name: 'Filters & export' });
    if (width < 1000 && (await drawer.getAttribute('aria-expanded')) !== 'true') await drawer.click();
    const data = page.locator('section.data');
    await data.waitFor();
    const found = await axeViolations(page, { include: ['section.data'] });
    expect(found, describeFindings(found)).toEqual([]);
  });
});
