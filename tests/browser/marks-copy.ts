/**
 * Helpers for the tests of the second copy of the user's marks (tests/browser/marks-copy.test.ts,
 * full-disk.test.ts): marking papers as the library page would, reading the copy, and losing the
 * database as Chromium's recovery does (its IndexedDB folder deleted while the browser is closed).
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { type ExtensionHandle, extensionWorker } from './harness';

export interface Marks {
  savedAt?: number;
  readAt?: number;
  tags?: string[];
  note?: string;
}

/**
 * Writes marks onto papers of the library from an extension page, by the change contract's rule (a
 * stamp past the old one) and announced on the change feed, as the library page's writes are.
 */
export async function markPapers(page: Page, marks: Record<string, Marks>): Promise<void> {
  await page.evaluate(async (marks) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('paperdex');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('papers', 'readwrite').objectStore('papers');
    const now = Date.now();
    await Promise.all(
      Object.entries(marks).map(
        ([id, change]) =>
          new Promise<void>((resolve, reject) => {
            const get = store.get(id);
            get.onsuccess = () => {
              const record = get.result as { updatedAt: number; tags: string[] };
              const put = store.put({ ...record, ...change, tags: change.tags ?? record.tags, updatedAt: Math.max(now, record.updatedAt + 1) });
              put.onsuccess = () => resolve();
              put.onerror = () => reject(put.error);
            };
            get.onerror = () => reject(get.error);
          }),
      ),
    );
    await new Promise((resolve) => (store.transaction.oncomplete = resolve));
    db.close();
    const feed = new BroadcastChannel('paperdex-library-feed');
    feed.postMessage({ kind: 'papers', ids: Object.keys(marks), user: true });
    feed.close();
  }, marks);
}

/** What the copy holds in storage.local (entries by paper id). */
export async function readMarksCopy(handle: ExtensionHandle): Promise<Record<string, Marks & { title: string }>> {
  const worker = extensionWorker(handle.context, handle.extensionId) ?? handle.serviceWorker;
  const all = await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(null));
  return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith('mark:')).map(([key, value]) => [key.slice(5), value as Marks & { title: string }]));
}

/** Deletes the extension's IndexedDB data from a closed profile: what Chromium's recovery of a broken database does. */
export function deleteExtensionDatabase(userDataDir: string, extensionId: string): string[] {
  const folder = path.join(userDataDir, 'Default', 'IndexedDB');
  const gone = readdirSync(folder).filter((name) => name.startsWith(`chrome-extension_${extensionId}_`));
  for (const name of gone) rmSync(path.join(folder, name), { recursive: true, force: true });
  return gone;
}
