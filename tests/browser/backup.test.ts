/**
 * Automatic backups in Chromium, end to end: the offscreen-document path (the service worker can't make
 * Blob URLs). Backups are turned on from Settings, and the file must land in the `Paperdex/` folder of
 * the downloads, decompress and parse to the library, and be read back by Import in an empty profile;
 * rotation removes only Paperdex's own files.
 *
 * Permission: `downloads` is optional, asked for when backups are turned on, and Playwright can't answer
 * the browser's prompt. The test loads a copy of the built extension whose manifest lists `downloads`
 * as a required permission (granted at load, as an accepted prompt would): the page's
 * `permissions.request` then resolves true at once and everything after it is the real code. (The
 * request itself, and a refusal, are covered by the unit test of the Settings section.)
 * Downloads: the test's profile is created with its download folder set in its preferences, and
 * Playwright's own handling of downloads (its own file names) is switched back to the browser's.
 */
import { gunzipSync } from 'node:zlib';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { copyWithDownloadsGranted } from './grant-downloads';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, describeFindings } from './axe';
import { type ExtensionHandle, fixtureSet, launchExtension, readLibrary, screenshot, serveFixtures, waitForLibrary } from './harness';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = path.join(REPO_ROOT, process.env.PAPERDEX_OUT_DIR ?? '.output', 'chrome-mv3');
const hfPages = fixtureSet('hf');

/** `chrome.storage.local`, in the extension's pages (typed here: the tests have no extension types). */
type LocalArea = { get(keys: null | string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
const storageIn = (page: Page, action: { set: Record<string, unknown> } | { get: null | string }) =>
  page.evaluate((action) => {
    const local = (globalThis as unknown as { chrome: { storage: { local: LocalArea } } }).chrome.storage.local;
    return 'set' in action ? local.set(action.set).then(() => ({})) : local.get(action.get);
  }, action);

let ext: ExtensionHandle | undefined;
let scratch: string;
let downloadDir: string;

/** A copy of the built extension with `downloads` granted at load (see the file's comment). */
async function extensionWithDownloads(): Promise<string> {
  return copyWithDownloadsGranted(BUILT, path.join(scratch, 'extension'));
}

async function launch(): Promise<ExtensionHandle> {
  // The profile's download folder, set in its preferences before Chromium starts.
  const profile = path.join(scratch, 'profile');
  await mkdir(path.join(profile, 'Default'), { recursive: true });
  await writeFile(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ download: { default_directory: downloadDir, prompt_for_download: false } }));
  const handle = await launchExtension({ extensionPath: await extensionWithDownloads(), userDataDir: profile });
  // Playwright saves downloads under names of its own: back to the browser's own behaviour (the folder above).
  const page = await handle.context.newPage();
  await (await handle.context.newCDPSession(page)).send('Browser.setDownloadBehavior', { behavior: 'default' });
  await page.close();
  return handle;
}

beforeEach(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'paperdex-backup-test-'));
  downloadDir = path.join(scratch, 'downloads');
});
afterEach(async () => {
  await ext?.close();
  ext = undefined;
  await rm(scratch, { recursive: true, force: true });
});

async function captureFixtures(handle: ExtensionHandle): Promise<number> {
  await serveFixtures(handle.context, hfPages.routes);
  const entry = hfPages.entries[0]!;
  const page = await handle.context.newPage();
  await page.goto(entry.url);
  const library = await waitForLibrary(handle.context, handle.extensionId, (lib) => entry.expectedIds.every((id) => lib.papers.some((paper) => paper.id === id)));
  await page.close();
  return library.papers.length;
}

async function backupFiles(): Promise<string[]> {
  try {
    return (await readdir(path.join(downloadDir, 'Paperdex'))).sort();
  } catch {
    return [];
  }
}

async function poll<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function openSettings(handle: ExtensionHandle): Promise<Page> {
  const page = await handle.context.newPage();
  await page.goto(`chrome-extension://${handle.extensionId}/library.html`);
  await page.getByRole('tab', { name: 'Settings' }).click();
  return page;
}

const section = (page: Page) => page.locator('section[aria-labelledby="pd-settings-backups"]');
const figure = (page: Page, label: string) => section(page).locator('dl[aria-label="Backups"] > div', { hasText: label }).locator('dd');
const strip = (papers: readonly Record<string, unknown>[]) => papers.map(({ updatedAt: _, ...paper }) => paper).sort((a, b) => String(a.id).localeCompare(String(b.id)));

