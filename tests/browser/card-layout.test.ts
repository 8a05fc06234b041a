/**
 * The card controls as a reader sees them (issue 18): where they sit, what they cost the page's layout,
 * whose colours they follow, the per-site settings applied live, dim-seen, and axe-core on the controls
 * (plain, saved, tagged, dimmed; light and dark). Screenshots go to tests/browser/.artifacts/card-*.png.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, describeFindings } from './axe';
import { addTagOnCard, clickControl, controlStyle, focusControl, readControls, waitForControl, waitForControlCount, waitForControlStates } from './control-driver';
import { buildArxivListingHtml } from '../fixtures/arxiv-pages';
import { fixtureSet, type ExtensionHandle, launchExtension, type Library, screenshot, serveFixtures, waitForLibrary } from './harness';

const hfPages = fixtureSet('hf');
const arxivPages = fixtureSet('arxiv');
const routes = { ...hfPages.routes, ...arxivPages.routes };

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

const hasAll = (ids: readonly string[]) => (library: Library) => ids.every((id) => library.papers.some((paper) => paper.id === id));

async function open(url: string, count: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await ext.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url);
  await waitForControlCount(page, count);
  return page;
}

/**
 * A few of HF's own rules (the fixtures carry no stylesheet): the three-column card grid, the thumbnail
 * band on top of each card, its positioned article. Enough to see, and measure, a grid row.
 */
const HF_LOOK =
  '.grid{display:grid;gap:2rem;grid-template-columns:repeat(3,minmax(0,1fr))}.relative{position:relative}.hidden{display:none}' +
  'article{display:flex;flex-direction:column;overflow:hidden;border:1px solid #e5e7eb;border-radius:12px;font:14px system-ui}' +
  'article>a:first-child{display:block;height:10rem;background:linear-gradient(135deg,#e0e7ff,#fde68a)}article>a:first-child img{display:none}' +
  'article h3{font-size:18px;margin:8px 16px}article h3 a{color:inherit;text-decoration:none}article ul{display:none}article>div{padding:0 16px 12px}' +
  'header svg{width:32px;height:32px}svg{width:1em;height:1em}html.dark article{border-color:#1f2937}html.dark article>a:first-child{background:linear-gradient(135deg,#1e1b4b,#422006)}';

/** Where each card is and how tall (in page order): a row that grew moves every card after it. */
const cardHeights = (page: Page, selector: string) =>
  page.evaluate(
    (cards) =>
      [...document.querySelectorAll(cards)].map((card) => {
        const box = card.getBoundingClientRect();
        return [Math.round(box.top + scrollY), Math.round(box.height)];
      }),
    selector,
  );

/** The same heights with every control taken out of the layout (as the page was without Paperdex). */
async function heightsWithoutControls(page: Page, selector: string): Promise<number[][]> {
  await page.addStyleTag({ content: 'paperdex-control{display:none!important}' });
  const heights = await cardHeights(page, selector);
  await page.evaluate(() => document.querySelector('style:last-of-type')?.remove());
  return heights;
}

/** Writes settings as the library page does (raw IndexedDB in the extension origin), then announces them. */
async function writeSettings(patch: Record<string, unknown>): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await page.evaluate(async (fields) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('paperdex');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const store = db.transaction('settings', 'readwrite').objectStore('settings');
      const read = store.get('settings');
      read.onsuccess = () => store.put({ dimSeen: false, retentionDays: null, ...read.result, ...fields, key: 'settings' });
      store.transaction.oncomplete = () => resolve();
      store.transaction.onerror = () => reject(store.transaction.error);
    });
    db.close();
    const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome;
    await runtime.sendMessage({ type: 'settings-changed' });
  }, patch);
  await page.close();
}

/** WCAG contrast of two `rgb()` colours, the first composited at `alpha` over the second. */
function contrast(fg: string, bg: string, alpha = 1): number {
  const parse = (value: string) => value.match(/[\d.]+/g)!.slice(0, 3).map(Number);
  const [b, f] = [parse(bg), parse(fg)];
  const mixed = f.map((channel, at) => channel * alpha + b[at]! * (1 - alpha));
  const lum = (rgb: number[]) =>
    rgb.map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, at) => sum + c * [0.2126, 0.7152, 0.0722][at]!, 0);
  const [l1, l2] = [lum(mixed), lum(b)];
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}

/** axe on Paperdex's controls only (the fixture pages' own markup is not ours to fix). */
async function axeOnControls(page: Page) {
  return axeViolations(page, { include: ['paperdex-control'], closedRoots: 'paperdex-control' });
}

