/**
 * Firefox harness: the Firefox build (.output/firefox-mv2) in Debian's firefox-esr, driven by puppeteer-core
 * over WebDriver BiDi (Playwright's Firefox is a patched build that cannot load a real Firefox's extensions).
 *
 *   const ff = await launchFirefox();                        // fresh profile, extension installed
 *   const page = await ff.browser.newPage();
 *   await serveFixtures(page, fixtureSet('hf').routes);      // offline; everything else is aborted
 *   await page.goto('https://huggingface.co/papers/date/2026-03-11');
 *   const lib = await waitForLibrary(ff, (l) => l.papers.length >= 20);
 *   const popup = await openExtensionPage(ff, 'popup.html');
 *   await ff.close();
 *
 * The library is read with the same raw-IndexedDB function as the Chromium harness, from a page on the
 * extension's origin.
 */
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { type Library, readPaperdexDb } from '../browser/harness';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Beside the Chromium tests' screenshots (gitignored), named firefox-<name>.png. */
const ARTIFACTS_DIR = fileURLToPath(new URL('../browser/.artifacts/', import.meta.url));
const DEFAULT_FIREFOX = '/usr/bin/firefox-esr';
/** The gecko id in wxt.config.ts. */
const EXTENSION_ID = 'paperdex@paperdex.app';
/**
 * Firefox gives each installed extension a random internal UUID (its moz-extension:// host); this pref,
 * read at install time, pins it so the tests know the popup's and library's URLs.
 */
const EXTENSION_UUID = '6b7c1e52-3f7a-4a7e-9d2c-1a2b3c4d5e6f';

export interface FirefoxHandle {
  browser: Browser;
  /** moz-extension://<uuid> */
  origin: string;
  /** Where Firefox saves downloads (a fresh temporary folder). */
  downloadDir: string;
  /** Closes Firefox and deletes its temporary profile and download folder. Safe to call twice. */
  close(): Promise<void>;
}

async function exists(file: string, mode = fsConstants.F_OK): Promise<boolean> {
  try {
    await access(file, mode);
    return true;
  } catch {
    return false;
  }
}

/** The Firefox build's folder. */
export const FIREFOX_BUILD = path.resolve(REPO_ROOT, process.env.PAPERDEX_OUT_DIR ?? '.output', 'firefox-mv2');

/** `extensionPath`: another build folder (a test's modified copy); default the Firefox build. */
export async function launchFirefox({ extensionPath = FIREFOX_BUILD }: { extensionPath?: string } = {}): Promise<FirefoxHandle> {
  const executablePath = process.env.FIREFOX_PATH ?? DEFAULT_FIREFOX;
  if (!(await exists(path.join(extensionPath, 'manifest.json')))) {
    throw new Error(`No Firefox build at ${extensionPath}. Run \`npx wxt build -b firefox\` first (\`npm run test:firefox\` builds before testing).`);
  }
  if (!(await exists(executablePath, fsConstants.X_OK))) {
    throw new Error(`Firefox not found at ${executablePath}. Install it (\`apt-get install -y firefox-esr\` on Debian) or set FIREFOX_PATH.`);
  }
  const downloadDir = await mkdtemp(path.join(os.tmpdir(), 'paperdex-firefox-downloads-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath,
      headless: true,
      // Without it, WebDriver BiDi refuses to navigate a tab to a moz-extension:// page.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [EXTENSION_ID]: EXTENSION_UUID }),
        // Downloads saved without asking, into downloadDir.
        'browser.download.folderList': 2,
        'browser.download.dir': downloadDir,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
      },
    });
  } catch (error) {
    await rm(downloadDir, { recursive: true, force: true });
    throw new Error(`Firefox failed to launch from ${executablePath}: ${String(error)}`);
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close().catch(() => {});
    await rm(downloadDir, { recursive: true, force: true });
  };
  try {
    const installed = await browser.installExtension(extensionPath);
    if (installed !== EXTENSION_ID) throw new Error(`installed as ${installed}, expected ${EXTENSION_ID}`);
  } catch (error) {
    await close();
    throw new Error(`Firefox did not install the extension at ${extensionPath}: ${String(error)}`);
  }
  return { browser, origin: `moz-extension://${EXTENSION_UUID}`, downloadDir, close };
}

/**
 * Opens an extension page (e.g. 'popup.html') in a new tab. Firefox loads it, but puppeteer's goto never
 * sees the navigation of a moz-extension:// page complete, so this polls for the loaded document instead
 * (each poll on its own: one that lands while the document is being replaced fails and is retried).
 */
export async function openExtensionPage(ff: FirefoxHandle, file: string, timeoutMs = 15_000): Promise<Page> {
  const page = await ff.browser.newPage();
  const url = `${ff.origin}/${file}`;
  void page.goto(url, { timeout: timeoutMs }).catch(() => {});
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      last = await page.evaluate(() => `${location.href} ${document.readyState}`);
      if (last === `${url} complete`) return page;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() >= deadline) {
      await page.close().catch(() => {});
      throw new Error(`${url} did not load within ${timeoutMs} ms (last: ${last})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Serves `routes` (URL, or URL without its query → fixture file) to `page` and aborts every other http(s)
 * request. Files are read up front, so a missing fixture fails here rather than as a blank page.
 */
export async function serveFixtures(page: Page, routes: Record<string, string>): Promise<{ served: string[]; aborted: string[] }> {
  const bodies = new Map<string, string>();
  for (const [url, file] of Object.entries(routes)) bodies.set(url, await readFile(path.resolve(REPO_ROOT, file), 'utf8'));
  const served: string[] = [];
  const aborted: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = request.url();
    if (!/^https?:\/\//.test(url)) return void request.continue();
    const { origin, pathname } = new URL(url);
    const body = bodies.get(url) ?? bodies.get(`${origin}${pathname}`);
    if (body === undefined) {
      aborted.push(url);
      return void request.abort('blockedbyclient');
    }
    served.push(url);
    return void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  return { served, aborted };
}

/** Every row of `papers` and `captureProblems`, read with raw IndexedDB in a tab on the extension's origin. */
export async function readLibrary(ff: FirefoxHandle): Promise<Library> {
  const page = await openExtensionPage(ff, 'manifest.json');
  try {
    return await page.evaluate(readPaperdexDb);
  } finally {
    await page.close();
  }
}

/** Polls `readLibrary` until `predicate` holds and returns that state; throws with a summary on timeout. */
export async function waitForLibrary(ff: FirefoxHandle, predicate: (library: Library) => boolean, timeoutMs = 20_000): Promise<Library> {
  const deadline = Date.now() + timeoutMs;
  let last: Library | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await readLibrary(ff);
      lastError = undefined;
      if (predicate(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const state = last ? `${last.papers.length} papers, ${last.problems.length} capture problems` : `no read (${String(lastError)})`;
      throw new Error(`waitForLibrary: condition not met within ${timeoutMs} ms; last state: ${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Saves a full-page PNG to tests/browser/.artifacts/firefox-<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `firefox-${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file as `${string}.png`, fullPage: true });
  return file;
}
