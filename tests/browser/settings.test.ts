/**
 * The library page's Stats and Settings views, end to end: fixture pages captured by the real extension
 * in Chromium, then `chrome-extension://<id>/library.html` opened and its Stats and Settings tabs driven
 * by their accessible names. What they write is checked in the extension's own IndexedDB (raw reads).
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureSet, type ExtensionHandle, launchExtension, type Library, readLibrary, screenshot, serveFixtures, waitForLibrary } from './harness';

const hfPages = fixtureSet('hf');
const routes = hfPages.routes;
const fixture = hfPages.get;
const DAY = 86_400_000;

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

const ids = (library: Library) => library.papers.map((paper) => String(paper.id));

async function capture(file: string): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(fixture(file).url);
  const wanted = fixture(file).expectedIds;
  await waitForLibrary(ext.context, ext.extensionId, (library) => wanted.every((id) => ids(library).includes(id)));
  await page.close();
  // Every batch the page sent is merged before the test ages papers: a sighting merged later would
  // make an aged paper recent again (its last-seen time is the latest), and the counts would be off.
  const extensionPage = await ext.context.newPage();
  await extensionPage.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
  await expect.poll(async () => (await rawDb<unknown[]>(extensionPage, { get: 'pendingCaptures' })).length, { timeout: 15_000 }).toBe(0);
  await extensionPage.close();
}

/** Runs in the extension origin: reads or rewrites rows of the app's database with raw IndexedDB. */
type RawAction = { get: string } | { age: { ids: string[]; days: number } } | { patchSettings: Record<string, unknown> };

