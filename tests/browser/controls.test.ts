/**
 * The on-page controls, end to end: HF listing fixtures served at their real URLs to the built extension
 * in Chromium; Save/Tag read and driven as a user would, with trusted mouse and key input (the controls'
 * roots are closed: tests/browser/control-driver.ts reaches in through the DevTools protocol); the
 * library read back from the extension's own IndexedDB; the popup opened as `chrome-extension://<id>/popup.html`.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTagOnCard, clickControl, controlStyle, focusControl, readControls, waitForControl, waitForControlCount, waitForControlStates } from './control-driver';
import { fixtureSet, type FixturePage, type ExtensionHandle, launchExtension, type Library, readLibrary, serveFixtures, waitForLibrary } from './harness';
import { hfSpaFragment, switchHfListing } from './harness';


const hfPages = fixtureSet('hf');
const arxivPages = fixtureSet('arxiv');
const fixtures = hfPages.entries;
const arxivFixtures = arxivPages.entries;
const routes = {
  ...hfPages.routes,
  ...arxivPages.routes,
};
const spa = hfSpaFragment;

const fixture = hfPages.get;

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

const paperIds = (library: Library) => library.papers.map((paper) => paper.id as string);
const hasAll = (ids: string[]) => (library: Library) => ids.every((id) => paperIds(library).includes(id));
const row = (library: Library, id: string) => library.papers.find((paper) => paper.id === id);

interface ControlInfo {
  id: string;
  /** The paper link of the card the control sits in. */
  cardIds: string[];
  pressed: string | null;
  mark: string;
  chips: string[];
  insideLink: boolean;
}

