/**
 * The popup, end to end: fixture pages captured by the real extension in Chromium, then
 * `chrome-extension://<id>/popup.html` opened in a 400×600 tab and driven by its accessible names.
 */
import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { axeInBothSchemes } from './axe';
import { fixtureSet, type FixturePage, type ExtensionHandle, launchExtension, type Library, readLibrary, screenshot, serveFixtures, waitForLibrary } from './harness';


const hfPages = fixtureSet('hf');
const routes = hfPages.routes;

const HOUSEHOLDER = 'Householder Projector for Unsupervised Latent Semantics Discovery';
const TJEPA = 'T-JEPA: Augmentation-Free Self-Supervised Learning for Tabular Data';
const TJEPA_ID = '2511.19151';

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
const paper = (library: Library, id: string) => library.papers.find((row) => row.id === id);

/** Visits a fixture page and waits until all its cards are in the library. */
async function capture(file: string, keepOpen = false): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(fixture(file).url);
  await waitForLibrary(ext.context, ext.extensionId, hasAll(fixture(file).expectedIds));
  if (!keepOpen) await page.close();
  return page;
}

type Rgb = [number, number, number];

/** Relative luminance (WCAG) of a computed colour, "rgb(r, g, b)" or "rgba(r, g, b, a)": 0 black, 1 white. */
function luminance(colour: string): number {
  const channels = /^rgba?\((\d+), (\d+), (\d+)/.exec(colour)?.slice(1).map(Number) as Rgb | undefined;
  if (!channels) throw new Error(`not an rgb() colour: ${colour}`);
  const [r, g, b] = channels.map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Text colour and the background it is shown on (the nearest opaque one up the tree) of what a user
 * reads: the page, the search field and the first result's title. Waits for colour transitions to end.
 */
async function surfaceColours(page: Page): Promise<Record<string, { text: string; background: string }>> {
  return page.evaluate(async () => {
    void document.body.offsetHeight; // style the new scheme now, so its transitions are running
    await Promise.all(document.getAnimations().filter((animation) => animation instanceof CSSTransition).map((animation) => animation.finished));
    const colours = (element: Element) => {
      let background = 'rgba(0, 0, 0, 0)';
      for (let at: Element | null = element; at && /^rgba\(.*, 0\)$|^transparent$/.test(background); at = at.parentElement) background = getComputedStyle(at).backgroundColor;
      return { text: getComputedStyle(element).color, background };
    };
    return {
      page: colours(document.body),
      search: colours(document.querySelector('input[type="search"]')!),
      title: colours(document.querySelector('[role="listitem"] h2')!),
    };
  });
}

/** The popup as a page object: opened in a tab at the popup's size. */
class Popup {
  constructor(readonly page: Page) {}

  static async open(): Promise<Popup> {
    const page = await ext.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    const popup = new Popup(page);
    await popup.search.waitFor();
    return popup;
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search papers' });
  }
  get list(): Locator {
    return this.page.getByRole('list', { name: 'Papers' });
  }
  get items(): Locator {
    return this.list.getByRole('listitem');
  }
  item(title: string): Locator {
    return this.items.filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }
  get count(): Locator {
    return this.page.getByRole('status');
  }

  /** Types like a user and waits until the popup shows the results of the whole query. */
  async type(query: string): Promise<void> {
    await this.search.fill('');
    await this.search.pressSequentially(query, { delay: 10 });
    await this.settled(query);
  }

  async fill(query: string): Promise<void> {
    await this.search.fill(query);
    await this.settled(query);
  }

  /** Waits until the list on screen answers `query` (the list carries the query it shows). */
  async settled(query: string): Promise<void> {
    await this.page.waitForFunction((expected) => {
      const list = document.querySelector('[role="list"][aria-label="Papers"]');
      return list?.getAttribute('data-query') === expected && list.getAttribute('aria-busy') !== 'true';
    }, query);
  }

  async topTitle(): Promise<string> {
    return (await this.items.first().getByRole('heading').textContent()) ?? '';
  }

  async shot(name: string): Promise<void> {
    for (const colorScheme of ['light', 'dark'] as const) {
      await this.page.emulateMedia({ colorScheme });
      await this.page.waitForTimeout(250); // the search field's colour transition
      await screenshot(this.page, `${name}-${colorScheme}`);
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
  }
}

describe('popup in Chromium', () => {
  it('an empty library shows the first-run view, with the search box focused', async () => {
    const popup = await Popup.open();
    await expect.poll(() => popup.page.getByText('Browse Hugging Face Papers or arXiv listings; the papers you see appear here.').isVisible()).toBe(true);
    const link = popup.page.getByRole('link', { name: 'Open Hugging Face Papers' });
    expect(await link.getAttribute('href')).toBe('https://huggingface.co/papers');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await popup.search.evaluate((element) => element === document.activeElement)).toBe(true);
    await popup.shot('popup-first-run');
    expect(pageErrors).toEqual([]);
  });

  it('shows the recent papers, then finds papers through typos', async () => {
    await capture('daily.html');
    await capture('search.html');
    const popup = await Popup.open();
    await popup.items.first().waitFor();
    expect(await popup.search.evaluate((element) => element === document.activeElement)).toBe(true);
    const all = new Set([...fixture('daily.html').expectedIds, ...fixture('search.html').expectedIds]);
    await expect.poll(() => popup.count.textContent()).toBe(`${all.size} papers`);
    // A screenful is rendered at once, the rest as the list scrolls.
    expect(await popup.items.first().getAttribute('aria-setsize')).toBe(String(all.size));
    const scrollToEnd = () => popup.page.locator('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    await expect.poll(async () => (await scrollToEnd(), popup.items.count())).toBe(all.size);
    await popup.page.locator('main').evaluate((main) => main.scrollTo(0, 0));
    expect(await popup.page.getByText('Today', { exact: true }).isVisible()).toBe(true);
    await popup.shot('popup-recent');

    await popup.type('housholder projektor');
    expect(await popup.topTitle()).toBe(HOUSEHOLDER);
    await popup.shot('popup-search');

    await popup.type('tabluar jepa');
    expect(await popup.topTitle()).toBe(TJEPA);

    // A pasted arXiv URL goes straight to that paper.
    await popup.fill(`https://arxiv.org/abs/${TJEPA_ID}v2`);
    expect(await popup.items.count()).toBe(1);
    expect(await popup.topTitle()).toBe(TJEPA);

    // Esc clears the query: the recent list is back.
    await popup.search.press('Escape');
    await popup.settled('');
    expect(await popup.search.inputValue()).toBe('');
    expect(await popup.count.textContent()).toBe(`${all.size} papers`);
    expect(pageErrors).toEqual([]);
  });

  it('saves, tags and marks read, and all of it is stored and shown again on reopening', async () => {
    await capture('daily.html');
    let popup = await Popup.open();
    await popup.type('housholder');
    const item = popup.item(HOUSEHOLDER);
    const save = item.getByRole('button', { name: /^Save/ });
    expect(await save.getAttribute('aria-pressed')).toBe('false');
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');

    await item.getByRole('button', { name: 'Add tag' }).click();
    const tagField = item.getByRole('textbox', { name: 'Add tag' });
    await tagField.fill('To Read');
    await tagField.press('Enter');
    await expect.poll(() => item.getByRole('button', { name: 'Remove tag to-read' }).count()).toBe(1);
    await tagField.press('Escape');

    const read = item.getByRole('button', { name: 'Read', exact: true });
    await read.click();
    await expect.poll(() => read.getAttribute('aria-pressed')).toBe('true');

    const id = '2512.08434';
    const stored = await waitForLibrary(ext.context, ext.extensionId, (library) => paper(library, id)?.readAt !== undefined);
    expect(paper(stored, id)).toMatchObject({ tags: ['to-read'], savedAt: expect.any(Number), readAt: expect.any(Number) });

    // The tag is a reading list.
    await popup.fill('');
    await popup.page.getByRole('combobox', { name: 'Reading list (tag)' }).selectOption('to-read');
    await expect.poll(() => popup.count.textContent()).toBe('1 paper');
    expect(await popup.items.count()).toBe(1);
    await popup.shot('popup-tag-filter');

    await popup.page.close();
    popup = await Popup.open();
    await popup.items.first().waitFor();
    // Found again through the stored index's rows (the first screenful may not hold it).
    await popup.type('housholder');
    const again = popup.item(HOUSEHOLDER);
    expect(await again.getByRole('button', { name: /^Save/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await again.getByRole('button', { name: 'Read', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await again.getByRole('button', { name: 'Remove tag to-read' }).count()).toBe(1);
    await popup.fill('');
    await popup.page.getByRole('button', { name: 'Saved', exact: true }).click();
    await expect.poll(() => popup.count.textContent()).toBe('1 paper');

    // Each of them undone from the popup: unsave, mark unread, remove the tag; and stored.
    await popup.page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'All', exact: true }).click();
    await popup.type('housholder');
    const undo = popup.item(HOUSEHOLDER);
    await undo.getByRole('button', { name: /^Save/ }).click();
    await expect.poll(() => undo.getByRole('button', { name: /^Save/ }).getAttribute('aria-pressed')).toBe('false');
    await undo.getByRole('button', { name: 'Read', exact: true }).click();
    await expect.poll(() => undo.getByRole('button', { name: 'Read', exact: true }).getAttribute('aria-pressed')).toBe('false');
    await undo.getByRole('button', { name: 'Remove tag to-read' }).click();
    await expect.poll(() => undo.getByRole('button', { name: 'Remove tag to-read' }).count()).toBe(0);
    const undone = await waitForLibrary(ext.context, ext.extensionId, (library) => (paper(library, id)?.tags as string[] | undefined)?.length === 0);
    expect(paper(undone, id)?.savedAt ?? null).toBeNull();
    expect(paper(undone, id)?.readAt ?? null).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it('a tag typed and not added when the popup closes is on the paper when it opens again', async () => {
    await capture('daily.html');
    let popup = await Popup.open();
    await popup.type('housholder');
    const item = popup.item(HOUSEHOLDER);
    await item.getByRole('button', { name: 'Add tag' }).click();
    await item.getByRole('textbox', { name: 'Add tag' }).fill('Closed Before Enter');
    await popup.page.close(); // as the popup does when the user clicks elsewhere

    popup = await Popup.open();
    await popup.type('housholder');
    await expect.poll(() => popup.item(HOUSEHOLDER).getByRole('button', { name: 'Remove tag closed-before-enter' }).count(), { timeout: 10_000 }).toBe(1);
    const stored = await waitForLibrary(ext.context, ext.extensionId, (library) => (paper(library, '2512.08434')?.tags as string[] | undefined)?.length === 1);
    expect(paper(stored, '2512.08434')?.tags).toEqual(['closed-before-enter']);
    expect(pageErrors).toEqual([]);
  });

  it('follows the system colour scheme: dark page and light text in dark mode, the reverse in light', async () => {
    await capture('daily.html');
    const popup = await Popup.open();
    await popup.items.first().waitFor();
    for (const colorScheme of ['dark', 'light', 'dark'] as const) {
      await popup.page.emulateMedia({ colorScheme });
      for (const [what, { text, background }] of Object.entries(await surfaceColours(popup.page))) {
        const [fg, bg] = [luminance(text), luminance(background)];
        const where = `${what} in ${colorScheme}: ${text} on ${background}`;
        if (colorScheme === 'dark') {
          expect(bg, where).toBeLessThan(0.5);
          expect(fg, where).toBeGreaterThan(bg);
        } else {
          expect(bg, where).toBeGreaterThan(0.5);
          expect(fg, where).toBeLessThan(bg);
        }
        // Readable either way (WCAG AA for body text).
        expect((Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05), where).toBeGreaterThanOrEqual(4.5);
      }
    }
    expect(pageErrors).toEqual([]);
  });

  it('typing never moves the search box, the filters or the list area, and nothing spills out', async () => {
    await capture('daily.html');
    const popup = await Popup.open();
    await popup.items.first().waitFor();
    const layout = () =>
      popup.page.evaluate(() => {
        const box = (selector: string) => {
          const rect = document.querySelector(selector)!.getBoundingClientRect();
          return [rect.x, rect.y, rect.width, rect.height].map(Math.round).join(',');
        };
        const root = document.documentElement;
        return { search: box('input[type="search"]'), filters: box('[role="group"][aria-label="Show"]'), list: box('main'), page: `${root.scrollWidth}x${root.scrollHeight}` };
      });
    const before = await layout();
    expect(before.page).toBe('400x600');
    // One letter (many hits), typos, a query with no hit (the empty state), and back to the recent list.
    for (const query of ['d', 'di', 'difusion', 'difusion trasformer', 'zzqxv no such paper', '']) {
      await popup.fill(query);
      expect(await layout(), `after "${query}"`).toEqual(before);
    }
    expect(pageErrors).toEqual([]);
  });

  it('reopening paints the last recent list from its snapshot at once, then the library’s own list', async () => {
    await capture('daily.html');
    let popup = await Popup.open();
    await expect.poll(() => popup.page.evaluate(() => localStorage.getItem('paperdex.popup.recent') !== null)).toBe(true);
    const before = await popup.topTitle();
    await popup.page.close();

    // Newer papers arrive while the popup is closed: the snapshot no longer has the top of the list.
    await capture('search.html');
    // What the first list painted was, seen from the page (the first list item appears in one task).
    await ext.context.addInitScript({
      content: `if (location.pathname === '/popup.html') window.__firstList = new Promise((resolve) => {
        new MutationObserver((_, observer) => {
          const list = document.querySelector('[role="list"][aria-label="Papers"]');
          if (!list?.querySelector('[role="listitem"]')) return;
          observer.disconnect();
          resolve({ source: list.getAttribute('data-source'), top: list.querySelector('[role="listitem"] h2')?.textContent });
        }).observe(document, { childList: true, subtree: true });
      });`,
    });
    popup = await Popup.open();
    const first = await popup.page.evaluate(() => (window as unknown as { __firstList: Promise<{ source: string | null; top: string }> }).__firstList);
    expect(first).toEqual({ source: 'snapshot', top: before });
    await popup.page.waitForFunction(() => document.querySelector('[role="list"][aria-label="Papers"]')?.getAttribute('data-source') === null);
    const newest = fixture('search.html').expectedIds;
    expect(newest).toContain(await popup.items.first().getAttribute('data-id'));
    expect(await popup.search.evaluate((element) => element === document.activeElement)).toBe(true);
    const all = new Set([...fixture('daily.html').expectedIds, ...newest]);
    await expect.poll(() => popup.count.textContent()).toBe(`${all.size} papers`);
    // The snapshot follows the list now shown.
    await expect.poll(() => popup.page.evaluate(() => JSON.parse(localStorage.getItem('paperdex.popup.recent') ?? '{}').papers?.[0]?.id)).toBe(await popup.items.first().getAttribute('data-id'));
    expect(pageErrors).toEqual([]);
  });

  it('works from the keyboard: arrows, s to save, t to tag with autocomplete, r to mark read', async () => {
    await capture('daily.html');
    const popup = await Popup.open();
    await popup.items.first().waitFor();
    const { page } = popup;
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const second = popup.items.nth(1);
    expect(await second.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('s');
    await expect.poll(() => second.getByRole('button', { name: /^Save/ }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('r');
    await expect.poll(() => second.getByRole('button', { name: 'Read', exact: true }).getAttribute('aria-pressed')).toBe('true');

    await page.keyboard.press('t');
    const tagField = second.getByRole('textbox', { name: 'Add tag' });
    await expect.poll(() => tagField.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('diffusion');
    await page.keyboard.press('Enter');
    await expect.poll(() => second.getByRole('button', { name: 'Remove tag diffusion' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await second.evaluate((element) => element === document.activeElement)).toBe(true);

    // The next paper: the new tag is offered as you type.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('t');
    await page.keyboard.type('dif');
    const third = popup.items.nth(2);
    await expect.poll(() => third.getByRole('option', { name: '#diffusion' }).count()).toBe(1);
    await popup.shot('popup-tag-editor');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => third.getByRole('button', { name: 'Remove tag diffusion' }).count()).toBe(1);

    // Any letter typed on a result goes back to the search box, and into it.
    await page.keyboard.press('Escape');
    expect(await third.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('jepa');
    await popup.settled('jepa');
    expect(await popup.topTitle()).toBe(TJEPA);
    expect(pageErrors).toEqual([]);
  });

  it('lists one page visit in the page’s order (newest first is the top card), as the library’s last-seen sort does', async () => {
    await capture('daily.html');
    const popup = await Popup.open();
    await popup.items.first().waitFor();
    await expect.poll(async () => (await popup.items.count()) >= 7).toBe(true);
    const shown = await popup.items.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.id));
    const pageOrder = fixture('daily.html').expectedIds;
    expect(shown).toEqual(pageOrder.slice(0, shown.length));
    const library = await readLibrary(ext.context, ext.extensionId);
    const lastSeenFirst = [...library.papers].sort((a, b) => Number(b.lastSeenAt) - Number(a.lastSeenAt)).map((row) => row.id);
    expect(lastSeenFirst).toEqual(pageOrder);
  });

  it('axe finds no serious or critical violation in any view (empty, recent, search, tag editor), light and dark; screenshots of each', async () => {
    const views: Record<string, Awaited<ReturnType<typeof axeInBothSchemes>>> = {};
    const empty = await Popup.open();
    await empty.page.getByRole('link', { name: 'Open Hugging Face Papers' }).waitFor();
    // The first-run view's one-time sync offer is part of it.
    await empty.page.getByRole('button', { name: "Don't offer sync again" }).waitFor();
    views.empty = await axeInBothSchemes(empty.page);
    await empty.shot('popup-view-empty');
    await empty.page.close();

    await capture('daily.html');
    const popup = await Popup.open();
    await popup.items.first().waitFor();
    views.recent = await axeInBothSchemes(popup.page);
    await popup.shot('popup-view-recent');
    // The tag editor as it looks on a second paper: a library tag to add, and Create.
    await popup.page.keyboard.press('ArrowDown');
    await popup.page.keyboard.press('t');
    await popup.page.keyboard.type('diffusion');
    await popup.page.keyboard.press('Enter');
    await popup.items.first().getByRole('button', { name: 'Remove tag diffusion' }).waitFor();
    await popup.page.keyboard.type('dif');
    await popup.items.first().getByRole('option', { name: /Create/ }).waitFor();
    views['tag editor (added)'] = await axeInBothSchemes(popup.page);
    await popup.shot('popup-view-tag-editor-added');
    await popup.page.keyboard.press('Escape');
    await popup.page.keyboard.press('ArrowDown');
    await popup.page.keyboard.press('t');
    await popup.page.keyboard.type('dif');
    await popup.items.nth(1).getByRole('option', { name: '#diffusion' }).waitFor();
    views['tag editor'] = await axeInBothSchemes(popup.page);
    await popup.shot('popup-view-tag-editor');
    await popup.page.keyboard.press('Escape');
    await popup.type('jepa');
    views.search = await axeInBothSchemes(popup.page);
    await popup.shot('popup-view-search');
    expect(views).toEqual(Object.fromEntries(Object.keys(views).map((view) => [view, { light: [], dark: [] }])));
    expect(pageErrors).toEqual([]);
  });

  it('renders a hostile title as text and never links a non-http(s) URL', async () => {
    await capture('hostile.html');
    const popup = await Popup.open();
    await popup.items.first().waitFor();
    const titles = await popup.list.getByRole('heading').allTextContents();
    expect(titles.some((title) => title.includes('<img src=x onerror='))).toBe(true);
    expect(await popup.list.locator('img').count()).toBe(0);
    // Links made from page data (the help line's link to the library page is the extension's own).
    const hrefs = await popup.list.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    await popup.shot('popup-hostile');
    expect(pageErrors).toEqual([]);
  });

  it('queries with operators, 2,000 characters, emoji or CJK give results or a clean empty state', async () => {
    await capture('daily.html');
    const popup = await Popup.open();
    await popup.items.first().waitFor();
    for (const query of ["'householder", '!latent', '^diffusion', 'latent | diffusion', '=tabular', 'x'.repeat(2_000), '🧪 🚀', '注意力机制', "'!^|="]) {
      await popup.fill(query);
      const shown = await popup.items.count();
      if (shown === 0) expect(await popup.page.getByText(/^No papers match “/).isVisible()).toBe(true);
    }
    await popup.fill('zzqxv wqkj');
    expect(await popup.page.getByText('No papers match “zzqxv wqkj”').isVisible()).toBe(true);
    await popup.shot('popup-no-match');
    expect(pageErrors).toEqual([]);
  });

  it('is live: a paper captured in another tab appears, and a save made elsewhere shows', async () => {
    await capture('daily.html');
    const popup = await Popup.open();
    await popup.items.first().waitFor();
    const weeklyOnly = fixture('weekly.html').expectedIds.filter((id) => !fixture('daily.html').expectedIds.includes(id));
    expect(weeklyOnly.length).toBeGreaterThan(0);
    const before = fixture('daily.html').expectedIds.length;
    await expect.poll(() => popup.count.textContent()).toBe(`${before} papers`);

    await capture('weekly.html');
    await expect.poll(() => popup.count.textContent(), { timeout: 10_000 }).toBe(`${before + weeklyOnly.length} papers`);
    // The papers just seen are at the top of the recent list.
    const library = await readLibrary(ext.context, ext.extensionId);
    const lastSeen = Math.max(...library.papers.map((row) => Number(row.lastSeenAt)));
    const newest = library.papers.filter((row) => row.lastSeenAt === lastSeen).map((row) => String(row.title));
    expect(newest.length).toBeGreaterThan(0);
    await expect.poll(async () => newest.includes(await popup.topTitle())).toBe(true);

    // Searching finds the new paper too (the index caught up).
    await popup.type('tabluar');
    expect(await popup.topTitle()).toBe(TJEPA);

    // A save in another popup shows here.
    const other = await Popup.open();
    await other.type('tabluar jepa');
    await other.item(TJEPA).getByRole('button', { name: /^Save/ }).click();
    await expect.poll(() => popup.item(TJEPA).getByRole('button', { name: /^Save/ }).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(pageErrors).toEqual([]);
  });

  it('a save in the popup shows on an open library page (the background writes it with Dexie, whose pages follow)', async () => {
    await capture('daily.html');
    const library = await ext.context.newPage();
    library.on('pageerror', (error) => pageErrors.push(String(error)));
    await library.setViewportSize({ width: 1280, height: 2400 }); // all 30 rows in view (the table renders only those)
    await library.goto(`chrome-extension://${ext.extensionId}/library.html`);
    const row = library.locator(`[role="grid"][aria-label="Papers"] [role="row"][data-id="${TJEPA_ID}"]`);
    await row.waitFor();
    expect(await row.locator('.flag.saved').count()).toBe(0);

    const popup = await Popup.open();
    await popup.type('tabluar jepa');
    await popup.item(TJEPA).getByRole('button', { name: /^Save/ }).click();
    await expect.poll(() => row.locator('.flag.saved').count(), { timeout: 10_000 }).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
