/**
 * Browser-test harness: the built extension in real (Debian) Chromium, driven by playwright-core.
 *
 *   const ext = await launchExtension();                     // .output/chrome-mv3, fresh profile
 *   const net = await serveFixtures(ext.context, { 'https://huggingface.co/papers': 'tests/fixtures/hf.html' });
 *   const page = await ext.context.newPage();
 *   await page.goto('https://huggingface.co/papers');       // served offline; everything else is aborted
 *   const lib = await waitForLibrary(ext.context, ext.extensionId, (l) => l.papers.length >= 20);
 *   await ext.close();
 *
 * The library is read with the raw IndexedDB API inside the extension's origin, never through the app's
 * Dexie code, so the tests check what was really stored.
 */
import { constants as fsConstants, readFileSync } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS_DIR = fileURLToPath(new URL('./.artifacts/', import.meta.url));
const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export type LibraryRow = Record<string, unknown>;

export interface Library {
  papers: LibraryRow[];
  problems: LibraryRow[];
}

export interface LaunchOptions {
  /** Unpacked extension folder, relative to the repo root or absolute. */
  extensionPath?: string;
  /** Defaults to $CHROMIUM_PATH, then /usr/bin/chromium. */
  executablePath?: string;
  headless?: boolean;
  /** How long to wait for the extension's service worker to register. */
  serviceWorkerTimeoutMs?: number;
  /** A profile folder of the test's own (kept on close, so it can be opened again); default: a fresh temporary one, deleted on close. */
  userDataDir?: string;
}

export interface ExtensionHandle {
  context: BrowserContext;
  extensionId: string;
  /** The service worker seen at launch. If Chromium stops it, use `extensionWorker(context, id)`. */
  serviceWorker: Worker;
  userDataDir: string;
  /** Closes Chromium and deletes the temporary profile (not one passed as `userDataDir`). Safe to call twice. */
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

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionHandle> {
  const extensionPath = path.resolve(REPO_ROOT, options.extensionPath ?? path.join(process.env.PAPERDEX_OUT_DIR ?? '.output', 'chrome-mv3'));
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;

  if (!(await exists(path.join(extensionPath, 'manifest.json')))) {
    throw new Error(
      `No built extension at ${extensionPath} (manifest.json missing). Run \`npx wxt build\` first ` +
        '(`npm run test:browser` builds before testing).',
    );
  }
  if (!(await exists(executablePath, fsConstants.X_OK))) {
    throw new Error(
      `Chromium not found or not executable at ${executablePath}. Install it ` +
        '(`apt-get install -y chromium` on Debian) or set CHROMIUM_PATH to a Chromium binary. ' +
        'Branded Google Chrome ≥137 ignores --load-extension and will not work.',
    );
  }

  const ownProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'paperdex-chromium-')));
  const removeProfile = () => (ownProfile ? rm(userDataDir, { recursive: true, force: true }) : Promise.resolve());
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      headless: options.headless ?? true,
      executablePath,
      args: [
        `--disable-extensions-except=${extensionPath}`,
        `--load-extension=${extensionPath}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--host-resolver-rules=MAP * ~NOTFOUND',
      ],
    });
  } catch (error) {
    await removeProfile();
    throw new Error(`Chromium failed to launch from ${executablePath}: ${String(error)}`);
  }

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
    await removeProfile();
  };

  try {
    const timeout = options.serviceWorkerTimeoutMs ?? 15_000;
    const isExtensionWorker = (w: Worker) => w.url().startsWith('chrome-extension://');
    const serviceWorker =
      context.serviceWorkers().find(isExtensionWorker) ??
      (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout }));
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, serviceWorker, userDataDir, close };
  } catch (error) {
    await close();
    throw new Error(
      `The extension at ${extensionPath} loaded no service worker (is a background entrypoint built?): ${String(error)}`,
    );
  }
}

/** The extension's live service worker, if Chromium has it running. */
export function extensionWorker(context: BrowserContext, extensionId: string): Worker | undefined {
  return context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
}

// ---------------------------------------------------------------------------------------------------
// Offline fixture serving

export interface AbortedRequest {
  url: string;
  resourceType: string;
}

export interface FixtureServer {
  /** URLs fulfilled from fixtures, in order. */
  served: string[];
  /** Every other http(s) request, aborted. */
  aborted: AbortedRequest[];
  /** Stops routing (later requests then fail in DNS through --host-resolver-rules). */
  stop(): Promise<void>;
}

function looksLikeHtml(value: string): boolean {
  return /^\s*</.test(value);
}

function withoutQuery(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/**
 * Serves `routes` (exact URL, or URL without its query string → fixture file path or inline HTML) for
 * every page in `context`, and aborts every other http(s) request. Files are read up front, so a
 * missing fixture fails here rather than as a blank page.
 */
/** One listing page of `tests/fixtures/<site>/index.json`: where it is served and what it shows. */
export interface FixturePage {
  file: string;
  url: string;
  expectedIds: string[];
  primaryCategories?: Record<string, string>;
}

export interface FixtureSet {
  entries: FixturePage[];
  /** URL → fixture file, for `serveFixtures`. */
  routes: Record<string, string>;
  /** The entry of one file; throws when there is none. */
  get(file: string): FixturePage;
}

/** The fixture pages of one site, as every browser test serves them. */
export function fixtureSet(site: 'hf' | 'arxiv'): FixtureSet {
  const dir = `tests/fixtures/${site}`;
  const entries = JSON.parse(readFileSync(path.join(REPO_ROOT, dir, 'index.json'), 'utf8')) as FixturePage[];
  return {
    entries,
    routes: Object.fromEntries(entries.map((entry) => [entry.url, `${dir}/${entry.file}`])),
    get(file) {
      const entry = entries.find((candidate) => candidate.file === file);
      if (!entry) throw new Error(`no ${site} fixture ${file}`);
      return entry;
    },
  };
}

export async function serveFixtures(
  context: BrowserContext,
  routes: Record<string, string>,
): Promise<FixtureServer> {
  const bodies = new Map<string, string>();
  for (const [url, source] of Object.entries(routes)) {
    const body = looksLikeHtml(source) ? source : await readFile(path.resolve(REPO_ROOT, source), 'utf8');
    bodies.set(url, body);
  }

  const served: string[] = [];
  const aborted: AbortedRequest[] = [];
  const pattern = /^https?:\/\//;
  const handler = async (route: Parameters<Parameters<BrowserContext['route']>[1]>[0]) => {
    const request = route.request();
    const url = request.url();
    const body = bodies.get(url) ?? bodies.get(withoutQuery(url));
    if (body !== undefined) {
      served.push(url);
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    } else {
      aborted.push({ url, resourceType: request.resourceType() });
      await route.abort('blockedbyclient');
    }
  };
  await context.route(pattern, handler);
  return { served, aborted, stop: () => context.unroute(pattern, handler) };
}

// ---------------------------------------------------------------------------------------------------
// Reading the library (raw IndexedDB in the extension's origin)

/** Runs in the extension origin; must be self-contained (it is serialised into the browser: Chromium here, Firefox in tests/firefox). */
export async function readPaperdexDb(): Promise<{ papers: Record<string, unknown>[]; problems: Record<string, unknown>[] }> {
  const empty = { papers: [], problems: [] };
  const known = await indexedDB.databases();
  if (!known.some((d) => d.name === 'paperdex')) return empty;

  const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
    const request = indexedDB.open('paperdex');
    // Never create or upgrade the app's database from a test read.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => (request.error?.name === 'AbortError' ? resolve(null) : reject(request.error));
    request.onblocked = () => reject(new Error('opening paperdex was blocked'));
  });
  if (!db) return empty;
  try {
    const readAll = (store: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        request.onerror = () => reject(request.error);
      });
    return { papers: await readAll('papers'), problems: await readAll('captureProblems') };
  } finally {
    db.close();
  }
}

/**
 * Reads every row of `papers` and `captureProblems` from the extension's `paperdex` database. Uses the
 * running service worker; if Chromium has stopped it, reads from a tab on the extension's origin
 * instead (same database). Returns empty lists when the database does not exist yet (and never
 * creates it).
 */
export async function readLibrary(context: BrowserContext, extensionId: string): Promise<Library> {
  const worker = extensionWorker(context, extensionId);
  if (worker) {
    try {
      return await worker.evaluate(readPaperdexDb);
    } catch (error) {
      // The worker may have been stopped between the lookup and the call; fall through to a page.
      if (extensionWorker(context, extensionId)) throw error;
    }
  }
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/manifest.json`);
    return await page.evaluate(readPaperdexDb);
  } finally {
    await page.close();
  }
}

