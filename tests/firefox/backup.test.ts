/**
 * Automatic backups in Firefox: the background-page path (WXT builds MV2 for Firefox, whose background
 * page makes the Blob URL itself; no offscreen document). A backup is written into the `Paperdex/` folder
 * of the downloads, is the library when decompressed, and is recorded as the last good backup.
 *
 * As in the Chromium test (tests/browser/backup.test.ts), `downloads` is granted at install by a copy of
 * the build whose manifest lists it as required (no one can answer the permission prompt here); backups
 * are then turned on and asked for through `storage.local`, as Settings does after the grant (Firefox
 * refuses `permissions.request` for a permission not listed as optional, so the switch itself is tested
 * in Chromium).
 */
import { gunzipSync } from 'node:zlib';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { copyWithDownloadsGranted } from '../browser/grant-downloads';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSet } from '../browser/harness';
import { FIREFOX_BUILD, type FirefoxHandle, launchFirefox, openExtensionPage, readLibrary, serveFixtures, waitForLibrary } from './harness';

const hf = fixtureSet('hf');
let ff: FirefoxHandle | undefined;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'paperdex-firefox-backup-'));
  const copy = await copyWithDownloadsGranted(FIREFOX_BUILD, path.join(scratch, 'extension'));
  ff = await launchFirefox({ extensionPath: copy });
});
afterAll(async () => {
  await ff?.close();
  await rm(scratch, { recursive: true, force: true });
});

async function poll<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('automatic backups (Firefox: background page)', () => {
  it('a backup is written to Downloads/Paperdex, decompresses to the library, and is recorded', async () => {
    const handle = ff!;
    const entry = hf.entries[0]!;
    const page = await handle.browser.newPage();
    await serveFixtures(page, hf.routes);
    await page.goto(entry.url);
    const library = await waitForLibrary(handle, (lib) => entry.expectedIds.every((id) => lib.papers.some((paper) => paper.id === id)));
    await page.close();

    const settings = await openExtensionPage(handle, 'library.html');
    await settings.evaluate(async () => {
      const local = (globalThis as unknown as { browser: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } } }).browser.storage.local;
      await local.set({ 'paperdex:backup-settings': { enabled: true, suggestionDone: true } });
      await local.set({ 'paperdex:backup-request': Date.now() });
    });
    // (As JSON: an object from the extension's storage does not cross BiDi's serialisation.)
    type Status = { lastGood?: { name: string; path: string; papers: number; bytes: number }; lastFailure?: { reason: string } } | undefined;
    const status = async () =>
      JSON.parse(
        await settings.evaluate(async () => {
          const local = (globalThis as unknown as { browser: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).browser.storage.local;
          return JSON.stringify((await local.get('paperdex:backup-status'))['paperdex:backup-status'] ?? null);
        }),
      ) as Status | null;
    const recorded = await poll(async () => {
      const now = await status();
      if (now?.lastFailure) throw new Error(`the backup failed: ${now.lastFailure.reason}`);
      return now?.lastGood;
    }, 'the recorded backup');
    expect(recorded.name).toMatch(/^Paperdex\/paperdex-backup-\d{4}-\d{2}-\d{2}\.json\.gz$/);
    expect(recorded.path).toBe(path.join(handle.downloadDir, recorded.name));
    const files = await readdir(path.join(handle.downloadDir, 'Paperdex'));
    expect(files).toEqual([path.basename(recorded.name)]);
    const bytes = await readFile(recorded.path);
    expect(bytes.length).toBe(recorded.bytes);
    const json = JSON.parse(gunzipSync(bytes).toString('utf8')) as { format: string; count: number; papers: { id: string }[] };
    const stored = await readLibrary(handle);
    expect(json).toMatchObject({ format: 'paperdex-library', count: stored.papers.length });
    expect(recorded.papers).toBe(stored.papers.length);
    expect(json.papers.map((paper) => paper.id).sort()).toEqual(stored.papers.map((paper) => String(paper.id)).sort());
    expect(stored.papers.length).toBeGreaterThanOrEqual(library.papers.length);
  });
});
