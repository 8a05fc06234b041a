/**
 * Sync through storage.sync in real Chromium: two profiles (A and B) with the extension loaded, sync turned
 * on in Settings in both, and the test acting as the browser's sync engine: it copies each profile's own
 * items (`d:<device>:*`) from its `chrome.storage.sync` into the other's, with `set`/`remove` in an
 * extension page there, which fires `storage.onChanged` in that profile as Chrome Sync would. It can hold
 * deliveries back (a device offline) and deliver later.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations, describeFindings } from './axe';
import { type ExtensionHandle, fixtureSet, launchExtension, type Library, type LibraryRow, readLibrary, serveFixtures, waitForLibrary } from './harness';
import { markPapers, type Marks } from './marks-copy';

const ARTIFACTS = fileURLToPath(new URL('./.artifacts/', import.meta.url));
const hf = fixtureSet('hf');
const SYNC_ROUND_MS = 90_000;

interface Profile {
  name: string;
  ext: ExtensionHandle;
  /** An extension page kept open: the test's hands in this profile (storage, the library's database). */
  page: Page;
  device?: string;
}

let a: Profile | undefined;
let b: Profile | undefined;

afterAll(async () => {
  await a?.ext.close();
  await b?.ext.close();
});

type Chrome = { chrome: { storage: Record<'sync' | 'local', { get(keys: string | null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; remove(keys: string[]): Promise<void> }> } };

const syncArea = (profile: Profile) => profile.page.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.sync.get(null));

async function deviceOf(profile: Profile): Promise<string> {
  if (profile.device) return profile.device;
  const device = await profile.page.evaluate(async () => {
    const state = (await (globalThis as unknown as Chrome).chrome.storage.local.get('paperdex:sync-state'))['paperdex:sync-state'] as { engine?: { device?: string } } | undefined;
    return state?.engine?.device;
  });
  if (!device) throw new Error(`${profile.name} has no sync device yet`);
  return (profile.device = device);
}

/** Carries `from`'s own items into `to`'s storage.sync, as Chrome Sync does: what changed is set, what is gone removed. */
async function deliver(from: Profile, to: Profile): Promise<number> {
  const device = await deviceOf(from);
  const prefix = `d:${device}:`;
  const [source, target] = await Promise.all([syncArea(from), syncArea(to)]);
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (key.startsWith(prefix) && target[key] !== value) set[key] = value;
  const remove = Object.keys(target).filter((key) => key.startsWith(prefix) && !(key in source));
  await to.page.evaluate(
    async ({ set, remove }) => {
      const sync = (globalThis as unknown as Chrome).chrome.storage.sync;
      if (Object.keys(set).length) await sync.set(set);
      if (remove.length) await sync.remove(remove);
    },
    { set, remove },
  );
  return Object.keys(set).length + remove.length;
}

/** Delivers both ways every half second until `done` holds on both libraries (each device writes at most every 10 s). */
async function syncUntil(what: string, done: (libraryA: Library, libraryB: Library) => boolean, timeoutMs = SYNC_ROUND_MS): Promise<[Library, Library]> {
  const end = Date.now() + timeoutMs;
  let last: [Library, Library] | undefined;
  for (;;) {
    await deliver(a!, b!);
    await deliver(b!, a!);
    last = [await readLibrary(a!.ext.context, a!.ext.extensionId), await readLibrary(b!.ext.context, b!.ext.extensionId)];
    if (done(...last)) return last;
    if (Date.now() > end) throw new Error(`sync: ${what} not reached in ${timeoutMs} ms; A ${JSON.stringify(summary(last[0]))}; B ${JSON.stringify(summary(last[1]))}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const byId = (library: Library, id: string): LibraryRow | undefined => library.papers.find((paper) => paper.id === id);
/** The user's marks of a paper, as compared across devices (undefined: not in the library). */
function marksOf(library: Library, id: string) {
  const paper = byId(library, id);
  if (!paper) return undefined;
  return { saved: paper.savedAt !== undefined, read: paper.readAt !== undefined, tags: [...((paper.tags as string[]) ?? [])].sort(), note: paper.note as string | undefined };
}
function summary(library: Library) {
  return Object.fromEntries(library.papers.filter((paper) => paper.savedAt !== undefined || paper.readAt !== undefined || (paper.tags as string[]).length || paper.note !== undefined).map((paper) => [paper.id, marksOf(library, paper.id as string)]));
}
const same = (one: Library, other: Library) => JSON.stringify(summary(one)) === JSON.stringify(summary(other));

async function launch(name: string): Promise<Profile> {
  const ext = await launchExtension();
  await serveFixtures(ext.context, hf.routes);
  const listing = await ext.context.newPage();
  await listing.goto(hf.get('daily.html').url);
  const ids = hf.get('daily.html').expectedIds;
  await waitForLibrary(ext.context, ext.extensionId, (library) => ids.every((id) => library.papers.some((paper) => paper.id === id)));
  await listing.close();
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/library.html`);
  await page.getByRole('tab', { name: 'Settings' }).click();
  return { name, ext, page };
}

const section = (page: Page) => page.locator('section[aria-labelledby="pd-settings-sync"]');

/** Deletes papers as the library page does: the records gone, tombstones written, the change posted on the feed. */
async function deletePapers(page: Page, ids: string[]): Promise<void> {
  await page.evaluate(async (ids) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('paperdex');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const transaction = db.transaction(['papers', 'removedPapers'], 'readwrite');
    for (const id of ids) {
      transaction.objectStore('papers').delete(id);
      transaction.objectStore('removedPapers').put({ id, at: Date.now() });
    }
    await new Promise((resolve) => (transaction.oncomplete = resolve));
    db.close();
    const feed = new BroadcastChannel('paperdex-library-feed');
    feed.postMessage({ kind: 'papers', ids, user: true });
    feed.close();
  }, ids);
}