function summarise(library: Library | undefined, error: unknown): string {
  if (!library) return `no successful read (${String(error)})`;
  const ids = library.papers.slice(0, 10).map((p) => String(p.id));
  const problems = library.problems.map((p) => `${String(p.key)}×${String(p.count)}`);
  return (
    `${library.papers.length} papers [${ids.join(', ')}${library.papers.length > 10 ? ', …' : ''}], ` +
    `${library.problems.length} capture problems [${problems.join(', ')}]` +
    (error ? `; last read error: ${String(error)}` : '')
  );
}

/** Polls `readLibrary` until `predicate` holds and returns that state; throws with a summary on timeout. */
export async function waitForLibrary(
  context: BrowserContext,
  extensionId: string,
  predicate: (library: Library) => boolean,
  timeoutMs = 15_000,
  intervalMs = 200,
): Promise<Library> {
  const deadline = Date.now() + timeoutMs;
  let last: Library | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await readLibrary(context, extensionId);
      lastError = undefined;
      if (predicate(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`waitForLibrary: condition not met within ${timeoutMs} ms; last state: ${summarise(last, lastError)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------------------
// Page helpers

/** The IndexedDB databases of the page's own origin (should stay empty on huggingface.co). */
export async function pageOriginDatabases(page: Page): Promise<IDBDatabaseInfo[]> {
  return page.evaluate(() => indexedDB.databases());
}

/** Saves a full-page PNG to tests/browser/.artifacts/<name>.png (gitignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** HF's weekly listing as its router renders it client-side after the daily one (tests/fixtures/hf). */
export interface HfSpaFragment {
  url: string;
  expectedIds: string[];
  props: unknown;
  cardsHtml: string;
}
export const hfSpaFragment: HfSpaFragment = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tests/fixtures/hf/weekly-spa-fragment.json'), 'utf8'));

/** What HF's router does on a tab switch: the URL changes first, the island and its cards re-render a moment later. */
export async function switchHfListing(page: Page, fragment: HfSpaFragment = hfSpaFragment): Promise<void> {
  await page.evaluate(
    async ({ url, props, cardsHtml }) => {
      history.pushState({}, '', url);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const island = document.querySelector('[data-target="DailyPapers"]')!;
      island.setAttribute('data-props', JSON.stringify(props));
      island.querySelector('article')!.parentElement!.innerHTML = cardsHtml;
    },
    { url: fragment.url, props: fragment.props, cardsHtml: fragment.cardsHtml },
  );
}

