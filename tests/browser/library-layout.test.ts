/**
 * The library page's layout as a user sees it, at 1280 and 800 px, light and dark: one current row that
 * the keys move and the paper view follows, opening a paper without selecting it, a bulk bar that
 * moves no row and stays beside the paper view, titles over two lines, search marks, a paper added by
 * id, and axe-core finding no serious or critical violation on the table, the paper view and the bulk
 * bar. Screenshots of each view go to tests/browser/.artifacts/library-layout-*.png.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, describeFindings } from './axe';
import { type ExtensionHandle, fixtureSet, launchExtension, readLibrary, screenshot, serveFixtures, waitForLibrary } from './harness';

const hfPages = fixtureSet('hf');
/** Saved by id (an id-list import) and never shown by a page. */
const ADDED_BY_ID = '2412.99999';

let ext: ExtensionHandle;
let pageErrors: string[];
beforeEach(async () => {
  ext = await launchExtension();
  await serveFixtures(ext.context, hfPages.routes);
  pageErrors = [];
});
afterEach(async () => {
  await ext?.close();
});

/** The daily page's 30 papers, plus one saved by id; resolves once the library holds them. */
async function fillLibrary(): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(hfPages.get('daily.html').url);
  await waitForLibrary(ext.context, ext.extensionId, (library) => library.papers.length >= hfPages.get('daily.html').expectedIds.length);
  await page.close();
}

async function openLibrary(size: { width: number; height: number }): Promise<Page> {
  const page = await ext.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.setViewportSize(size);
  await page.goto(`chrome-extension://${ext.extensionId}/library.html`);
  await page.getByRole('tabpanel', { name: 'Library' }).waitFor();
  return page;
}

