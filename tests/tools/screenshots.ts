/**
 * Store screenshots (1280×800, the Chrome Web Store size) of the built extension in Chromium, with the
 * browser tests' harness: a realistic library (the HF and arXiv fixture pages, real paper titles from
 * the seed listing, captured by the extension itself; some papers then saved, tagged and spread over
 * the past weeks), then
 *
 *   1-popup-over-listing.png   the popup over an HF listing with its card controls
 *   2-library-detail.png       the library table with a paper open
 *   3-stats.png                the Stats page
 *   4-library-dark.png         the library in dark mode
 *   5-stats-dark.png           Stats in dark mode
 *
 * written to store-screenshots/ (gitignored). Builds nothing: run `npx wxt build` first, then
 * `npm run screenshots`. A browser shows the popup outside the page, where no screenshot reaches; here
 * popup.html is rendered in a tab of its own and its image laid over the listing.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { fixtureSet, launchExtension, serveFixtures, waitForLibrary } from '../browser/harness';

const OUT_DIR = fileURLToPath(new URL('../../store-screenshots/', import.meta.url));
const SIZE = { width: 1280, height: 800 };
const DAY = 86_400_000;

const hf = fixtureSet('hf');
const arxiv = fixtureSet('arxiv');
/** Listings captured, in this order: what a researcher might have browsed over a few weeks. */
const VISITS = [...['monthly.html', 'weekly.html', 'daily.html'].map(hf.get), ...['new.html', 'recent.html'].map(arxiv.get)];

/** Per paper (by position in the library): saved, tags, and how many days ago it was first and last seen. */
interface Curation {
  saved: boolean;
  read: boolean;
  tags: string[];
  firstDaysAgo: number;
  lastDaysAgo: number;
}

/**
 * The fixture pages leave HF's stylesheet out (they load no sub-resources); for a store screenshot the
 * listing gets a few rules in HF's look (header, a grid of cards) instead of raw markup.
 */
const HF_LOOK = `
  body { margin: 0; background: #fff; color: #111827; font: 15px/1.4 system-ui, sans-serif; }
  a { color: inherit; text-decoration: none; }
  .hidden { display: none; }
  header { border-bottom: 1px solid #f3f4f6; }
  header > div { display: flex; align-items: center; gap: 20px; height: 64px; padding: 0 24px; }
  header a { display: flex; align-items: center; gap: 8px; font-weight: 700; font-size: 18px; }
  header span.hidden, header nav.hidden { display: block; }
  header svg { width: 32px; height: 32px; }
  header input { width: 260px; height: 34px; padding: 0 12px; border: 1px solid #e5e7eb; border-radius: 8px; }
  header nav ul { display: flex; gap: 18px; margin: 0; padding: 0; list-style: none; font-size: 14px; }
  header button.flex { display: none; }
  header nav a { font-size: 14px; font-weight: 500; }
  main, section { padding: 0 24px; }
  .flex { display: flex; align-items: center; gap: 8px; }
  .flex-col { flex-direction: column; align-items: stretch; }
  .justify-between { justify-content: space-between; }
  .flex-wrap { flex-wrap: wrap; }
  h1 { margin: 0; font-size: 28px; }
  .grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 20px; margin-top: 16px; }
  article { display: flex; flex-direction: column; border: 1px solid #e5e7eb; border-radius: 12px; overflow: hidden; background: linear-gradient(#f9fafb, #fff); }
  article > a:first-child { display: block; height: 70px; background: linear-gradient(120deg, #eef2ff, #fdf2f8); }
  article > a:first-child img { display: none; }
  article > div { padding: 14px 18px 18px; }
  article h3 { margin: 0 0 6px; font-size: 17px; line-height: 1.25; }
  article svg { width: 1em; height: 1em; }
  article ul { display: flex; margin: 0; padding: 0; list-style: none; }
  article li { width: 16px; height: 16px; margin-right: -5px; border: 2px solid #fff; border-radius: 50%; background: #d1d5db; }
  article .shadow-alternate { flex-direction: column; width: 44px; height: 52px; border: 1px solid #e5e7eb; border-radius: 10px; justify-content: center; font-size: 13px; }
  article input { display: none; }
  .text-sm { font-size: 13px; }
  .text-gray-400, .text-gray-500, .text-gray-600 { color: #6b7280; }
  time { font-weight: 600; font-size: 18px; }
  .btn { padding: 4px 8px; border: 1px solid #e5e7eb; border-radius: 8px; }
`;

const TAGS = [['to-read'], ['reasoning', 'to-read'], ['diffusion'], ['agents'], ['to-read', 'survey'], ['rl']];

/** A stable spread: most papers seen in the last weeks, about one in four saved, one in three tagged. */
function curation(index: number): Curation {
  const firstDaysAgo = (index * 7) % 45;
  return {
    saved: index % 4 === 1,
    read: index % 6 === 2,
    tags: index % 3 === 0 ? TAGS[(index / 3) % TAGS.length]! : [],
    firstDaysAgo,
    lastDaysAgo: index % 5 === 0 ? 0 : Math.min(firstDaysAgo, (index * 3) % 10),
  };
}

