import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionHandle,
  launchExtension,
  pageOriginDatabases,
  readLibrary,
  screenshot,
  serveFixtures,
} from './harness';

/** The manifest fields this test checks (the worker's `chrome` global has no types in Node). */
interface ManifestSubset {
  name: string;
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> };
  omnibox?: { keyword: string };
  commands?: Record<string, { suggested_key?: { default?: string } }>;
}

const HF_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Daily Papers - Hugging Face</title></head>
<body><main><h1 id="smoke">Daily Papers (offline fixture)</h1></main></body></html>`;

describe('built extension in Chromium', () => {
  let ext: ExtensionHandle;

  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('starts its service worker under a chrome-extension:// id', () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ext.serviceWorker.url()).toBe(`chrome-extension://${ext.extensionId}/background.js`);
  });

  it('has the expected MV3 manifest and asks for no more than it needs', async () => {
    const manifest = await ext.serviceWorker.evaluate(
      () =>
        (globalThis as unknown as { chrome: { runtime: { getManifest(): ManifestSubset } } }).chrome.runtime.getManifest(),
    );
    expect(manifest.name).toBe('Paperdex');
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.host_permissions ?? []).toEqual([]);
    // contextMenus: "Save to Paperdex" on paper links (issue 4); alarms and offscreen: automatic backups
    // (issue 19), neither with an install warning.
    expect(manifest.permissions).toEqual(['unlimitedStorage', 'contextMenus', 'storage', 'alarms', 'offscreen']);
    expect(manifest.omnibox).toEqual({ keyword: 'pd' });
    // The toolbar shortcut opens the popup.
    expect(manifest.commands?._execute_action?.suggested_key?.default).toBe('Alt+Shift+P');
    // downloads only when the user turns automatic backups on.
    expect(manifest.optional_permissions).toEqual(['downloads']);
    expect(manifest).not.toHaveProperty('optional_host_permissions');
    expect(Object.keys(manifest.icons ?? {})).toEqual(['16', '32', '48', '128']);
    expect(manifest.action?.default_icon).toBeDefined();
    for (const script of manifest.content_scripts ?? []) {
      // HF papers pages, and arXiv's listing (list, catch-up), abstract and search pages: nothing broader.
      for (const match of script.matches ?? []) {
        expect(match).toMatch(/^https:\/\/(?:huggingface\.co\/papers|arxiv\.org\/(?:list|catchup|abs|search)\/\*$)/);
      }
    }
  });

  it('serves a Hugging Face page offline, and the page origin gets no database', async () => {
    const net = await serveFixtures(ext.context, { 'https://huggingface.co/papers': HF_PAGE });
    const page = await ext.context.newPage();
    try {
      const response = await page.goto('https://huggingface.co/papers?date=2026-11-20');
      expect(response?.status()).toBe(200);
      expect(await page.textContent('#smoke')).toBe('Daily Papers (offline fixture)');
      expect(net.served).toEqual(['https://huggingface.co/papers?date=2026-11-20']);

      // Anything not routed is aborted, never sent.
      const failed = await page.evaluate(() =>
        fetch('https://huggingface.co/api/papers').then(
          () => 'fetched',
          () => 'failed',
        ),
      );
      expect(failed).toBe('failed');
      expect(net.aborted.map((r) => r.url)).toContain('https://huggingface.co/api/papers');

      // Give a content script time to run, then check nothing landed in the page's own origin.
      await page.waitForTimeout(500);
      expect(await pageOriginDatabases(page)).toEqual([]);
      await screenshot(page, 'smoke-hf-page');
    } finally {
      await page.close();
      await net.stop();
    }
  });

  it('reads the library with raw IndexedDB without creating it', async () => {
    const library = await readLibrary(ext.context, ext.extensionId);
    expect(Array.isArray(library.papers)).toBe(true);
    expect(Array.isArray(library.problems)).toBe(true);
  });
});
