/**
 * A full disk, for real: the profile lives on a small tmpfs, the disk is filled until the file system
 * refuses writes, a listing is captured, then space is freed and the profile opened again. Chromium's
 * IndexedDB recovery deletes a database whose write failed mid-way (issue 16: every paper gone), so
 * Paperdex must not be the writer that meets the full disk: it pauses capture, says so (badge, popup),
 * and resumes by itself once there is room. And should the browser delete the database all the same
 * (another program can fill the disk to the last byte), the user's marks come back from their copy in
 * storage.local (utils/library/marks-copy/).
 *
 * Needs root (mount). Without it the test is skipped with a warning, except in CI (`CI` or
 * `PAPERDEX_REQUIRE_TMPFS` set; `.ci/run` sets the latter), where it fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type ExtensionHandle, extensionWorker, fixtureSet, launchExtension, type Library, readLibrary, serveFixtures, waitForLibrary } from './harness';
import { deleteExtensionDatabase, readMarksCopy } from './marks-copy';

/** Room for a fresh Chromium profile (~10 MB) plus Paperdex's floor of free space (64 MiB) and its margin. */
const DISK_SIZE = '128m';

const disk = mkdtempSync(path.join(os.tmpdir(), 'paperdex-full-disk-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_SIZE}`, 'tmpfs', disk], { stdio: 'pipe' });
  mounted = true;
} catch (error) {
  rmSync(disk, { recursive: true, force: true });
  if (process.env.CI || process.env.PAPERDEX_REQUIRE_TMPFS) throw new Error(`full-disk test: could not mount a tmpfs (CI runs as root): ${String(error)}`);
  console.warn(`\n⚠ full-disk test SKIPPED: mounting a tmpfs needs root (${String(error).split('\n')[0]}). CI runs it.\n`);
}

const profile = path.join(disk, 'profile');
const hf = fixtureSet('hf');
let ext: ExtensionHandle | undefined;

afterAll(async () => {
  await ext?.close();
  if (!mounted) return;
  spawnSync('umount', [disk]);
  rmSync(disk, { recursive: true, force: true });
});

const freeBytes = () => {
  const stats = statfsSync(disk);
  return stats.bavail * stats.bsize;
};

/** Fills the disk: one big file, then a second written until the file system says no space is left. */
function fillDisk(): void {
  execFileSync('fallocate', ['-l', String(Math.max(0, freeBytes() - 512 * 1024)), path.join(disk, 'fill-1')]);
  spawnSync('dd', ['if=/dev/zero', `of=${path.join(disk, 'fill-2')}`, 'bs=4096'], { stdio: 'pipe' });
}
function freeDisk(): void {
  rmSync(path.join(disk, 'fill-1'), { force: true });
  rmSync(path.join(disk, 'fill-2'), { force: true });
}

async function launch(): Promise<ExtensionHandle> {
  const handle = await launchExtension({ userDataDir: profile });
  await serveFixtures(handle.context, hf.routes);
  return handle;
}

async function visit(context: BrowserContext, file: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(hf.get(file).url);
}

/** The toolbar badge text and title, as the browser shows them. */
async function badge(handle: ExtensionHandle): Promise<{ text: string; title: string }> {
  const worker = extensionWorker(handle.context, handle.extensionId) ?? handle.serviceWorker;
  return worker.evaluate(async () => {
    const { action } = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> } } }).chrome;
    return { text: await action.getBadgeText({}), title: await action.getTitle({}) };
  });
}

/** `read()` once it returns `expected`, or its last value after `timeoutMs`. */
async function settle<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value === expected || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The popup's storage notice ('' when it shows none). */
async function popupNotice(handle: ExtensionHandle): Promise<string> {
  const page = await handle.context.newPage();
  try {
    await page.goto(`chrome-extension://${handle.extensionId}/popup.html`);
    await page.getByRole('searchbox', { name: 'Search papers' }).waitFor();
    const notice = page.locator('.storage-notice');
    await notice.waitFor({ timeout: 5_000 }).catch(() => undefined);
    return (await notice.count()) ? await notice.innerText() : '';
  } finally {
    await page.close();
  }
}