/** Rewrites the captured papers in the extension's IndexedDB (raw, as the browser tests do), before the library page first opens. */
async function curate(page: Page): Promise<void> {
  const plan = Array.from({ length: 400 }, (_, index) => curation(index));
  await page.evaluate(
    async ({ plan, DAY }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('paperdex');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      // Every batch the pages sent is merged first: one merged later would undo the spread (last seen is the latest).
      const pending = () =>
        new Promise<number>((resolve) => {
          const request = db.transaction('pendingCaptures').objectStore('pendingCaptures').count();
          request.onsuccess = () => resolve(request.result);
        });
      for (let tries = 0; (await pending()) > 0 && tries < 150; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      const store = db.transaction('papers', 'readwrite').objectStore('papers');
      const papers = await new Promise<Record<string, unknown>[]>((resolve) => {
        const request = store.getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
      });
      const now = Date.now();
      await Promise.all(
        papers.map((paper, index) => {
          const { saved, read, tags, firstDaysAgo, lastDaysAgo } = plan[index % plan.length]!;
          const firstSeenAt = now - firstDaysAgo * DAY - index * 60_000;
          const lastSeenAt = Math.max(firstSeenAt, now - lastDaysAgo * DAY - index * 30_000);
          const seenOn = ((paper.seenOn as { lastAt: number }[] | undefined) ?? []).map((place) => ({ ...place, lastAt: lastSeenAt }));
          const next = { ...paper, firstSeenAt, lastSeenAt, seenOn, tags, updatedAt: now, ...(saved ? { savedAt: lastSeenAt } : {}), ...(read ? { readAt: lastSeenAt } : {}) };
          return new Promise<void>((resolve, reject) => {
            const write = store.put(next);
            write.onsuccess = () => resolve();
            write.onerror = () => reject(write.error);
          });
        }),
      );
      db.close();
    },
    { plan, DAY },
  );
}

async function shoot(page: Page, name: string): Promise<void> {
  const file = path.join(OUT_DIR, name);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const ext = await launchExtension();
  try {
    // tsx compiles with esbuild's keepNames, which wraps functions in `__name(...)` calls; the functions this
    // script and the harness hand to the browser carry them, so the browser side gets a do-nothing `__name`.
    const keepNames = 'globalThis.__name = (target) => target;';
    await ext.context.addInitScript(keepNames);
    await ext.serviceWorker.evaluate(keepNames);
    await serveFixtures(ext.context, { ...hf.routes, ...arxiv.routes });
    const wanted = new Set<string>();
    for (const visit of VISITS) {
      const listing = await ext.context.newPage();
      await listing.goto(visit.url);
      visit.expectedIds.forEach((id) => wanted.add(id));
      await waitForLibrary(ext.context, ext.extensionId, (library) => [...wanted].every((id) => library.papers.some((paper) => paper.id === id)), 30_000);
      await listing.close();
    }
    const origin = `chrome-extension://${ext.extensionId}`;
    const extensionPage = await ext.context.newPage();
    await extensionPage.goto(`${origin}/manifest.json`);
    await curate(extensionPage);
    await extensionPage.close();

    // 1. The popup over an HF listing with card controls.
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`${origin}/popup.html`);
    await popup.getByRole('listitem').first().waitFor();
    await popup.waitForTimeout(300);
    const popupImage = (await popup.screenshot()).toString('base64');
    await popup.close();
    const listing = await ext.context.newPage();
    await listing.setViewportSize(SIZE);
    await listing.goto(hf.get('daily.html').url);
    await listing.addStyleTag({ content: HF_LOOK });
    await listing.waitForTimeout(1_500); // the card controls settle
    await listing.evaluate((image) => {
      // The fixture page is this script's own; the overlay stands for the browser's popup window.
      const shot = document.createElement('img');
      shot.src = `data:image/png;base64,${image}`;
      Object.assign(shot.style, {
        position: 'fixed',
        top: '8px',
        right: '16px',
        width: '400px',
        zIndex: '2147483647',
        borderRadius: '10px',
        boxShadow: '0 12px 40px rgba(0,0,0,0.28), 0 0 0 1px rgba(0,0,0,0.08)',
      });
      document.body.append(shot);
    }, popupImage);
    await listing.waitForTimeout(200);
    await shoot(listing, '1-popup-over-listing.png');
    await listing.close();

    // 2. The library with a paper open; 4. the same in dark mode.
    const library = await ext.context.newPage();
    await library.setViewportSize(SIZE);
    await library.goto(`${origin}/library.html`);
    const rows = library.locator('[role="row"][data-id]');
    await rows.nth(2).waitFor();
    await rows.nth(2).click();
    await library.getByRole('region').filter({ has: library.locator('.abstract') }).first().waitFor();
    await library.waitForTimeout(300);
    await shoot(library, '2-library-detail.png');
    await library.emulateMedia({ colorScheme: 'dark' });
    await library.waitForTimeout(300);
    await shoot(library, '4-library-dark.png');

    // 3. Stats; 5. the same in dark mode.
    await library.emulateMedia({ colorScheme: 'light' });
    await library.getByRole('tab', { name: 'Stats' }).click();
    await library.locator('dl[aria-label="This week"] dd').waitFor();
    await library.getByRole('img', { name: /^Bar chart/ }).waitFor();
    await library.waitForTimeout(500);
    await shoot(library, '3-stats.png');
    await library.emulateMedia({ colorScheme: 'dark' });
    await library.waitForTimeout(300);
    await shoot(library, '5-stats-dark.png');
  } finally {
    await ext.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
