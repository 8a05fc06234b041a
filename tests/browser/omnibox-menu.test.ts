/**
 * The omnibox keyword and the "Save to Paperdex" link menu in the built extension. Playwright can type
 * neither into the address bar nor into a native context menu, so each test fires the browser's own
 * event in the service worker (`chrome.omnibox.onInputChanged.dispatch(…)`, `chrome.contextMenus.
 * onClicked.dispatch(…)`): the listeners the extension registered run exactly as for a user, and what
 * they do (suggestions, tabs opened, papers saved) is checked from outside.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionHandle, launchExtension, readLibrary, serveFixtures } from './harness';

interface ChromeEvents {
  omnibox: {
    onInputStarted: { dispatch(): void };
    onInputChanged: { dispatch(text: string, suggest: (suggestions: { content: string; description: string }[]) => void): void };
    onInputEntered: { dispatch(text: string, disposition: string): void };
  };
  contextMenus: { onClicked: { dispatch(info: { menuItemId: string; linkUrl: string }, tab: { id: number }): void } };
}

const T0 = Date.UTC(2026, 2, 11, 9);
const paper = (id: string, title: string, authors: string[], extra: Record<string, unknown> = {}) => ({
  id,
  title,
  authors,
  links: { hf: `https://huggingface.co/papers/${id}`, arxiv: `https://arxiv.org/abs/${id}` },
  firstSeenAt: T0,
  lastSeenAt: T0,
  seenCount: 1,
  seenOn: [],
  sites: ['hf'],
  tags: [],
  updatedAt: T0,
  ...extra,
});

describe('omnibox and link menu in Chromium', () => {
  let ext: ExtensionHandle;

  beforeAll(async () => {
    ext = await launchExtension();
    // A small library, written with raw IndexedDB into the extension's own database.
    const papers = [
      paper('2403.10001', 'Sheaf Neural Networks for Heterophilic <Graphs> & More', ['Farid Ahmadi', 'Jörg Müller']),
      paper('2403.10002', 'Koopman Operators for Diffusion Policy Learning', ['Mei Tanaka']),
      paper('2403.10003', 'Tropical Geometry of Mixture-of-Experts Routing', ['Ben Carter']),
    ];
    await ext.serviceWorker.evaluate(async (records) => {
      // Once the background has created its database (its start-up waits for the storage check first):
      // an open that would create it is aborted, so it is never made without its stores.
      const openExisting = () =>
        new Promise<IDBDatabase | undefined>((resolve, reject) => {
          const open = indexedDB.open('paperdex');
          open.onupgradeneeded = () => open.transaction?.abort();
          open.onsuccess = () => resolve(open.result.objectStoreNames.contains('papers') ? open.result : (open.result.close(), undefined));
          open.onerror = () => (open.error?.name === 'AbortError' ? resolve(undefined) : reject(open.error));
        });
      let db: IDBDatabase | undefined;
      for (let attempt = 0; attempt < 100 && !(db = await openExisting()); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
      if (!db) throw new Error('the extension never created its database');
      const tx = db.transaction('papers', 'readwrite');
      for (const record of records) tx.objectStore('papers').put(record);
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    }, papers);
  });
  afterAll(async () => {
    await ext?.close();
  });

  const suggest = (text: string) =>
    ext.serviceWorker.evaluate(
      (typed) =>
        new Promise<{ content: string; description: string }[]>((resolve) => {
          const chrome = (globalThis as unknown as { chrome: ChromeEvents }).chrome;
          chrome.omnibox.onInputChanged.dispatch(typed, resolve);
        }),
      text,
    );

  it('suggests papers from the library as the user types, escaped for Chrome\'s markup', async () => {
    await ext.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: ChromeEvents }).chrome.omnibox.onInputStarted.dispatch());
    const started = Date.now();
    const suggestions = await suggest('sheaf');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(suggestions).toEqual([
      { content: '2403.10001', description: 'Sheaf Neural Networks for Heterophilic &lt;Graphs&gt; &amp; More <dim>— Farid Ahmadi, Jörg Müller · 2403.10001</dim>' },
    ]);
    expect((await suggest('tanaka')).map((s) => s.content)).toEqual(['2403.10002']);
    // Until the index is restored (when typing pauses), a typo finds nothing; then it does.
    await expect
      .poll(() => ext.serviceWorker.evaluate(() => performance.getEntriesByName('paperdex:omnibox-index').length), { timeout: 10_000 })
      .toBe(1);
    expect((await suggest('tropcal routing')).map((s) => s.content)[0]).toBe('2403.10003');
    expect(await suggest('2403.10002')).toHaveLength(1);
  });

  /** Tabs as the extension sees them (no `tabs` permission: ids and whether active, no URLs). */
  const tabStates = () =>
    ext.serviceWorker.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; active: boolean }[]> } } }).chrome;
      return (await chrome.tabs.query({})).map((tab) => ({ id: tab.id, active: tab.active }));
    });
  const targetUrls = async () => {
    const page = ext.context.pages()[0] ?? (await ext.context.newPage());
    const cdp = await ext.context.newCDPSession(page);
    try {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
      return targetInfos.filter((target) => target.type === 'page').map((target) => target.url);
    } finally {
      await cdp.detach();
    }
  };

  it.each([
    ['2403.10002', 'newForegroundTab', 'https://huggingface.co/papers/2403.10002'],
    ['2501.00001', 'newBackgroundTab', 'https://arxiv.org/abs/2501.00001'],
  ])('Enter on %j (%s) opens %s', async (text, disposition, url) => {
    const net = await serveFixtures(ext.context, { [url]: '<!doctype html><title>paper</title><p>paper page</p>' });
    try {
      const before = new Set(ext.context.pages());
      const tabsBefore = await tabStates();
      await ext.serviceWorker.evaluate(
        ([typed, how]) => (globalThis as unknown as { chrome: ChromeEvents }).chrome.omnibox.onInputEntered.dispatch(typed!, how!),
        [text, disposition],
      );
      // A new tab, in front or behind as asked, navigating to the paper. (Its URL is read from the
      // browser's target list: a background tab may start loading before Playwright's routing is
      // attached to it, and then shows a network error page for that same URL.)
      await expect.poll(async () => (await tabStates()).length, { timeout: 10_000 }).toBe(tabsBefore.length + 1);
      const opened = (await tabStates()).filter((tab) => !tabsBefore.some((old) => old.id === tab.id));
      expect(opened).toEqual([expect.objectContaining({ active: disposition === 'newForegroundTab' })]);
      await expect.poll(() => targetUrls(), { timeout: 10_000 }).toContain(url);
      for (const page of ext.context.pages()) if (!before.has(page)) await page.close();
    } finally {
      await net.stop();
    }
  });

  it('Enter with currentTab opens the paper in the active tab', async () => {
    const url = 'https://huggingface.co/papers/2403.10003';
    const net = await serveFixtures(ext.context, { [url]: '<!doctype html><title>paper</title><p>paper page</p>' });
    const page = await ext.context.newPage();
    try {
      await page.bringToFront();
      const tabsBefore = (await tabStates()).length;
      await ext.serviceWorker.evaluate(
        (typed) => (globalThis as unknown as { chrome: ChromeEvents }).chrome.omnibox.onInputEntered.dispatch(typed, 'currentTab'),
        url,
      );
      await expect.poll(() => page.url(), { timeout: 10_000 }).toBe(url);
      expect(await page.textContent('p')).toBe('paper page');
      expect((await tabStates()).length).toBe(tabsBefore);
    } finally {
      await page.close();
      await net.stop();
    }
  });

  it('"Save to Paperdex" on a paper link saves it (a stub when never seen) and saves a known paper', async () => {
    const click = (linkUrl: string) =>
      ext.serviceWorker.evaluate(
        (link) => (globalThis as unknown as { chrome: ChromeEvents }).chrome.contextMenus.onClicked.dispatch({ menuItemId: 'paperdex-save-link', linkUrl: link }, { id: -1 }),
        linkUrl,
      );
    await click('https://arxiv.org/pdf/2501.00042v2');
    await click('https://huggingface.co/papers/2403.10003');
    await click('https://huggingface.co/papers/trending');
    await expect
      .poll(async () => {
        const { papers } = await readLibrary(ext.context, ext.extensionId);
        return papers.filter((record) => record.savedAt !== undefined).map((record) => record.id).sort();
      }, { timeout: 10_000 })
      .toEqual(['2403.10003', '2501.00042']);
    const { papers } = await readLibrary(ext.context, ext.extensionId);
    expect(papers).toHaveLength(4);
    expect(papers.find((record) => record.id === '2501.00042')).toMatchObject({ title: '', seenCount: 0, links: { arxiv: 'https://arxiv.org/abs/2501.00042' } });
    expect(papers.find((record) => record.id === '2403.10003')).toMatchObject({ title: 'Tropical Geometry of Mixture-of-Experts Routing' });
  });
});