const ids = hf.get('daily.html').expectedIds;
const [P1, P2, P3, P4, P5, P6, P7] = ids as [string, string, string, string, string, string, string];

describe('sync between two Chromium profiles', { timeout: 600_000 }, () => {
  it('turned on in Settings in both; a save on A reaches B with its title; Settings shows the sync (light and dark, axe)', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(7);
    [a, b] = await Promise.all([launch('A'), launch('B')]);
    for (const profile of [a, b]) {
      const toggle = section(profile.page).getByRole('checkbox', { name: "Sync marks through your browser's sync" });
      expect(await toggle.isChecked()).toBe(false);
      await toggle.check();
    }
    // B's copy of P1 has no title (as a paper saved by id): the title travels.
    await b.page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const open = indexedDB.open('paperdex');
        open.onsuccess = () => resolve(open.result);
      });
      const transaction = db.transaction(['papers', 'removedPapers'], 'readwrite');
      transaction.objectStore('papers').delete(id);
      await new Promise((resolve) => (transaction.oncomplete = resolve));
      db.close();
    }, P1);
    await markPapers(a.page, { [P1]: { savedAt: Date.now() } });
    const titleOnA = byId(await readLibrary(a.ext.context, a.ext.extensionId), P1)!.title;
    const [, onB] = await syncUntil('P1 saved on B', (_, libraryB) => byId(libraryB, P1)?.savedAt !== undefined);
    expect(byId(onB, P1)).toMatchObject({ id: P1, title: titleOnA, seenCount: 0 });

    const facts = section(b.page).locator('dl[aria-label="Browser sync"]');
    await expect.poll(() => facts.locator('div', { hasText: 'Devices seen' }).locator('dd').textContent(), { timeout: 20_000 }).toBe('this one and 1 other');
    expect(await facts.locator('div', { hasText: 'Browser sync used' }).locator('dd').textContent()).toMatch(/^[\d.]+ KB of 100 KB \(\d+%\)$/);
    expect(await facts.locator('div', { hasText: 'Last sync' }).locator('dd').textContent()).not.toBe('not yet');
    await mkdir(ARTIFACTS, { recursive: true });
    await section(b.page).scrollIntoViewIfNeeded();
    await section(b.page).screenshot({ path: `${ARTIFACTS}library-settings-sync-light.png` });
    const violations = async () => describeFindings(await axeViolations(b!.page, { include: ['section[aria-labelledby="pd-settings-sync"]'] }));
    expect(await violations()).toBe('');
    await b.page.emulateMedia({ colorScheme: 'dark' });
    await section(b.page).screenshot({ path: `${ARTIFACTS}library-settings-sync-dark.png` });
    expect(await violations()).toBe('');
    await b.page.emulateMedia({ colorScheme: 'light' });
  });

  it('a concurrent save on A and tag on B of one paper: both hold on both', async () => {
    await markPapers(a!.page, { [P2]: { savedAt: Date.now() } });
    await markPapers(b!.page, { [P2]: { tags: ['ml'] } });
    const want = { saved: true, read: false, tags: ['ml'], note: undefined };
    const [onA, onB] = await syncUntil('P2 saved and tagged on both', (libraryA, libraryB) => JSON.stringify(marksOf(libraryA, P2)) === JSON.stringify(want) && JSON.stringify(marksOf(libraryB, P2)) === JSON.stringify(want));
    expect(marksOf(onA, P2)).toEqual(want);
    expect(marksOf(onB, P2)).toEqual(want);
  });

  it('a note edited on both at once: both versions kept, marked, on both', async () => {
    await markPapers(a!.page, { [P3]: { note: 'Note written on A' } });
    await markPapers(b!.page, { [P3]: { note: 'Note written on B' } });
    const both = (library: Library) => {
      const note = String(byId(library, P3)?.note ?? '');
      return note.includes('Note written on A') && note.includes('Note written on B') && note.includes('edited at the same time on another device');
    };
    const [onA, onB] = await syncUntil('both notes on both', (libraryA, libraryB) => both(libraryA) && both(libraryB));
    expect(byId(onA, P3)!.note).toBe(byId(onB, P3)!.note);
  });

  it('delete on A while B tags (later): both end with the paper tagged, its older marks erased', async () => {
    await markPapers(a!.page, { [P4]: { savedAt: Date.now() } });
    await syncUntil('P4 saved on B', (_, libraryB) => byId(libraryB, P4)?.savedAt !== undefined);
    await deletePapers(a!.page, [P4]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await markPapers(b!.page, { [P4]: { tags: ['keep'] } });
    const want = { saved: false, read: false, tags: ['keep'], note: undefined };
    const [onA, onB] = await syncUntil('P4 tagged, unsaved on both', (libraryA, libraryB) => JSON.stringify(marksOf(libraryA, P4)) === JSON.stringify(want) && JSON.stringify(marksOf(libraryB, P4)) === JSON.stringify(want));
    expect(marksOf(onA, P4)).toEqual(want);
    expect(marksOf(onB, P4)).toEqual(want);
  });

  it('B offline while both edit, then back: every edit on both', async () => {
    // Nothing delivered while both edit (and write their items).
    await markPapers(a!.page, { [P5]: { savedAt: Date.now(), tags: ['offline-a'] }, [P6]: { readAt: Date.now() } });
    await markPapers(b!.page, { [P7]: { note: 'Written on B while offline' }, [P5]: { tags: ['offline-b'] } });
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    await markPapers(a!.page, { [P2]: { tags: ['ml', 'later-on-a'] } });
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    const [onA, onB] = await syncUntil('everything on both', (libraryA, libraryB) => same(libraryA, libraryB) && marksOf(libraryA, P7)?.note !== undefined && marksOf(libraryB, P6)?.read === true);
    expect(marksOf(onB, P5)).toEqual({ saved: true, read: false, tags: ['offline-a', 'offline-b'], note: undefined });
    expect(marksOf(onA, P7)).toEqual({ saved: false, read: false, tags: [], note: 'Written on B while offline' });
    expect(marksOf(onB, P2)).toEqual({ saved: true, read: false, tags: ['later-on-a', 'ml'], note: undefined });
    expect(summary(onA)).toEqual(summary(onB));
  });

  it('a 3,000-paper library at the quota edge: every paper with two tags and a read flag reaches B; the titles that do not fit are named', async () => {
    const bulk = Array.from({ length: 3_000 }, (_, at) => `2402.${String(10_000 + at)}`);
    await a!.page.evaluate(async (bulk) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('paperdex');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const transaction = db.transaction('papers', 'readwrite');
      const now = Date.now();
      // Titles of made-up words (repeated ones would compress far better than real titles do).
      let seed = 7;
      const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
      const syllables = ['ar', 'ben', 'cor', 'dal', 'en', 'fir', 'gam', 'hul', 'ist', 'jor', 'ka', 'lum', 'mo', 'nex', 'op', 'pra', 'qui', 'ros', 'sta', 'tur', 'ul', 'vin', 'wex', 'yo', 'zed'];
      const word = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join('');
      const title = () => Array.from({ length: 6 + Math.floor(random() * 6) }, word).join(' ');
      bulk.forEach((id, at) =>
        transaction.objectStore('papers').put({
          id,
          title: title(),
          links: { arxiv: `https://arxiv.org/abs/${id}` },
          firstSeenAt: now,
          lastSeenAt: now,
          seenCount: 1,
          seenOn: [],
          sites: ['arxiv'],
          tags: [`topic-${at % 30}`, `topic-${(at * 7 + 3) % 30}`].filter((tag, i, all) => all.indexOf(tag) === i),
          readAt: now - at * 60_000,
          updatedAt: now + 1,
        }),
      );
      await new Promise((resolve) => (transaction.oncomplete = resolve));
      db.close();
      const feed = new BroadcastChannel('paperdex-library-feed');
      feed.postMessage({ kind: 'papers', ids: bulk.slice(0, 100), user: true });
      feed.close();
    }, bulk);
    const arrived = (library: Library) => bulk.filter((id) => byId(library, id)?.readAt !== undefined).length;
    const [onA, onB] = await syncUntil('3,000 papers on B', (_, libraryB) => arrived(libraryB) === bulk.length, 180_000);
    for (const id of [bulk[0]!, bulk[1_234]!, bulk[2_999]!]) expect(marksOf(onB, id)).toEqual(marksOf(onA, id));
    const bytes = await a!.page.evaluate(() => (globalThis as unknown as { chrome: { storage: { sync: { getBytesInUse(keys: null): Promise<number> } } } }).chrome.storage.sync.getBytesInUse(null));
    expect(bytes).toBeGreaterThan(90_000);
    expect(bytes).toBeLessThanOrEqual(102_400);
    // Not every title fits beside 3,000 papers' marks: A's Settings names them; B shows the ids until a page shows the papers.
    await expect.poll(() => section(a!.page).locator('.pd-sync-left-out').textContent(), { timeout: 30_000 }).toMatch(/^[\d,]+ titles don't fit in browser sync\. They stay in this library\.$/);
    await section(a!.page).scrollIntoViewIfNeeded();
    await section(a!.page).screenshot({ path: `${ARTIFACTS}library-settings-sync-quota.png` });
    expect(describeFindings(await axeViolations(a!.page, { include: ['section[aria-labelledby="pd-settings-sync"]'] }))).toBe('');
  });
});