describe('automatic backups (Chromium: offscreen document)', () => {
  it('turned on in Settings: a verified .json.gz lands in Downloads/Paperdex, parses to the library, shows in Settings; rotation removes only its own files; Import restores it', async () => {
    ext = await launch();
    const papers = await captureFixtures(ext);
    // Files of the user's own in the same folder, one named like a backup: never touched.
    await mkdir(path.join(downloadDir, 'Paperdex'), { recursive: true });
    await writeFile(path.join(downloadDir, 'Paperdex', 'my-notes.txt'), 'mine');
    await writeFile(path.join(downloadDir, 'Paperdex', 'paperdex-backup-2026-01-01.json.gz'), 'mine too');
    const page = await openSettings(ext);
    await section(page).getByRole('checkbox', { name: 'Back up the whole library every day' }).check();

    const backups = () => backupFiles().then((files) => files.filter((name) => name.startsWith('paperdex-backup-') && name !== 'paperdex-backup-2026-01-01.json.gz'));
    const [file] = await poll(backups, (files) => files.length === 1 && !files[0]!.endsWith('.crdownload'), 'the backup file').catch(async (error: unknown) => {
      throw new Error(`${String(error)}; storage: ${JSON.stringify(await storageIn(page, { get: null }))}`);
    });
    expect(file).toMatch(/^paperdex-backup-\d{4}-\d{2}-\d{2}\.json\.gz$/);
    const backupPath = path.join(downloadDir, 'Paperdex', file!);
    const json = JSON.parse(gunzipSync(await readFile(backupPath)).toString('utf8')) as { format: string; count: number; papers: Record<string, unknown>[] };
    expect(json).toMatchObject({ format: 'paperdex-library', count: papers });
    const library = await readLibrary(ext.context, ext.extensionId);
    expect(strip(json.papers)).toEqual(strip(library.papers));

    // Settings shows it.
    await expect.poll(() => figure(page, 'File').textContent(), { timeout: 10_000 }).toBe(`Paperdex/${file}`);
    expect(await figure(page, 'Last good backup').textContent()).toMatch(new RegExp(` · ${papers} papers · [\\d.]+ kB$`));
    expect(await section(page).getByRole('alert').count()).toBe(0);
    await section(page).scrollIntoViewIfNeeded();
    await screenshot(page, 'library-settings-backups-light');
    const sectionViolations = async () => describeFindings(await axeViolations(page, { include: ['section[aria-labelledby="pd-settings-backups"]'] }));
    expect(await sectionViolations()).toBe('');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'library-settings-backups-dark');
    expect(await sectionViolations()).toBe('');
    await page.emulateMedia({ colorScheme: 'light' });

    // Back up now, the same day: the new file replaces the first, which Paperdex removes; the user's files stay.
    await section(page).getByRole('button', { name: 'Back up now' }).click();
    const after = await poll(backupFiles, (files) => files.length === 3 && !files.includes(file!) && !files.some((name) => name.endsWith('.crdownload')), 'the rotation');
    expect(after).toEqual(['my-notes.txt', 'paperdex-backup-2026-01-01.json.gz', file!.replace('.json.gz', ' (1).json.gz')].sort());
    expect(await readFile(path.join(downloadDir, 'Paperdex', 'paperdex-backup-2026-01-01.json.gz'), 'utf8')).toBe('mine too');
    const status = ((await storageIn(page, { get: 'paperdex:backup-status' })) as Record<string, unknown>)['paperdex:backup-status'] as { files: { name: string }[] };
    expect(status.files.map((kept) => kept.name)).toEqual([`Paperdex/${file}`]);
    const second = path.join(downloadDir, 'Paperdex', after.find((name) => name.includes(' (1)'))!);

    // A failed backup, as the background records it (written here: a full disk can't be made on demand):
    // Settings warns with the reason, the popup too.
    const failed = { ...(status as object), lastFailure: { at: Date.now() + 1000, reason: 'the disk is full' } };
    await storageIn(page, { set: { 'paperdex:backup-status': failed } });
    await expect.poll(() => section(page).getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/^The last backup failed \(.+\): the disk is full\. Paperdex tries again within the hour\.$/);
    await screenshot(page, 'library-settings-backups-failed-light');
    expect(await sectionViolations()).toBe('');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'library-settings-backups-failed-dark');
    expect(await sectionViolations()).toBe('');
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await expect.poll(() => popup.locator('.popup-notice[role=alert]').textContent(), { timeout: 10_000 }).toBe('Backups are failing: the disk is full. Backup settings');
    await screenshot(popup, 'popup-backups-failed');
    expect(describeFindings(await axeViolations(popup, { include: ['.popup-notice'] }))).toBe('');

    // Restore: Import in an empty profile reads the .json.gz back to the same library.
    const restoreFrom = path.join(scratch, 'restore.json.gz');
    await cp(second, restoreFrom);
    await ext.close();
    ext = await launchExtension();
    const fresh = await ext.context.newPage();
    await fresh.goto(`chrome-extension://${ext.extensionId}/library.html`);
    expect((await fresh.getByLabel('Import', { exact: true }).getAttribute('accept'))?.split(',')).toContain('.gz');
    await fresh.getByLabel('Import', { exact: true }).setInputFiles(restoreFrom);
    await expect.poll(() => fresh.locator('.data .success').textContent(), { timeout: 20_000 }).toMatch(new RegExp(`${papers} added`));
    expect(strip((await readLibrary(ext.context, ext.extensionId)).papers)).toEqual(strip(library.papers));

    // This profile never answered the suggestion: the popup makes it, once; dismissed, it is gone for good.
    const popupOf = async () => {
      const opened = await ext!.context.newPage();
      await opened.goto(`chrome-extension://${ext!.extensionId}/popup.html`);
      await opened.locator('.search input').first().waitFor();
      return opened;
    };
    const suggesting = await popupOf();
    const suggestion = suggesting.locator('.popup-suggest');
    await expect.poll(() => suggestion.textContent(), { timeout: 10_000 }).toBe('Keep a daily backup of your library in your downloads? Set up backups✕');
    expect(describeFindings(await axeViolations(suggesting, { include: ['.popup-suggest'] }))).toBe('');
    await screenshot(suggesting, 'popup-backups-suggestion');
    await suggestion.getByRole('button', { name: "Don't suggest backups again" }).click();
    await expect.poll(() => suggestion.count()).toBe(0);
    const again = await popupOf();
    await again.waitForTimeout(500);
    expect(await again.locator('.popup-suggest').count()).toBe(0);
  });
});