/** Every control on the page, with the card it sits in. */
async function controls(page: Page): Promise<ControlInfo[]> {
  const states = await readControls(page);
  // Where each host sits is the page's own DOM (document order, as the states).
  const places = await page.evaluate(() =>
    [...document.querySelectorAll('paperdex-control')].map((host) => {
      const card = host.closest('article');
      const cardIds = [...new Set([...(card?.querySelectorAll('a[href^="/papers/"]') ?? [])].map((a) => a.getAttribute('href')!.replace(/^\/papers\/|#.*$/g, '')))];
      return { cardIds, insideLink: !!host.closest('a') };
    }),
  );
  return states.map((state, at) => ({ id: state.id, pressed: state.pressed, mark: state.mark, chips: state.chips, ...places[at]! }));
}

async function open(file: string): Promise<Page> {
  const page = await ext.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(fixture(file).url);
  return page;
}

/** Waits until the page shows exactly `count` controls and none is still pending. */
async function waitForControls(page: Page, count: number): Promise<ControlInfo[]> {
  await page.waitForFunction((n) => document.querySelectorAll('paperdex-control').length === n, count, { timeout: 10_000 });
  return controls(page);
}

function card(page: Page, id: string) {
  return page.locator('article').filter({ has: page.locator(`h3 a[href="/papers/${id}"]`) });
}

describe('controls on Hugging Face listings', () => {
  it.each(['daily.html', 'weekly.html', 'search.html', 'trending.html', 'no-island.html'])(
    '%s: exactly one control per card, inside its card, outside its links',
    async (file) => {
      const entry = fixture(file);
      const page = await open(file);
      const shown = await waitForControls(page, entry.expectedIds.length);
      expect(shown.map((control) => control.id)).toEqual(entry.expectedIds);
      for (const control of shown) {
        expect(control.cardIds).toEqual([control.id]);
        expect(control.insideLink).toBe(false);
      }
      // Still one each once capture has run and the page has settled.
      await waitForLibrary(ext.context, ext.extensionId, hasAll(entry.expectedIds));
      await page.waitForTimeout(400);
      expect((await controls(page)).map((control) => control.id)).toEqual(entry.expectedIds);
      expect(pageErrors).toEqual([]);
    },
  );

  it('the paper page and an empty listing get no controls', async () => {
    for (const file of ['paper.html', 'empty.html']) {
      const page = await open(file);
      await page.waitForTimeout(600);
      expect(await controls(page)).toEqual([]);
      await page.close();
    }
  });

  it('Save on a card: pressed, stored in the library, shown in the popup; the page does not navigate', async () => {
    const entry = fixture('daily.html');
    const page = await open('daily.html');
    await waitForControls(page, entry.expectedIds.length);
    const id = entry.expectedIds[3]!;
    expect((await readControls(page)).find((control) => control.id === id)?.pressed).toBe('false');
    const url = page.url();
    await clickControl(page, id, 'save');
    await waitForControl(page, id, (control) => control.pressed === 'true' && control.saveLabel === 'Saved');
    expect(page.url()).toBe(url); // the card's link was not followed
    const library = await waitForLibrary(ext.context, ext.extensionId, (lib) => typeof row(lib, id)?.savedAt === 'number');
    expect(library.papers.filter((paper) => paper.savedAt !== undefined).map((paper) => paper.id)).toEqual([id]);
    // Its upvote (a /login link around a checkbox) was not triggered either: no navigation happened at all.
    expect(page.url()).toBe(url);

    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await popup.getByRole('button', { name: 'Saved', exact: true }).first().click();
    const title = String(row(library, id)!.title);
    const item = popup.getByRole('listitem').filter({ has: popup.getByRole('heading', { name: title, exact: true }) });
    await item.waitFor();
    await expect(item.getByRole('button', { name: 'Save', exact: true }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(popup.getByRole('list', { name: 'Papers' }).getByRole('listitem').count()).resolves.toBe(1);

    // Unsave from the card: gone from the library's saved papers.
    await page.bringToFront();
    await clickControl(page, id, 'save');
    await waitForLibrary(ext.context, ext.extensionId, (lib) => row(lib, id)?.savedAt === undefined);
  });

  it('a save in the popup updates the open card, and so does one in another tab', async () => {
    const entry = fixture('daily.html');
    const page = await open('daily.html');
    await waitForControls(page, entry.expectedIds.length);
    const library = await waitForLibrary(ext.context, ext.extensionId, hasAll(entry.expectedIds));
    const id = entry.expectedIds[0]!;
    const title = String(row(library, id)!.title);

    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await popup.getByRole('searchbox', { name: 'Search papers' }).fill(title);
    const item = popup.getByRole('listitem').filter({ has: popup.getByRole('heading', { name: title, exact: true }) });
    await item.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForControl(page, id, (control) => control.pressed === 'true', 5_000);

    // A second tab with the same listing: tagging there shows on the first tab's card.
    const other = await open('daily.html');
    await waitForControls(other, entry.expectedIds.length);
    await addTagOnCard(other, id, 'To Read');
    await waitForControl(page, id, (control) => control.chips.includes('to-read'), 5_000);
    expect(row(await readLibrary(ext.context, ext.extensionId), id)?.tags).toEqual(['to-read']);
    expect(pageErrors).toEqual([]);
  });

  it('a client-side tab switch re-mounts controls for the new cards only', async () => {
    const daily = fixture('daily.html');
    const page = await open('daily.html');
    await waitForControls(page, daily.expectedIds.length);
    await waitForLibrary(ext.context, ext.extensionId, hasAll(daily.expectedIds));
    // Mark the daily hosts, so a reused one would show.
    await page.evaluate(() => document.querySelectorAll('paperdex-control').forEach((host) => host.setAttribute('data-test-old', '')));
    await switchHfListing(page);
    const shown = await waitForControls(page, spa.expectedIds.length);
    expect(shown.map((control) => control.id)).toEqual(spa.expectedIds);
    for (const control of shown) expect(control.cardIds).toEqual([control.id]);
    expect(await page.evaluate(() => document.querySelectorAll('paperdex-control[data-test-old]').length)).toBe(0);
    // Papers on both lists were seen on the daily page earlier in this session: marked as seen before.
    await waitForLibrary(ext.context, ext.extensionId, hasAll(spa.expectedIds));
    const both = spa.expectedIds.filter((id) => daily.expectedIds.includes(id));
    expect(both.length).toBeGreaterThan(0);
    await waitForControlStates(page, (all) => both.every((id) => all.some((control) => control.id === id && control.mark === 'seen just now')));
    const fresh = (await controls(page)).filter((control) => !daily.expectedIds.includes(control.id));
    expect(fresh.length).toBeGreaterThan(0);
    for (const control of fresh) expect(control.mark).toBe('');
  });

  it('a revisit marks cards as seen before, and dim-seen dims them (restored on hover), applied to the open page', async () => {
    const entry = fixture('daily.html');
    let page = await open('daily.html');
    let shown = await waitForControls(page, entry.expectedIds.length);
    for (const control of shown) expect(control.mark).toBe(''); // first visit: nothing seen before
    await waitForLibrary(ext.context, ext.extensionId, hasAll(entry.expectedIds));
    await page.close();

    page = await open('daily.html');
    await waitForControls(page, entry.expectedIds.length);
    await waitForControlStates(page, (all) => all.length > 0 && all.every((control) => control.mark));
    shown = await controls(page);
    for (const control of shown) expect(control.mark).toBe('seen just now'); // seen once, seconds ago: the popup's words
    // Off by default: nothing dimmed.
    expect(await page.evaluate(() => document.querySelectorAll('[data-paperdex-seen]').length)).toBe(0);

    // The settings UI writes the setting and announces it (as the library page does).
    const settingsPage = await ext.context.newPage();
    await settingsPage.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await settingsPage.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('paperdex');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction('settings', 'readwrite');
        transaction.objectStore('settings').put({ key: 'settings', dimSeen: true, retentionDays: null });
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome;
      await runtime.sendMessage({ type: 'settings-changed' });
    });
    await page.bringToFront();
    await page.waitForFunction((n) => document.querySelectorAll('article[data-paperdex-seen]').length === n, entry.expectedIds.length, { timeout: 5_000 });
    const first = card(page, entry.expectedIds[0]!);
    const opacity = () => first.evaluate((element) => getComputedStyle(element).opacity);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    expect(Number(await opacity())).toBeLessThan(0.6);
    await first.hover();
    await page.waitForTimeout(300);
    expect(await opacity()).toBe('1');
    await page.screenshot({ path: 'tests/browser/.artifacts/controls-dim-seen.png', clip: { x: 0, y: 0, width: 1280, height: 900 } });
  });

  it('a hostile page: controls only on cards with a valid id, nothing from the page runs, keyboard works', async () => {
    const entry = fixture('hostile.html');
    const page = await open('hostile.html');
    const shown = await waitForControls(page, entry.expectedIds.length);
    expect(shown.map((control) => control.id).sort()).toEqual([...entry.expectedIds].sort());
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    // Keyboard: Tab reaches the control's buttons, Enter saves, and the page sees no key or click.
    const id = entry.expectedIds[0]!;
    await page.evaluate(() => {
      (window as unknown as { seen: string[] }).seen = [];
      for (const type of ['click', 'keydown']) document.addEventListener(type, (event) => (window as unknown as { seen: string[] }).seen.push(`${type}:${(event.target as Element).tagName}`));
    });
    await focusControl(page, id, 'save');
    await page.keyboard.press('Enter');
    await waitForLibrary(ext.context, ext.extensionId, (lib) => typeof row(lib, id)?.savedAt === 'number');
    // Tab moves to Tag; Enter opens the tag entry.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForControl(page, id, (control) => control.expanded === 'true');
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen.filter((entry) => entry.endsWith('PAPERDEX-CONTROL')))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('tag entry: autocomplete of library tags, normalised chips, removable', async () => {
    const entry = fixture('daily.html');
    const page = await open('daily.html');
    await waitForControls(page, entry.expectedIds.length);
    const [a, b] = entry.expectedIds as [string, string];
    await addTagOnCard(page, a, '  Reading List!! ');
    await waitForLibrary(ext.context, ext.extensionId, (lib) => (row(lib, a)?.tags as string[] | undefined)?.includes('reading-list') === true);
    await waitForControl(page, a, (control) => control.chips[0] === 'reading-list');

    await clickControl(page, b, 'tag');
    await waitForControl(page, b, (control) => control.options.includes('reading-list'));
    await card(page, b).screenshot({ path: 'tests/browser/.artifacts/controls-tag-entry-light.png' });

    await clickControl(page, a, { removeTag: 'reading-list' });
    await waitForLibrary(ext.context, ext.extensionId, (lib) => (row(lib, a)?.tags as string[] | undefined)?.length === 0);
  });

  it('follows the page theme: light, then dark when HF switches html.dark (screenshots)', async () => {
    const entry = fixture('daily.html');
    const page = await open('daily.html');
    await waitForControls(page, entry.expectedIds.length);
    const id = entry.expectedIds[1]!;
    await clickControl(page, id, 'save');
    const colors = async () => ({
      theme: await page.evaluate((paperId) => document.querySelector(`paperdex-control[data-paper="${paperId}"]`)!.getAttribute('data-theme'), id),
      background: await controlStyle(page, id, 'tag', 'background-color'),
    });
    expect(await colors()).toEqual({ theme: 'light', background: 'rgb(255, 255, 255)' });
    await card(page, id).screenshot({ path: 'tests/browser/.artifacts/controls-card-light.png' });
    await page.evaluate(() => {
      document.documentElement.classList.add('dark');
      document.body.style.background = '#0b0f19';
      document.body.style.color = '#e5e7eb';
    });
    await page.waitForFunction(() => document.querySelector('paperdex-control')?.getAttribute('data-theme') === 'dark');
    expect(await colors()).toEqual({ theme: 'dark', background: 'rgb(17, 24, 39)' });
    await card(page, id).screenshot({ path: 'tests/browser/.artifacts/controls-card-dark.png' });
  });
});

const arxivFixture = arxivPages.get;

/** Controls on an arXiv page, with the paper of the entry (or result) each sits in. */
function arxivControls(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('paperdex-control')].map((host) => {
      const entry = host.closest('dd, li.arxiv-result, #abs');
      const dt = entry?.tagName === 'DD' ? entry.previousElementSibling : null;
      const id = (host as HTMLElement).dataset.paper ?? '';
      // The entry names this paper (its abstract link, or its id as text where the link is hostile).
      const names = [...((dt ?? entry)?.querySelectorAll('a') ?? [])].some((a) => a.getAttribute('href')?.includes(`/abs/${id}`) || a.textContent?.includes(id));
      // At the end of the title's text (search results: `p.title`, not the id line's `p.list-title`).
      return { id, names, afterTitle: !!host.parentElement?.matches('div.list-title, p.title, h1.title') && !host.nextSibling };
    }),
  );
}

describe('controls on arXiv pages', () => {
  it.each(['new.html', 'recent.html', 'pastweek.html', 'legacy.html', 'search.html', 'hostile.html'])(
    '%s: exactly one control per entry, at the end of its title',
    async (file) => {
      const entry = arxivFixture(file);
      // The hostile page's entry without a title is not captured, but it has an id: it gets a control.
      const withControls = file === 'hostile.html' ? [...entry.expectedIds, '2602.04481'] : entry.expectedIds;
      const page = await ext.context.newPage();
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      await page.goto(entry.url);
      await waitForControlCount(page, withControls.length);
      await waitForLibrary(ext.context, ext.extensionId, hasAll(entry.expectedIds));
      await page.waitForTimeout(300);
      const shown = await arxivControls(page);
      expect(shown.map((control) => control.id)).toEqual(withControls);
      for (const control of shown) {
        expect(control.names).toBe(true);
        expect(control.afterTitle || control.id === '2602.04481').toBe(true); // no title: at the entry's end
      }
      expect(pageErrors).toEqual([]);
    },
  );

  it('drifted markup: no controls and a working page', async () => {
    const page = await ext.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(arxivFixture('drifted.html').url);
    await page.waitForTimeout(800);
    expect(await arxivControls(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('Save on an arXiv entry, the same paper then shown saved on HF; appended entries get controls; system dark theme (the page stays light)', async () => {
    const recent = arxivFixture('recent.html');
    await ext.context.newPage().then((page) => page.emulateMedia({ colorScheme: 'dark' }).then(() => page.close()));
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(recent.url);
    await waitForControlCount(page, recent.expectedIds.length);
    const onHf = fixture('daily.html').expectedIds;
    const shared = recent.expectedIds.find((id) => onHf.includes(id));
    const id = shared ?? recent.expectedIds[0]!;
    await clickControl(page, id, 'save');
    await waitForLibrary(ext.context, ext.extensionId, (lib) => typeof row(lib, id)?.savedAt === 'number');
    expect(page.url()).toBe(recent.url);
    // arXiv has no dark theme: its white page keeps light controls whatever the system's scheme.
    expect(await controlStyle(page, id, 'tag', 'background-color')).toBe('rgb(255, 255, 255)');
    await page.locator('dl#articles').first().screenshot({ path: 'tests/browser/.artifacts/controls-arxiv-system-dark.png' });
    if (shared) {
      const hf = await open('daily.html');
      await waitForControl(hf, id, (control) => control.pressed === 'true');
    }
    // An entry appended to the listing (as a "show more" would) gets its control.
    await page.evaluate(() => {
      const dl = document.querySelector('dl#articles')!;
      const dt = dl.querySelector('dt')!.cloneNode(true) as Element;
      const dd = dl.querySelector('dd')!.cloneNode(true) as Element;
      for (const link of dt.querySelectorAll('a')) {
        link.setAttribute('href', (link.getAttribute('href') ?? '').replace(/\d{4}\.\d{5}/, '2601.00042'));
        if (link.id) link.id = link.id.replace(/\d{4}\.\d{5}/, '2601.00042');
        link.textContent = (link.textContent ?? '').replace(/\d{4}\.\d{5}/, '2601.00042');
      }
      dl.append(dt, dd);
    });
    await page.waitForFunction(() => document.querySelectorAll('paperdex-control[data-paper="2601.00042"]').length === 1);
    expect(await page.locator('paperdex-control').count()).toBe(recent.expectedIds.length + 1);
  });
});
