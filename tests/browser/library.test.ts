/**
 * The library page, end to end: fixture pages captured by the real extension in Chromium, then
 * `chrome-extension://<id>/library.html` opened in a tab and driven by its accessible names; what it
 * writes is checked in the extension's own IndexedDB (raw reads, not the app's code).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureSet, type ExtensionHandle, launchExtension, type Library, readLibrary, screenshot, serveFixtures, waitForLibrary } from './harness';

const hfPages = fixtureSet('hf');
const routes = hfPages.routes;
const fixture = hfPages.get;

let ext: ExtensionHandle;
let second: ExtensionHandle | undefined;
let pageErrors: string[];
beforeEach(async () => {
  ext = await launchExtension();
  await serveFixtures(ext.context, routes);
  pageErrors = [];
});
afterEach(async () => {
  await ext?.close();
  await second?.close();
  second = undefined;
});

const ids = (library: Library) => library.papers.map((paper) => String(paper.id));
const hasAll = (wanted: string[]) => (library: Library) => wanted.every((id) => ids(library).includes(id));
const byId = (library: Library, id: string) => library.papers.find((paper) => paper.id === id);

async function capture(file: string, handle = ext): Promise<void> {
  const page = await handle.context.newPage();
  await page.goto(fixture(file).url);
  await waitForLibrary(handle.context, handle.extensionId, hasAll(fixture(file).expectedIds));
  await page.close();
}

/** Rows of `removedPapers` (tombstones), read raw in the extension's origin. */
async function tombstones(page: Page): Promise<{ id: string; at: number }[]> {
  return page.evaluate(
    () =>
      new Promise<{ id: string; at: number }[]>((resolve, reject) => {
        const open = indexedDB.open('paperdex');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('removedPapers').objectStore('removedPapers').getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as { id: string; at: number }[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** In the extension's origin: the key of the library page's stored rows, if it stored them. */
const storedRowsKey = () =>
  new Promise<string | undefined>((resolve, reject) => {
    const open = indexedDB.open('paperdex');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('searchIndex').objectStore('searchIndex').getKey('library-rows');
      get.onsuccess = () => {
        open.result.close();
        resolve(get.result as string | undefined);
      };
      get.onerror = () => reject(get.error);
    };
  });

/** The library page as a page object. */
class LibraryPage {
  constructor(readonly page: Page) {}

  static async open(handle = ext, size = { width: 1400, height: 900 }): Promise<LibraryPage> {
    const page = await handle.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.setViewportSize(size);
    await page.goto(`chrome-extension://${handle.extensionId}/library.html`);
    const library = new LibraryPage(page);
    await page.getByRole('tabpanel', { name: 'Library' }).waitFor();
    return library;
  }

  get grid(): Locator {
    return this.page.getByRole('grid', { name: 'Papers' });
  }
  get rows(): Locator {
    return this.grid.locator('.rows [role="row"]');
  }
  get status(): Locator {
    return this.page.locator('.toolbar [role="status"]');
  }
  row(id: string): Locator {
    return this.grid.locator(`[role="row"][data-id="${id}"]`);
  }
  async shownIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')!));
  }
  async shownTitles(): Promise<string[]> {
    return this.rows.locator('.title').allTextContents();
  }
  /** The Data panel's export (the whole library) or the bulk bar's (the selection), in `format`; resolves to the download. */
  async exportAs(format: 'JSON' | 'CSV' | 'BibTeX', scope: 'library' | 'selection' = 'library') {
    const place = scope === 'library' ? this.page.getByRole('region', { name: 'Export & import' }) : this.page.getByRole('toolbar', { name: 'Selected papers' });
    await place.getByRole('combobox', { name: 'Export format' }).selectOption({ label: format });
    const downloading = this.page.waitForEvent('download');
    await place.getByRole('button', { name: scope === 'library' ? /^Export library/ : /^Export [\d,]+ selected$/ }).click();
    return downloading;
  }
  /** Waits until the whole library is loaded (the status shows a count, not "Loading…"). */
  async loaded(count: number): Promise<void> {
    await expect.poll(() => this.status.textContent(), { timeout: 10_000 }).toBe(`${count.toLocaleString('en-US')} papers`);
  }
}

describe('library page', () => {
  it('is the options page, opened in a tab', async () => {
    type Runtime = { chrome: { runtime: { getManifest(): { options_ui?: unknown } } } };
    const options = await ext.serviceWorker.evaluate(() => (globalThis as unknown as Runtime).chrome.runtime.getManifest().options_ui);
    expect(options).toEqual({ page: 'library.html', open_in_tab: true });
    const lib = await LibraryPage.open();
    await expect.poll(() => lib.page.title()).toBe('Paperdex library');
    await expect.poll(() => lib.page.getByRole('heading', { name: 'Your library is empty' }).isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('the popup links to it', async () => {
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    const opened = ext.context.waitForEvent('page');
    await popup.getByRole('link', { name: 'Library' }).click();
    const page = await opened;
    await page.waitForLoadState();
    expect(page.url()).toBe(`chrome-extension://${ext.extensionId}/library.html`);
    // The link fits in the popup's header.
    const box = await popup.getByRole('link', { name: 'Library' }).boundingBox();
    expect(box && box.x + box.width <= 400).toBe(true);
  });

  it('lists every paper, sorts, filters and searches, and stays live as papers are captured', async () => {
    await capture('daily.html');
    const lib = await LibraryPage.open();
    await lib.loaded(30);
    const library = await readLibrary(ext.context, ext.extensionId);
    const newestFirst = [...library.papers].sort((a, b) => Number(b.lastSeenAt) - Number(a.lastSeenAt) || String(a.id).localeCompare(String(b.id)));
    expect((await lib.shownIds()).slice(0, 5)).toEqual(newestFirst.slice(0, 5).map((paper) => String(paper.id)));

    // Title sort, A→Z then Z→A (by clicking the column twice).
    await lib.page.getByRole('columnheader', { name: 'Title' }).getByRole('button').click();
    const titles = library.papers.map((paper) => String(paper.title));
    const fold = (title: string) => title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
    const aToZ = [...titles].sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0));
    await expect.poll(() => lib.shownTitles().then((shown) => shown.slice(0, 6))).toEqual(aToZ.slice(0, 6));
    await expect.poll(() => lib.page.getByRole('columnheader', { name: 'Title' }).getAttribute('aria-sort')).toBe('ascending');
    await lib.page.getByRole('columnheader', { name: 'Title' }).getByRole('button').click();
    await expect.poll(() => lib.shownTitles().then((shown) => shown.slice(0, 6))).toEqual([...aToZ].reverse().slice(0, 6));

    // A word of one title finds it first, with typos as in the popup.
    const target = newestFirst[7]!;
    const word = String(target.title).split(/\W+/).filter((w) => w.length >= 7)[0]!;
    await lib.page.getByRole('searchbox', { name: 'Search papers' }).fill(word.slice(0, 3) + word.slice(4));
    await expect.poll(async () => (await lib.shownIds()).includes(String(target.id))).toBe(true);
    await lib.page.getByRole('searchbox', { name: 'Search papers' }).fill('');

    // Source filter: everything here came from HF.
    await lib.page.getByRole('group', { name: 'Source' }).getByRole('button', { name: 'arXiv' }).click();
    await expect.poll(() => lib.status.textContent()).toBe('0 papers of 30');
    await lib.page.getByRole('group', { name: 'Source' }).getByRole('button', { name: 'Hugging Face' }).click();
    await expect.poll(() => lib.status.textContent()).toBe('30 papers of 30');

    // Live: a listing captured in another tab shows up without reloading.
    await capture('weekly.html');
    const union = new Set([...fixture('daily.html').expectedIds, ...fixture('weekly.html').expectedIds]).size;
    await expect.poll(() => lib.status.textContent(), { timeout: 10_000 }).toBe(`${union} papers of ${union}`);
    expect(pageErrors).toEqual([]);
  });

  it('bulk-tags, saves and marks read a shift-click selection, then filters on it', async () => {
    await capture('daily.html');
    const lib = await LibraryPage.open();
    await lib.loaded(30);
    const shown = await lib.shownIds();
    await lib.row(shown[1]!).click();
    await lib.row(shown[4]!).click({ modifiers: ['Shift'] });
    await lib.row(shown[8]!).click({ modifiers: ['Control'] });
    const chosen = [...shown.slice(1, 5), shown[8]!];
    await expect.poll(() => lib.page.getByText('5 papers selected').isVisible()).toBe(true);

    await lib.page.getByRole('combobox', { name: 'Tag for the selected papers' }).fill('Reading Group');
    await lib.page.getByRole('button', { name: 'Add tag', exact: true }).click();
    await lib.page.getByRole('toolbar', { name: 'Selected papers' }).getByRole('button', { name: 'Save', exact: true }).click();
    await lib.page.getByRole('toolbar', { name: 'Selected papers' }).getByRole('button', { name: 'Mark read' }).click();
    const library = await waitForLibrary(ext.context, ext.extensionId, (l) =>
      chosen.every((id) => {
        const paper = byId(l, id)!;
        return (paper.tags as string[]).includes('reading-group') && paper.savedAt !== undefined && paper.readAt !== undefined;
      }),
    );
    const others = library.papers.filter((paper) => !chosen.includes(String(paper.id)));
    expect(others.every((paper) => (paper.tags as string[]).length === 0 && paper.savedAt === undefined && paper.readAt === undefined)).toBe(true);

    // The tag is a reading list in the sidebar, with its count; choosing it lists those papers.
    const tagButton = lib.page.getByRole('list', { name: 'Tags' }).getByRole('button', { name: /#reading-group\s*5/ });
    await tagButton.click();
    await expect.poll(() => lib.shownIds().then((list) => [...list].sort())).toEqual([...chosen].sort());
    await lib.page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Unread' }).click();
    await expect.poll(() => lib.status.textContent()).toBe('0 papers of 30');
    await lib.page.getByRole('button', { name: 'Clear filters' }).click();

    // Rename the list onto a new name: every paper follows, in one go.
    await lib.page.getByRole('button', { name: 'Edit tag reading-group' }).click();
    await lib.page.getByRole('textbox', { name: 'Rename #reading-group to' }).fill('journal club');
    await lib.page.getByRole('button', { name: 'Rename' }).click();
    await waitForLibrary(ext.context, ext.extensionId, (l) => chosen.every((id) => (byId(l, id)!.tags as string[]).join() === 'journal-club'));

    // A second list (one paper outside the first, one inside), then rename the first onto it: a merge,
    // each paper carrying the merged tag once.
    await lib.page.getByRole('button', { name: 'Clear selection' }).click();
    await lib.row(shown[0]!).click({ modifiers: ['Control'] });
    await lib.row(shown[1]!).click({ modifiers: ['Control'] });
    await expect.poll(() => lib.page.getByText('2 papers selected').isVisible()).toBe(true);
    await lib.page.getByRole('combobox', { name: 'Tag for the selected papers' }).fill('favorites');
    await lib.page.getByRole('button', { name: 'Add tag', exact: true }).click();
    await waitForLibrary(ext.context, ext.extensionId, (l) => (byId(l, shown[0]!)!.tags as string[]).includes('favorites'));
    await lib.page.getByRole('button', { name: 'Clear selection' }).click();
    await lib.page.getByRole('button', { name: 'Edit tag journal-club' }).click();
    await lib.page.getByRole('textbox', { name: 'Rename #journal-club to' }).fill('favorites');
    await lib.page.getByRole('button', { name: 'Merge' }).click();
    const merged = [shown[0]!, ...chosen];
    await waitForLibrary(ext.context, ext.extensionId, (l) =>
      l.papers.every((paper) => (paper.tags as string[]).join() === (merged.includes(String(paper.id)) ? 'favorites' : '')),
    );
    await expect.poll(() => lib.page.getByText('Merged #journal-club into #favorites: 5 papers.').isVisible()).toBe(true);
    await expect.poll(() => lib.page.getByRole('list', { name: 'Tags' }).textContent()).toBe('#favorites6⋯');

    // Deleting the list takes the tag off every paper; the papers stay.
    await lib.page.getByRole('button', { name: 'Edit tag favorites' }).click();
    await lib.page.getByRole('button', { name: 'Delete tag' }).click();
    await lib.page.getByRole('button', { name: 'Remove #favorites from 6 papers' }).click();
    const untagged = await waitForLibrary(ext.context, ext.extensionId, (l) => l.papers.every((paper) => (paper.tags as string[]).length === 0));
    expect(untagged.papers).toHaveLength(30);
    expect(pageErrors).toEqual([]);
  });

  it('deletes a selection (with tombstones) and undo brings the same papers back', async () => {
    await capture('daily.html');
    const lib = await LibraryPage.open();
    await lib.loaded(30);
    const shown = await lib.shownIds();
    const doomed = shown.slice(0, 3);
    const before = await readLibrary(ext.context, ext.extensionId);
    await lib.row(doomed[0]!).click();
    await lib.row(doomed[2]!).click({ modifiers: ['Shift'] });
    await lib.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => lib.page.getByText('Deleted 3 papers from the library.').isVisible()).toBe(true);
    await expect.poll(() => lib.status.textContent()).toBe('27 papers');
    const during = await readLibrary(ext.context, ext.extensionId);
    expect(ids(during).some((id) => doomed.includes(id))).toBe(false);
    expect((await tombstones(lib.page)).map((row) => row.id).sort()).toEqual([...doomed].sort());

    await lib.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => lib.status.textContent()).toBe('30 papers');
    const after = await readLibrary(ext.context, ext.extensionId);
    const strip = (library: Library) => library.papers.map(({ updatedAt: _, ...paper }) => paper).sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(strip(after)).toEqual(strip(before));
    expect(await tombstones(lib.page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('a reopened page restores its stored rows and shows what changed while it was closed', async () => {
    await capture('daily.html');
    let lib = await LibraryPage.open();
    await lib.loaded(30);
    // The page stores its rows a few seconds after loading them (utils/ui/library-page/row-cache-chunks.ts).
    await expect.poll(() => lib.page.evaluate(storedRowsKey), { timeout: 15_000 }).toBe('library-rows');
    // Two papers of the stored rows that the weekly page lists too (found by search below, wherever
    // they fall in the table).
    const weekly = new Set(fixture('weekly.html').expectedIds);
    const [gone, renamed] = (await readLibrary(ext.context, ext.extensionId)).papers.map((paper) => String(paper.id)).filter((id) => weekly.has(id));
    expect(renamed).toBeDefined();
    await lib.page.close();

    // While it is closed: new papers captured, one paper deleted without a tombstone (as after a
    // tombstone was pruned), one renamed: raw writes in the extension's origin.
    await capture('weekly.html');
    const extPage = await ext.context.newPage();
    await extPage.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
    await extPage.evaluate(
      ([goneId, renamedId]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('paperdex');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('papers', 'readwrite');
            const store = tx.objectStore('papers');
            store.delete(goneId!);
            const get = store.get(renamedId!);
            get.onsuccess = () => store.put({ ...get.result, title: 'Renamed while the page was closed', updatedAt: Date.now() });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      [gone, renamed],
    );
    await extPage.close();
    const library = await readLibrary(ext.context, ext.extensionId);

    lib = await LibraryPage.open();
    await lib.loaded(library.papers.length);
    expect((await lib.shownIds()).length).toBeGreaterThan(5);
    // Found by search, wherever they fall in the table (it renders only the rows in view): the deleted
    // paper by its id finds nothing, the renamed one by its new title.
    const search = lib.page.getByRole('searchbox', { name: 'Search papers' });
    await search.fill(gone!);
    await expect.poll(() => lib.page.locator('[role="grid"]').getAttribute('data-list')).toMatch(new RegExp(`^${gone!.replace('.', '\\.')}\\|`));
    await expect.poll(() => lib.row(gone!).count()).toBe(0);
    await search.fill('Renamed while the page was closed');
    await expect.poll(() => lib.row(renamed!).locator('.title').textContent()).toBe('Renamed while the page was closed');
    await search.fill('');
    await expect.poll(() => lib.page.locator('[role="grid"]').getAttribute('data-list')).toMatch(/^\|/);
    await lib.page.getByRole('button', { name: `Select all ${library.papers.length} matching` }).click();
    await expect.poll(() => lib.page.getByText(`${library.papers.length} papers selected`).isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('the paper view shows the abstract, links and sightings, and keeps a note', async () => {
    await capture('daily.html');
    const lib = await LibraryPage.open();
    await lib.loaded(30);
    const library = await readLibrary(ext.context, ext.extensionId);
    const id = (await lib.shownIds())[2]!;
    const record = byId(library, id)!;
    await lib.row(id).click();
    const detail = lib.page.getByRole('region', { name: String(record.title) });
    await detail.waitFor();
    await expect.poll(() => detail.locator('.abstract').first().textContent()).toBe(String(record.abstract));
    expect(await detail.getByRole('link', { name: 'arXiv' }).getAttribute('href')).toBe(`https://arxiv.org/abs/${id}`);
    await expect.poll(() => detail.getByRole('list', { name: 'Where it was seen' }).textContent()).toContain('Daily');
    await detail.getByRole('textbox', { name: 'Note' }).fill('Compare with the 2024 baseline.');
    await lib.page.getByRole('searchbox', { name: 'Search papers' }).click(); // leaving the field saves it
    await waitForLibrary(ext.context, ext.extensionId, (l) => byId(l, id)!.note === 'Compare with the 2024 baseline.');
    expect(pageErrors).toEqual([]);
  });

  it('a note typed just before the tab is closed is in the library when it is opened again', async () => {
    await capture('daily.html');
    let lib = await LibraryPage.open();
    await lib.loaded(30);
    const id = (await lib.shownIds())[1]!;
    await lib.row(id).click();
    const text = 'Typed, and the tab closed at once.';
    await lib.page.getByRole('textbox', { name: 'Note' }).fill(text);
    await lib.page.close(); // well within the 600 ms pause after which typing is stored
    lib = await LibraryPage.open();
    await waitForLibrary(ext.context, ext.extensionId, (l) => byId(l, id)?.note === text);
    await lib.row(id).click();
    await expect.poll(() => lib.page.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(text);
    expect(pageErrors).toEqual([]);
  });

  it('captures a stopped worker left queued are shown by the popup and the library page, and exported', async () => {
    await capture('daily.html');
    // A batch in the capture queue that no fold has merged (as a worker stopped between answering the
    // content script and merging leaves it): written raw, in the extension's origin; nothing wakes a fold.
    const extPage = await ext.context.newPage();
    await extPage.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
    const listing = { site: 'hf', kind: 'daily', label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11' };
    const queue = (id: string, title: string) =>
      extPage.evaluate(
        (row) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('paperdex');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('pendingCaptures', 'readwrite');
              tx.objectStore('pendingCaptures').add(row);
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
        { at: Date.now(), listing, papers: [{ id, title, links: {} }], problems: [] },
      );

    await queue('2412.90001', 'Queued before the popup opened');
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await popup.getByRole('heading', { name: 'Queued before the popup opened' }).waitFor({ timeout: 10_000 });
    await popup.close();

    await queue('2412.90002', 'Queued before the library opened');
    const lib = await LibraryPage.open();
    await lib.loaded(32);

    await queue('2412.90003', 'Queued before the export');
    const download = await lib.exportAs('CSV');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'paperdex-export-'));
    try {
      const file = path.join(dir, 'library.csv');
      await download.saveAs(file);
      const text = await readFile(file, 'utf8');
      expect(['2412.90001', '2412.90002', '2412.90003'].filter((id) => text.includes(id))).toEqual(['2412.90001', '2412.90002', '2412.90003']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await lib.loaded(33);
    expect(pageErrors).toEqual([]);
  });

  it('exports JSON and a fresh profile importing it gets the identical library', async () => {
    await capture('daily.html');
    await capture('search.html');
    const lib = await LibraryPage.open();
    const total = (await readLibrary(ext.context, ext.extensionId)).papers.length;
    await lib.loaded(total);
    // User fields worth carrying over.
    const shown = await lib.shownIds();
    await lib.row(shown[0]!).click();
    await lib.row(shown[3]!).click({ modifiers: ['Shift'] });
    await lib.page.getByRole('combobox', { name: 'Tag for the selected papers' }).fill('export-me');
    await lib.page.getByRole('button', { name: 'Add tag', exact: true }).click();
    await lib.page.getByRole('toolbar', { name: 'Selected papers' }).getByRole('button', { name: 'Save', exact: true }).click();
    await lib.page.getByRole('toolbar', { name: 'Selected papers' }).getByRole('button', { name: 'Mark read' }).click();
    await waitForLibrary(ext.context, ext.extensionId, (l) => l.papers.filter((p) => p.savedAt !== undefined && p.readAt !== undefined).length === 4);
    await lib.page.getByRole('button', { name: 'Clear selection' }).click();
    // A note, from the paper view (of that paper: a failure below then says whether the page saved it).
    await lib.row(shown[5]!).click();
    const detail = lib.page.getByRole('region', { name: String(byId(await readLibrary(ext.context, ext.extensionId), shown[5]!)!.title) });
    const noted = detail.getByRole('textbox', { name: 'Note' });
    await noted.fill('Re-read §3 before the reading group.');
    await lib.page.getByRole('searchbox', { name: 'Search papers' }).click(); // leaving the field saves it
    await expect.poll(() => detail.locator('.note-state').textContent()).toBe('Saved');
    await waitForLibrary(ext.context, ext.extensionId, (l) => byId(l, shown[5]!)!.note === 'Re-read §3 before the reading group.');
    // Reading a paper selected nothing: the export says it takes the whole library.
    expect(await lib.page.getByRole('toolbar', { name: 'Selected papers' }).count()).toBe(0);
    await lib.page.getByRole('button', { name: `Export library (${total})` }).waitFor();

    const download = await lib.exportAs('JSON');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'paperdex-export-'));
    try {
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      expect(download.suggestedFilename()).toMatch(/^paperdex-library-\d{4}-\d{2}-\d{2}\.json$/);
      const text = await readFile(file, 'utf8');
      expect(text).toContain('paperdex-library');

      second = await launchExtension();
      const fresh = await LibraryPage.open(second);
      await fresh.page.getByLabel('Import', { exact: true }).setInputFiles(file);
      await expect.poll(() => fresh.page.locator('.data .success').textContent(), { timeout: 20_000 }).toMatch(new RegExp(`${total} added`));
      await fresh.loaded(total);
      const original = await readLibrary(ext.context, ext.extensionId);
      const copy = await readLibrary(second.context, second.extensionId);
      expect(byId(copy, shown[5]!)!.note).toBe('Re-read §3 before the reading group.');
      expect(copy.papers.filter((paper) => paper.readAt !== undefined && (paper.tags as string[]).includes('export-me'))).toHaveLength(4);
      const strip = (library: Library) => library.papers.map(({ updatedAt: _, ...paper }) => paper).sort((a, b) => String(a.id).localeCompare(String(b.id)));
      expect(strip(copy)).toEqual(strip(original));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(pageErrors).toEqual([]);
  });

  it('a large library is exported with a worker formatting half of it: every paper once, in id order, as stored', async () => {
    await capture('daily.html');
    // 4,500 more papers, made from the captured ones with new ids (the page shares an export of 4,000 or more).
    const extPage = await ext.context.newPage();
    await extPage.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
    await extPage.evaluate(
      (copies) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('paperdex');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('papers', 'readwrite');
            const store = tx.objectStore('papers');
            const all = store.getAll();
            all.onsuccess = () => {
              const captured = all.result as { id: string; title: string }[];
              for (let at = 0; at < copies; at++) {
                const paper = captured[at % captured.length]!;
                store.put({ ...paper, id: `2501.${String(10000 + at)}`, title: `${paper.title} (${at})` });
              }
            };
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      4_500,
    );
    await extPage.close();
    const library = await readLibrary(ext.context, ext.extensionId);
    const stored = [...library.papers].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
    expect(stored.length).toBeGreaterThan(4_500);

    const lib = await LibraryPage.open();
    await lib.loaded(stored.length);
    const workers: string[] = [];
    lib.page.on('worker', (worker) => workers.push(worker.url()));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'paperdex-export-'));
    try {
      const download = async (format: 'JSON' | 'CSV') => {
        const downloaded = await lib.exportAs(format);
        const file = path.join(dir, downloaded.suggestedFilename());
        await downloaded.saveAs(file);
        return readFile(file, 'utf8');
      };
      const json = JSON.parse(await download('JSON')) as { count: number; papers: { id: string }[] };
      expect(workers).toEqual([expect.stringMatching(/^chrome-extension:\/\/[a-p]{32}\/assets\/export-worker-[\w-]+\.js$/)]);
      expect(json.count).toBe(stored.length);
      expect(json.papers).toEqual(stored);

      const csv = await download('CSV');
      expect(workers).toHaveLength(2);
      // Each paper's row once, in id order (ids are the first column; other cells never hold a bare id line start).
      const rowIds = [...csv.matchAll(/\r\n(\d{4}\.\d{4,5}),/g)].map((match) => match[1]);
      expect(rowIds).toEqual(stored.map((paper) => paper.id));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(pageErrors).toEqual([]);
  });

  it('clicking a paper to read it leaves Export with the whole library; the bulk bar exports the selection and says so', async () => {
    await capture('daily.html');
    const lib = await LibraryPage.open();
    await lib.loaded(30);
    const shown = await lib.shownIds();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'paperdex-export-'));
    try {
      // Reading a paper: no selection, no bulk bar; "Export library (30)" writes all 30.
      await lib.row(shown[0]!).click();
      await lib.page.getByRole('region', { name: /./ }).first().waitFor();
      expect(await lib.page.getByRole('toolbar', { name: 'Selected papers' }).count()).toBe(0);
      const whole = await lib.exportAs('JSON');
      expect(whole.suggestedFilename()).toMatch(/^paperdex-library-.*\.json$/);
      await whole.saveAs(path.join(dir, 'library.json'));
      const library = JSON.parse(await readFile(path.join(dir, 'library.json'), 'utf8')) as { papers: { id: string }[] };
      expect(library.papers.map((paper) => paper.id).sort()).toEqual(ids(await readLibrary(ext.context, ext.extensionId)).sort());
      expect(library.papers).toHaveLength(30);
      await expect.poll(() => lib.page.getByRole('region', { name: 'Export & import' }).locator('.success').textContent()).toMatch(/^Exported the library \(30 papers\) to paperdex-library-/);

      // A real selection (Ctrl-clicks): its own button, file and outcome say so.
      await lib.row(shown[0]!).click({ modifiers: ['Control'] });
      await lib.row(shown[1]!).click({ modifiers: ['Control'] });
      await lib.page.getByRole('button', { name: 'Export 2 selected' }).waitFor();
      await lib.page.getByRole('button', { name: 'Export library (30)' }).waitFor();
      const download = await lib.exportAs('CSV', 'selection');
      expect(download.suggestedFilename()).toMatch(/^paperdex-selection-.*\.csv$/);
      const file = path.join(dir, 'selection.csv');
      await download.saveAs(file);
      const text = await readFile(file, 'utf8');
      expect(text.includes(shown[0]!) && text.includes(shown[1]!) && !text.includes(shown[2]!)).toBe(true);
      await expect.poll(() => lib.page.getByRole('toolbar', { name: 'Selected papers' }).locator('.success').textContent()).toMatch(/^Exported 2 selected papers to paperdex-selection-/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exports BibTeX: a .bib file with one arXiv @misc entry per paper', async () => {
    await capture('daily.html');
    const lib = await LibraryPage.open();
    await lib.loaded(30);
    const library = await readLibrary(ext.context, ext.extensionId);
    const download = await lib.exportAs('BibTeX');
    expect(download.suggestedFilename()).toMatch(/^paperdex-library-\d{4}-\d{2}-\d{2}\.bib$/);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'paperdex-export-'));
    try {
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const text = await readFile(file, 'utf8');
      // Each entry from its "@" to the next (the "%" comment before the first is not one): every one
      // names its paper as an arXiv eprint.
      const entries = text.split(/^(?=@)/m).filter((entry) => entry.startsWith('@'));
      expect(entries).toHaveLength(library.papers.length);
      for (const entry of entries) {
        expect(entry).toMatch(/^@misc\{[a-z0-9_]+,\n/);
        expect(entry).toMatch(/^ {2}archivePrefix = \{arXiv\},?$/m);
      }
      const eprints = entries.map((entry) => /^ {2}eprint = \{([^}]+)\},?$/m.exec(entry)?.[1]);
      expect(eprints.sort()).toEqual(ids(library).sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await expect.poll(() => lib.page.locator('.data .success').textContent()).toBe(`Exported the library (${library.papers.length} papers) to ${download.suggestedFilename()}.`);
    expect(pageErrors).toEqual([]);
  });

  it('a bad import file changes nothing and says why in an alert', async () => {
    await capture('daily.html');
    const lib = await LibraryPage.open();
    await lib.loaded(30);
    const before = await readLibrary(ext.context, ext.extensionId);
    await lib.page.getByLabel('Import', { exact: true }).setInputFiles({
      name: 'truncated.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"paperdex-library","version":1,"papers":[{"id":"2501.00001","title":"Cut'),
    });
    const alert = lib.page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toMatch(/truncated\.json was not imported: .+\. Your library is unchanged\./);
    expect(await readLibrary(ext.context, ext.extensionId)).toEqual(before);
  });

  it('looks right in light and dark', async () => {
    await capture('daily.html');
    await capture('weekly.html');
    const lib = await LibraryPage.open();
    await lib.status.filter({ hasText: /^\d+ papers$/ }).waitFor();
    const shown = await lib.shownIds();
    await lib.row(shown[1]!).click({ modifiers: ['Control'] });
    await lib.row(shown[2]!).click({ modifiers: ['Control'] });
    await lib.page.getByRole('combobox', { name: 'Tag for the selected papers' }).fill('diffusion');
    await lib.page.getByRole('button', { name: 'Add tag', exact: true }).click();
    await lib.row(shown[1]!).click();
    await lib.page.getByRole('region').first().waitFor();
    await lib.page.emulateMedia({ colorScheme: 'light' });
    await screenshot(lib.page, 'library-light');
    await lib.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(lib.page, 'library-dark');
    const background = await lib.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(22, 23, 26)');
    // The Stats and Settings views are tabs of the same page.
    for (const view of ['Stats', 'Settings']) {
      await lib.page.getByRole('tab', { name: view }).click();
      await lib.page.getByRole('tabpanel', { name: view }).waitFor();
      await screenshot(lib.page, `library-${view.toLowerCase()}-dark`);
    }
    await lib.page.getByRole('tab', { name: 'Library' }).click();
    await lib.grid.waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('with the paper view open in a 1280 px window, titles keep their room and no column spills over', async () => {
    await capture('daily.html');
    const lib = await LibraryPage.open(ext, { width: 1280, height: 800 });
    await lib.loaded(30);
    const measure = () =>
      lib.rows.first().evaluate((row) => ({ title: row.querySelector('.c-title')!.getBoundingClientRect().width, spill: row.scrollWidth - row.clientWidth }));
    await lib.row((await lib.shownIds())[0]!).click();
    await lib.page.getByRole('region').first().waitFor();
    await expect.poll(async () => (await measure()).spill).toBe(0);
    expect((await measure()).title).toBeGreaterThanOrEqual(240);
    // The dates the table gave up are in the paper view, and "Sort by" still offers them.
    expect(await lib.page.getByRole('columnheader', { name: 'Published' }).isVisible()).toBe(false);
    expect(await lib.page.getByRole('combobox', { name: 'Sort by' }).locator('option', { hasText: 'Published' }).count()).toBe(2);
    expect(pageErrors).toEqual([]);
  });
});