async function rawDb<T>(page: Page, action: RawAction): Promise<T> {
  return page.evaluate(
    ([action, day]) =>
      new Promise<never>((resolve, reject) => {
        const open = indexedDB.open('paperdex');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if ('get' in action) {
            const request = db.transaction(action.get).objectStore(action.get).getAll();
            request.onsuccess = () => (db.close(), resolve(request.result as never));
            request.onerror = () => reject(request.error);
            return;
          }
          if ('patchSettings' in action) {
            const store = db.transaction('settings', 'readwrite').objectStore('settings');
            const request = store.get('settings');
            request.onsuccess = () => store.put({ ...request.result, ...action.patchSettings, key: 'settings' });
            store.transaction.oncomplete = () => (db.close(), resolve(undefined as never));
            store.transaction.onerror = () => reject(store.transaction.error);
            return;
          }
          // Makes papers look last seen `days` ago (as if the library were older than the test).
          const transaction = db.transaction('papers', 'readwrite');
          const store = transaction.objectStore('papers');
          for (const id of action.age.ids) {
            const request = store.get(id);
            request.onsuccess = () => {
              const at = Date.now() - action.age.days * day;
              store.put({ ...request.result, firstSeenAt: at, lastSeenAt: at, updatedAt: Date.now() });
            };
          }
          transaction.oncomplete = () => (db.close(), resolve(undefined as never));
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    [action, DAY] as const,
  );
}

async function openLibraryTab(name: 'Stats' | 'Settings'): Promise<Page> {
  const page = await ext.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`chrome-extension://${ext.extensionId}/library.html`);
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tabpanel', { name }).waitFor();
  return page;
}

/**
 * The Settings view counts from the rows the page loaded; raw IndexedDB writes (the test's shortcut to an
 * aged library) do not notify pages as the extension's own writes do, so the page is opened again on it.
 */
async function reopen(page: Page, name: 'Stats' | 'Settings'): Promise<void> {
  await page.reload();
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tabpanel', { name }).waitFor();
}

/** The value shown for a figure in the list named `list` (`<dt>label</dt><dd>value</dd>`). */
async function figure(page: Page, list: string, label: string): Promise<string | null> {
  return page.locator(`dl[aria-label="${list}"] dt:text-is("${label}") + dd`).first().textContent({ timeout: 5_000 });
}

describe('Stats', () => {
  it("shows the library's numbers, the week's captures and a site's markup change", async () => {
    await capture('daily.html');
    await capture('no-island.html'); // the JSON island is missing: capture falls back and reports it
    const library = await readLibrary(ext.context, ext.extensionId);
    expect(library.problems.map((problem) => problem.key)).toContain('hf:island-missing');
    const page = await openLibraryTab('Stats');

    const seen = String(library.papers.length);
    await expect.poll(() => figure(page, 'Totals', 'Seen')).toBe(seen);
    expect(await figure(page, 'Totals', 'Saved')).toBe('0');
    expect(await figure(page, 'By source', 'Hugging Face')).toBe(seen);
    expect(await figure(page, 'By source', 'arXiv')).toBe('0');

    // Every paper was first seen just now: a library minutes old is charted per day (a week of days, not
    // 26 empty weeks), today's bar holds them all, and this week's figure leads the page.
    expect(await figure(page, 'This week', 'Papers seen')).toBe(seen);
    const chart = page.getByRole('img', { name: /Bar chart of papers seen per day/ });
    await expect.poll(() => chart.getAttribute('aria-label')).toContain(`${seen} papers seen in the last 7 days, ${seen} of them new; ${seen} today (${seen} new)`);
    expect(await page.getByRole('heading', { name: 'Papers seen per day' }).isVisible()).toBe(true);
    // Storage health in plain words, persistent storage a detail with its button.
    await expect.poll(() => page.locator('.pd-area-storage .pd-health').textContent()).toMatch(/^Healthy\. Your library is saved in this browser profile only, [\d.]+ (bytes|kB|MB)/);
    await page.getByText('Show as a table').click();
    const firstRow = page.getByRole('table').getByRole('row').nth(1);
    expect(await firstRow.getByRole('cell').allTextContents()).toEqual([seen, seen]);

    const problems = page.getByRole('list', { name: 'Capture problems' });
    await expect
      .poll(() => problems.getByRole('listitem').first().textContent())
      .toMatch(/^Hugging Face pages changed: the paper data Paperdex reads was missing on 1 page view since [A-Z][a-z]{2} \d+\./);
    expect(await problems.textContent()).toContain(fixture('no-island.html').url);

    await screenshot(page, 'library-stats-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'library-stats-dark');

    // Live: a listing captured in another tab updates the figures without a reload.
    await capture('weekly.html');
    const grown = String((await readLibrary(ext.context, ext.extensionId)).papers.length);
    expect(grown).not.toBe(seen);
    await expect.poll(() => figure(page, 'Totals', 'Seen')).toBe(grown);
    expect(pageErrors).toEqual([]);
  });
});

describe('Settings', () => {
  it('previews and applies history retention: untouched old papers go, with tombstones; saved ones stay', async () => {
    await capture('daily.html');
    const page = await openLibraryTab('Settings');
    const library = await readLibrary(ext.context, ext.extensionId);
    const [saved, ...rest] = ids(library);
    const old = rest.slice(0, 5);
    await rawDb(page, { age: { ids: [saved!, ...old], days: 120 } });
    // One of the old papers was saved by the user: it must survive.
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open('paperdex');
          open.onsuccess = () => {
            const store = open.result.transaction('papers', 'readwrite').objectStore('papers');
            const request = store.get(id);
            request.onsuccess = () => {
              store.put({ ...request.result, savedAt: Date.now(), updatedAt: Date.now() });
              store.transaction.oncomplete = () => (open.result.close(), resolve());
            };
          };
        }),
      saved!,
    );
    await reopen(page, 'Settings');

    const select = page.getByLabel("Keep papers I haven't saved, tagged, read or noted for");
    await expect.poll(() => select.inputValue()).toBe('forever');
    await select.selectOption('90');
    await expect.poll(() => page.getByRole('group', { name: 'Confirm the new retention' }).textContent()).toContain('This removes 5 papers now');
    await screenshot(page, 'library-settings-light');
    await page.getByRole('button', { name: 'Remove 5 papers' }).click();
    await expect.poll(() => page.getByRole('tabpanel', { name: 'Settings' }).getByRole('status').first().textContent()).toContain('Removed 5 papers.');

    const after = await readLibrary(ext.context, ext.extensionId);
    expect(after.papers).toHaveLength(library.papers.length - 5);
    expect(ids(after)).toContain(saved);
    for (const id of old) expect(ids(after)).not.toContain(id);
    const tombstones = await rawDb<{ id: string }[]>(page, { get: 'removedPapers' });
    expect(tombstones.map((row) => row.id).sort()).toEqual([...old].sort());
    const settings = await rawDb<Record<string, unknown>[]>(page, { get: 'settings' });
    expect(settings[0]).toMatchObject({ key: 'settings', retentionDays: 90 });

    // The library view drops them too.
    await page.getByRole('tab', { name: 'Library' }).click();
    await expect.poll(() => page.locator('.toolbar [role="status"]').textContent()).toBe(`${after.papers.length} papers`);
    expect(pageErrors).toEqual([]);
  });

  it('the background prunes at start-up, with the stored setting', async () => {
    await capture('daily.html');
    const page = await openLibraryTab('Settings');
    const library = await readLibrary(ext.context, ext.extensionId);
    const old = ids(library).slice(0, 3);
    await rawDb(page, { age: { ids: old, days: 40 } });
    await reopen(page, 'Settings');
    await page.getByLabel("Keep papers I haven't saved, tagged, read or noted for").selectOption('30');
    // Applying from the page prunes at once; age more papers afterwards for the background to find.
    await page.getByRole('button', { name: 'Remove 3 papers' }).click();
    await expect.poll(() => page.getByRole('tabpanel', { name: 'Settings' }).getByRole('status').first().textContent()).toContain('Removed 3 papers.');
    const next = ids(await readLibrary(ext.context, ext.extensionId)).slice(0, 2);
    await rawDb(page, { age: { ids: next, days: 45 } });

    // The worker's own start-up run (at launch) was recorded; make it two days old, then start the
    // worker again: the daily run is due.
    expect((await rawDb<Record<string, unknown>[]>(page, { get: 'settings' }))[0]?.retentionRunAt).toEqual(expect.any(Number));
    await rawDb(page, { patchSettings: { retentionRunAt: Date.now() - 2 * DAY } });
    // Stop the worker (Chromium does after 30 s idle), then wake it with a message: a new start-up.
    // Playwright keeps no track of a restarted worker; its running status comes from CDP.
    const cdp = await ext.context.newCDPSession(page);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => statuses.push(...event.versions.map((version) => version.runningStatus)));
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => statuses.at(-1), { timeout: 10_000 }).toBe('stopped');
    await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'wake up' }).catch(() => undefined),
    );
    await expect.poll(() => statuses.at(-1), { timeout: 10_000 }).toBe('running');
    const remaining = async () => (await rawDb<{ id: string }[]>(page, { get: 'papers' })).map((paper) => paper.id);
    await expect.poll(async () => (await remaining()).filter((id) => next.includes(id)), { timeout: 15_000 }).toEqual([]);
    expect(await remaining()).toHaveLength(library.papers.length - 3 - 2);
    const reopened = await openLibraryTab('Settings');
    const settings = await rawDb<Record<string, unknown>[]>(reopened, { get: 'settings' });
    expect(Number(settings[0]?.retentionRunAt)).toBeGreaterThan(Date.now() - DAY);
    expect(await reopened.getByLabel("Keep papers I haven't saved, tagged, read or noted for").inputValue()).toBe('30');
  });

  it('dim-seen, the shortcut and storage', async () => {
    const page = await openLibraryTab('Settings');
    const dim = page.getByRole('checkbox', { name: "Dim papers I've already seen on listing pages" });
    await expect.poll(() => dim.isEnabled()).toBe(true);
    expect(await dim.isChecked()).toBe(false);
    await dim.check();
    await expect.poll(async () => (await rawDb<Record<string, unknown>[]>(page, { get: 'settings' }))[0]?.dimSeen).toBe(true);

    // The shortcut as Chromium reports it.
    type Commands = { chrome: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } } };
    const commands = await page.evaluate(() => (globalThis as unknown as Commands).chrome.commands.getAll());
    const shortcut = commands.find((command) => command.name === '_execute_action')?.shortcut;
    console.log('[settings test] Chromium reports the popup shortcut as', JSON.stringify(shortcut));
    await expect.poll(() => page.locator('.pd-shortcut').textContent()).toBe(`Open the Paperdex popup: ${shortcut || 'no shortcut set'}`);

    await expect.poll(() => figure(page, 'Storage', 'Used on this device')).toMatch(/^\d+(\.\d)? (bytes|kB|MB)$/);
    const persistent = await figure(page, 'Storage', 'Persistent');
    expect(['Yes', 'No']).toContain(persistent);
    if (persistent === 'No') {
      // Chromium decides from how the extension is used (a fresh headless profile is declined): the
      // page must show the browser's answer either way.
      await page.getByRole('button', { name: 'Make storage persistent' }).click();
      await expect
        .poll(async () => (await figure(page, 'Storage', 'Persistent')) === 'Yes' || (await page.getByText('The browser declined for now').isVisible()))
        .toBe(true);
    }
    await screenshot(page, 'library-settings-light-2');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'library-settings-dark');

    // Reloaded, the page shows what was stored.
    await page.reload();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByRole('checkbox', { name: "Dim papers I've already seen on listing pages" }).isChecked()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