async function importIdList(page: Page): Promise<void> {
  const narrow = (page.viewportSize()?.width ?? 1280) < 1000;
  if (narrow) await page.getByRole('button', { name: 'Filters & export' }).click();
  await page.getByLabel('Import', { exact: true }).setInputFiles({ name: 'ids.txt', mimeType: 'text/plain', buffer: Buffer.from(`${ADDED_BY_ID}\n`) });
  await waitForLibrary(ext.context, ext.extensionId, (library) => library.papers.some((paper) => paper.id === ADDED_BY_ID));
  if (narrow) await page.getByRole('button', { name: 'Filters & export' }).click();
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Papers' });
const row = (page: Page, id: string) => grid(page).locator(`[role="row"][data-id="${id}"]`);
const shownIds = (page: Page) => grid(page).locator('.rows [role="row"]').evaluateAll((rows) => rows.map((element) => element.getAttribute('data-id')!));
const detailTitle = (page: Page) => page.locator('.detail h2').textContent();
const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

/** Screenshots `name` in light and dark, and runs axe in each; resolves to the violations found. */
async function lookAt(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(50);
    await screenshot(page, `library-layout-${name}-${scheme}`);
    const violations = await axeViolations(page);
    if (violations.length) found.push(`${name} ${scheme}:\n${describeFindings(violations)}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

describe('library layout', () => {
  it('at 1280 px: opening is not selecting, one current row the keys move and the paper view follows, a bulk bar that moves no row; axe finds nothing serious', async () => {
    await fillLibrary();
    const page = await openLibrary({ width: 1280, height: 800 });
    await importIdList(page);
    await page.locator('.toolbar [role="status"]').filter({ hasText: /^31 papers$/ }).waitFor();
    const ids = await shownIds(page);
    const library = await readLibrary(ext.context, ext.extensionId);
    const titleOf = (id: string) => String(library.papers.find((paper) => paper.id === id)!.title);
    const violations: string[] = [];
    violations.push(...(await lookAt(page, 'table-1280')));

    // A click opens the paper, selects nothing; ↓↓ moves one current row, and the paper view follows.
    const first = ids.find((id) => id !== ADDED_BY_ID)!;
    await row(page, first).click();
    await expect.poll(() => detailTitle(page)).toBe(titleOf(first));
    expect(await page.getByRole('toolbar', { name: 'Selected papers' }).count()).toBe(0);
    const at = ids.indexOf(first);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const current = ids[at + 2]!;
    await expect.poll(() => detailTitle(page)).toBe(titleOf(current));
    expect(await grid(page).locator('.row.active').evaluateAll((rows) => rows.map((element) => element.getAttribute('data-id')))).toEqual([current]);
    expect(await grid(page).getAttribute('aria-activedescendant')).toBe(`paper-row-${current}`);
    expect(await grid(page).locator('.row[aria-selected="true"]').count()).toBe(0);
    // The focus ring is on that row, not around the table.
    expect(await grid(page).evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('none');
    expect(await row(page, current).evaluate((element) => getComputedStyle(element).boxShadow)).toMatch(/inset.*inset/);
    // With the paper view open the title still has room, and no row spills over.
    expect((await box(page, '.rows .row .c-title')).width).toBeGreaterThanOrEqual(240);
    expect(await grid(page).locator('.rows .row').first().evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
    violations.push(...(await lookAt(page, 'detail-1280')));

    // Selecting (x on the current row, a Ctrl-click) moves no row; the bulk bar stays beside the paper view.
    const topBefore = (await row(page, ids[5]!).boundingBox())!.y;
    await page.keyboard.press('x');
    await row(page, ids[4]!).click({ modifiers: ['Control'] });
    await page.getByText('2 papers selected').waitFor();
    expect((await row(page, ids[5]!).boundingBox())!.y).toBe(topBefore);
    const bulk = await box(page, '.bulk');
    const detail = await box(page, '.detail');
    expect(bulk.x + bulk.width).toBeLessThanOrEqual(detail.x);
    // Selected and current are told apart: the current row (ids[4], Ctrl-clicked) and the other selected one differ.
    const look = (id: string) => row(page, id).evaluate((element) => [getComputedStyle(element).backgroundColor, getComputedStyle(element).boxShadow].join(' | '));
    expect(await look(current)).not.toBe(await look(ids[4]!));
    violations.push(...(await lookAt(page, 'bulk-1280')));
    expect(violations.join('\n')).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('at 800 px: the sidebar folds behind a button, the paper view lies over a full-width table and Esc closes it; axe finds nothing serious', async () => {
    await fillLibrary();
    const page = await openLibrary({ width: 800, height: 800 });
    await importIdList(page);
    await page.locator('.toolbar [role="status"]').filter({ hasText: /^31 papers$/ }).waitFor();
    const ids = await shownIds(page);
    const violations: string[] = [];
    expect(await page.locator('.sidebar').isVisible()).toBe(false);
    expect((await box(page, '[role="grid"]')).width).toBeGreaterThanOrEqual(780);
    violations.push(...(await lookAt(page, 'table-800')));

    // The sidebar opens over the table, and Esc closes it.
    await page.getByRole('button', { name: 'Filters & export' }).click();
    await page.getByRole('region', { name: 'Export & import' }).waitFor();
    expect(await page.getByRole('button', { name: 'Filters & export' }).getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'library-layout-sidebar-800-light');
    await page.getByRole('button', { name: /^Export library/ }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.sidebar').isVisible()).toBe(false);

    // The paper view is an overlay: the table keeps its width under it; its ✕ and Esc close it.
    await row(page, ids[0]!).click();
    await page.locator('.detail h2').waitFor();
    expect((await box(page, '[role="grid"]')).width).toBeGreaterThanOrEqual(780);
    const detail = await box(page, '.detail');
    expect(detail.width).toBeGreaterThanOrEqual(360);
    expect(detail.x + detail.width).toBeLessThanOrEqual(800);
    violations.push(...(await lookAt(page, 'detail-800')));
    await page.locator('.detail').getByRole('button', { name: 'Close paper' }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.detail').count()).toBe(0);
    await row(page, ids[1]!).click();
    await page.locator('.detail h2').waitFor();
    await page.keyboard.press('Escape'); // from the table, with nothing selected
    await expect.poll(() => page.locator('.detail').count()).toBe(0);

    // A selection: the bulk bar stays within the window and the table; the table does not move.
    const topBefore = (await row(page, ids[3]!).boundingBox())!.y;
    await row(page, ids[1]!).click({ modifiers: ['Control'] });
    await row(page, ids[2]!).click({ modifiers: ['Control'] });
    await page.getByText('2 papers selected').waitFor();
    expect((await row(page, ids[3]!).boundingBox())!.y).toBe(topBefore);
    const bulk = await box(page, '.bulk');
    expect(bulk.x).toBeGreaterThanOrEqual(0);
    expect(bulk.x + bulk.width).toBeLessThanOrEqual(800);
    violations.push(...(await lookAt(page, 'bulk-800')));
    expect(violations.join('\n')).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('titles show their full text over two lines; a search marks its words; a paper added by id shows its id once', async () => {
    await fillLibrary();
    const page = await openLibrary({ width: 1280, height: 800 });
    await importIdList(page);
    await page.locator('.toolbar [role="status"]').filter({ hasText: /^31 papers$/ }).waitFor();
    const library = await readLibrary(ext.context, ext.extensionId);
    // The longest title that fits two lines at this width (titles over ~45 characters were cut before).
    // Among the rows on screen (the table renders only what is in view).
    const onScreen = new Set(await page.locator('[role="grid"] [role="row"][data-id]').evaluateAll((rows) => rows.map((element) => element.getAttribute('data-id'))));
    const titled = library.papers.filter((paper) => onScreen.has(String(paper.id)) && String(paper.title).length > 60 && String(paper.title).length < 110);
    expect(titled.length).toBeGreaterThan(0);
    const long = titled.sort((a, b) => String(b.title).length - String(a.title).length)[0]!;
    const title = row(page, String(long.id)).locator('.title');
    expect(await title.textContent()).toBe(long.title);
    const lines = await title.evaluate((element) => {
      const style = getComputedStyle(element);
      return { height: element.getBoundingClientRect().height, line: Number.parseFloat(style.lineHeight), cut: element.scrollHeight > element.clientHeight + 1 };
    });
    expect(Math.round(lines.height / lines.line)).toBe(2);
    expect(lines.cut).toBe(false);

    // The paper saved by id: "arXiv <id>" once, "Added by id", no seen date.
    const added = row(page, ADDED_BY_ID);
    expect(await added.locator('.title').textContent()).toBe(`arXiv ${ADDED_BY_ID}`);
    expect(await added.locator('.authors').textContent()).toMatch(/^Added by id · /);
    expect(await added.locator('.c-date').textContent()).toBe('');
    expect((await added.textContent())!.split(ADDED_BY_ID)).toHaveLength(2);

    // A search marks the matched word in the titles, as the popup does.
    const word = String(long.title).split(/\W+/).filter((candidate) => candidate.length >= 7)[0]!;
    await page.getByRole('searchbox', { name: 'Search papers' }).fill(word);
    await expect.poll(() => row(page, String(long.id)).locator('.title mark').first().textContent(), { timeout: 10_000 }).toBe(word);
    expect(await row(page, String(long.id)).locator('.title').textContent()).toBe(long.title);
    await screenshot(page, 'library-layout-search-1280-light');
    expect(pageErrors).toEqual([]);
  });
});