/** The notice as the user sees it: the popup and the library page, light and dark, 1280 and 800 px wide. */
async function noticeScreenshots(handle: ExtensionHandle): Promise<void> {
  const page = await handle.context.newPage();
  try {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 400, height: 600 });
      await page.goto(`chrome-extension://${handle.extensionId}/popup.html`);
      await page.locator('.storage-notice').waitFor({ timeout: 5_000 });
      await page.screenshot({ path: `tests/browser/.artifacts/full-disk-popup-${scheme}.png` });
      for (const width of [1280, 800]) {
        await page.setViewportSize({ width, height: 700 });
        await page.goto(`chrome-extension://${handle.extensionId}/library.html`);
        await page.locator('.storage-notice').waitFor({ timeout: 5_000 });
        await page.screenshot({ path: `tests/browser/.artifacts/full-disk-library-${scheme}-${width}.png` });
      }
    }
  } finally {
    await page.close();
  }
}

const ids = (library: Library) => new Set(library.papers.map((paper) => paper.id as string));

describe.skipIf(!mounted)('a full disk', () => {
  it('pauses capture and says so, keeps every paper, resumes once space is back, and restores the marks if the database is deleted all the same', async () => {
    ext = await launch();
    await visit(ext.context, 'daily-100.html');
    await visit(ext.context, 'daily.html');
    const before = await waitForLibrary(ext.context, ext.extensionId, (library) => library.papers.length >= 130);
    // A decision of the user's: saved in the popup.
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    const save = popup.getByRole('list', { name: 'Papers' }).getByRole('button', { name: /^Save/ }).first();
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
    await popup.close();
    const marked = await waitForLibrary(ext.context, ext.extensionId, (library) => library.papers.some((paper) => paper.savedAt !== undefined));
    const savedId = marked.papers.find((paper) => paper.savedAt !== undefined)!.id as string;

    fillDisk();
    expect(freeBytes()).toBeLessThan(64 * 1024);
    // A listing of papers not in the library yet, shown on the full disk.
    await visit(ext.context, 'monthly.html');
    // (The month's listing also shows the day's papers, already in the library.)
    const monthly = hf.get('monthly.html').expectedIds.filter((id) => !ids(before).has(id));
    // The user is told: the badge, with a title that says why, and the popup's notice.
    // (Soft: the rest still runs, so a failure here also shows whether the library survived.)
    expect.soft(await settle(async () => (await badge(ext!)).text, '!')).toBe('!');
    expect.soft((await badge(ext)).title).toMatch(/disk is (almost )?full/i);
    expect.soft(await popupNotice(ext)).toMatch(/paused.*disk is (almost )?full/is);
    await noticeScreenshots(ext);

    await ext.close();
    freeDisk();
    ext = await launch();
    // Every paper from before is there, and the user's save with it.
    const after = await readLibrary(ext.context, ext.extensionId);
    expect([...ids(before)].filter((id) => !ids(after).has(id))).toEqual([]);
    expect(after.papers.find((paper) => paper.id === savedId)?.savedAt).toBeTypeOf('number');
    // Nothing was written on the full disk: the listing shown then is not in the library.
    expect(monthly.filter((id) => ids(after).has(id))).toEqual([]);
    // With room again capture resumes by itself, and the notice is gone.
    await visit(ext.context, 'monthly.html');
    await waitForLibrary(ext.context, ext.extensionId, (library) => monthly.every((id) => ids(library).has(id)));
    expect((await badge(ext)).text).toBe('');
    expect(await popupNotice(ext)).toBe('');

    // Chromium's recovery, as reproduced on a full disk (the database folder gone when the browser
    // starts): the save comes back from the copy of the marks, with the paper's title.
    expect(Object.keys(await readMarksCopy(ext))).toEqual([savedId]);
    await ext.close();
    expect(deleteExtensionDatabase(profile, ext.extensionId).length).toBeGreaterThan(0);
    ext = await launch();
    const restored = await waitForLibrary(ext.context, ext.extensionId, (library) => library.papers.some((paper) => paper.id === savedId));
    const saved = marked.papers.find((paper) => paper.id === savedId)!;
    expect(restored.papers.map((paper) => paper.id)).toEqual([savedId]);
    expect(restored.papers[0]).toMatchObject({ savedAt: saved.savedAt, title: saved.title });
  });
});