describe('card controls on Hugging Face', () => {
  const daily = hfPages.get('daily.html');

  it('no card grows: the control is an overlay in the card, in every state (saved, tagged, entry open); screenshots light and dark', async () => {
    const page = await open(daily.url, daily.expectedIds.length);
    await page.addStyleTag({ content: HF_LOOK });
    const [saved, tagged] = daily.expectedIds as [string, string];
    await clickControl(page, saved, 'save');
    await addTagOnCard(page, tagged, 'to-read');
    await waitForControl(page, tagged, (control) => control.chips.includes('to-read'));
    await waitForControl(page, saved, (control) => control.pressed === 'true' && control.saveLabel === 'Saved');
    await clickControl(page, daily.expectedIds[2]!, 'tag'); // an entry left open
    await waitForControl(page, daily.expectedIds[2]!, (control) => control.expanded === 'true');
    const withControls = await cardHeights(page, 'article');
    expect(withControls).toEqual(await heightsWithoutControls(page, 'article'));
    // Save and Saved are one width: "Tag" does not move when a card is saved.
    const width = (id: string) => controlStyle(page, id, 'save', 'width');
    expect(await width(saved)).toBe(await width(daily.expectedIds[3]!));
    await page.mouse.move(0, 0);
    const grid = page.locator('.grid').first();
    const rows = async (name: string) => {
      const box = (await grid.boundingBox())!;
      await page.screenshot({ path: `tests/browser/.artifacts/${name}.png`, clip: { x: box.x, y: box.y, width: box.width, height: 820 } });
    };
    await rows('card-hf-light-saved-tagged-entry');
    await page.locator('article').nth(4).hover();
    await rows('card-hf-light-hover');
    expect(describeFindings(await axeOnControls(page))).toBe('');

    await page.evaluate(() => {
      document.documentElement.classList.add('dark');
      document.body.style.background = '#0b0f19';
      document.body.style.color = '#e5e7eb';
    });
    await page.waitForFunction(() => document.querySelector('paperdex-control')?.getAttribute('data-theme') === 'dark');
    await page.mouse.move(0, 0);
    await rows('card-hf-dark-saved-tagged-entry');
    expect(describeFindings(await axeOnControls(page))).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('an untouched card shows Save and Tag on hover or keyboard focus only; a saved one always', async () => {
    const page = await open(daily.url, daily.expectedIds.length);
    const [saved, untouched, focused] = daily.expectedIds as [string, string, string];
    await clickControl(page, saved, 'save');
    await waitForControl(page, saved, (control) => control.pressed === 'true');
    await page.mouse.move(0, 0);
    const shown = (id: string) => controlStyle(page, id, 'actions', 'opacity').then(Number);
    await expect.poll(() => shown(untouched)).toBe(0);
    expect(await shown(saved)).toBe(1);
    await page.locator('article').nth(1).hover();
    await expect.poll(() => shown(untouched)).toBe(1);
    await page.mouse.move(0, 0);
    await expect.poll(() => shown(untouched)).toBe(0);
    // Tab reaches a hidden Save, and it shows.
    await focusControl(page, focused, 'save');
    await expect.poll(() => shown(focused)).toBe(1);
  });

  it('dim-seen fades cards seen before but never a saved or tagged one, and keeps their text readable', async () => {
    let page = await open(daily.url, daily.expectedIds.length);
    await waitForLibrary(ext.context, ext.extensionId, hasAll(daily.expectedIds));
    const [saved, tagged, plain] = daily.expectedIds as [string, string, string];
    await clickControl(page, saved, 'save');
    await addTagOnCard(page, tagged, 'to-read');
    await waitForControl(page, tagged, (control) => control.chips.includes('to-read'));
    await page.close();
    await writeSettings({ dimSeen: true });
    page = await open(daily.url, daily.expectedIds.length);
    await page.addStyleTag({ content: HF_LOOK });
    await waitForControlStates(page, (all) => all.length > 0 && all.every((control) => control.mark === 'seen just now'));
    await page.mouse.move(0, 0);
    const dimmed = () => page.evaluate(() => [...document.querySelectorAll('article[data-paperdex-seen]')].map((card) => card.querySelector('paperdex-control')!.getAttribute('data-paper')));
    await expect.poll(async () => (await dimmed()).length).toBe(daily.expectedIds.length - 2);
    expect(await dimmed()).not.toContain(saved);
    expect(await dimmed()).not.toContain(tagged);
    expect(await dimmed()).toContain(plain);
    // The seen mark on a faded card: ≥ 4.5:1 on the page, faded with its card.
    const opacity = Number(await page.evaluate((id) => getComputedStyle(document.querySelector(`paperdex-control[data-paper="${id}"]`)!.closest('article')!).opacity, plain));
    expect(opacity).toBeLessThan(0.6);
    const mark = await controlStyle(page, plain, 'mark', 'color');
    expect(contrast(mark, 'rgb(255, 255, 255)', opacity)).toBeGreaterThanOrEqual(4.5);
    const box = (await page.locator('.grid').first().boundingBox())!;
    await page.screenshot({ path: 'tests/browser/.artifacts/card-hf-light-dimmed.png', clip: { x: box.x, y: box.y, width: box.width, height: 820 } });
    expect(describeFindings(await axeOnControls(page))).toBe('');
  });

  it('per-site settings reach the open tab at once: controls hidden, then seen marks hidden', async () => {
    const page = await open(daily.url, daily.expectedIds.length);
    const visible = () => page.evaluate(() => [...document.querySelectorAll('paperdex-control')].filter((host) => getComputedStyle(host).display !== 'none').length);
    expect(await visible()).toBe(daily.expectedIds.length);
    await writeSettings({ cardControls: { hf: { controls: false, seenMarks: true }, arxiv: { controls: true, seenMarks: true } } });
    await expect.poll(visible, { timeout: 5_000 }).toBe(0);
    await writeSettings({ cardControls: { hf: { controls: true, seenMarks: false }, arxiv: { controls: true, seenMarks: true } } });
    await expect.poll(visible, { timeout: 5_000 }).toBe(daily.expectedIds.length);
    // A revisit: the papers were seen, but the marks are off.
    await waitForLibrary(ext.context, ext.extensionId, hasAll(daily.expectedIds));
    const again = await open(daily.url, daily.expectedIds.length);
    await again.waitForTimeout(500);
    expect((await readControls(again)).every((control) => control.mark === '')).toBe(true);
    await writeSettings({ cardControls: { hf: { controls: true, seenMarks: true }, arxiv: { controls: true, seenMarks: true } } });
    await waitForControlStates(again, (all) => all.every((control) => control.mark === 'seen just now'));
  });
});

describe('card controls on arXiv', () => {
  const search = arxivPages.get('search.html');
  const recent = arxivPages.get('recent.html');

  it('search results: with the title (not the id line, which keeps its categories), light in a dark system scheme', async () => {
    const page = await open(search.url, search.expectedIds.length, 'dark');
    // arXiv's header line (Bulma): the id and its categories are inline blocks, one line when nothing splits them.
    await page.addStyleTag({ content: '.is-inline-block{display:inline-block}' });
    const places = await page.evaluate(() =>
      [...document.querySelectorAll('li.arxiv-result')].map((item) => {
        const host = item.querySelector('paperdex-control')!;
        const id = item.querySelector('p.list-title')!.getBoundingClientRect();
        const tags = item.querySelector('div.tags')!.getBoundingClientRect();
        return { inTitle: host.parentElement!.matches('p.title'), idLineWhole: Math.abs(id.top - tags.top) < 4 };
      }),
    );
    expect(places).toEqual(search.expectedIds.map(() => ({ inTitle: true, idLineWhole: true })));
    expect(await cardHeights(page, 'li.arxiv-result')).toEqual(await heightsWithoutControls(page, 'li.arxiv-result'));
    const id = search.expectedIds[0]!;
    expect(await page.evaluate(() => document.querySelector('paperdex-control')!.getAttribute('data-theme'))).toBe('light');
    await clickControl(page, id, 'save');
    await waitForControl(page, id, (control) => control.pressed === 'true');
    expect(await controlStyle(page, id, 'save', 'background-color')).toBe('rgb(255, 255, 255)');
    await addTagOnCard(page, search.expectedIds[1]!, 'diffusion');
    await waitForControl(page, search.expectedIds[1]!, (control) => control.chips.includes('diffusion'));
    await page.mouse.move(0, 0);
    await page.locator('li.arxiv-result').first().screenshot({ path: 'tests/browser/.artifacts/card-arxiv-search-system-dark.png' });
    await screenshot(page, 'card-arxiv-search-page-system-dark');
    expect(describeFindings(await axeOnControls(page))).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('listings: at the end of the title (a box reserving the buttons\' room)', async () => {
    const page = await open(recent.url, recent.expectedIds.length);
    const inTitle = await page.evaluate(() => [...document.querySelectorAll('paperdex-control')].every((host) => host.parentElement!.matches('div.list-title')));
    expect(inTitle).toBe(true);
    // No entry grows: a taller title line would move every entry below it at each mounting slice.
    expect(await cardHeights(page, 'dl#articles > dd')).toEqual(await heightsWithoutControls(page, 'dl#articles > dd'));
    const id = recent.expectedIds[0]!;
    await clickControl(page, id, 'save');
    await waitForControl(page, id, (control) => control.pressed === 'true');
    await page.mouse.move(0, 0);
    await page.locator('dl#articles').first().screenshot({ path: 'tests/browser/.artifacts/card-arxiv-listing-light.png' });
    expect(describeFindings(await axeOnControls(page))).toBe('');
  });

  it('a 2,000-entry listing: controls near the screen at once, the others as the reader scrolls to them', async () => {
    const big = buildArxivListingHtml(2_000);
    await serveFixtures(ext.context, { [big.url]: big.html });
    const page = await ext.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(big.url);
    const count = () => page.evaluate(() => document.querySelectorAll('paperdex-control').length);
    await expect.poll(count, { timeout: 15_000 }).toBeGreaterThan(10);
    await page.waitForTimeout(500);
    const first = await count();
    // Two screens above and below the viewport (near-viewport.ts): a few dozen, not 2,000.
    expect(first).toBeLessThan(200);
    const last = big.ids[1_999]!;
    const hasControl = (id: string) => page.evaluate((paper) => !!document.querySelector(`paperdex-control[data-paper="${paper}"]`), id);
    expect(await hasControl(last)).toBe(false);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => hasControl(last), { timeout: 5_000 }).toBe(true);
    await waitForControl(page, last, (control) => control.mark !== undefined);
    expect(pageErrors).toEqual([]);
  });
});

