/**
 * Asks the browser to keep the library's storage persistent (never evicted under storage pressure),
 * once per page, without a prompt of Paperdex's own. Firefox grants it to extensions holding
 * `unlimitedStorage`; Chromium decides from how the extension is used (and already exempts
 * unlimited-storage extensions from eviction), so a "no" is normal there and nothing to report.
 * Only pages can ask: `StorageManager.persist()` does not exist in workers.
 */
export async function requestPersistentStorage(storage: Pick<StorageManager, 'persisted' | 'persist'> | undefined = globalThis.navigator?.storage): Promise<boolean | undefined> {
  if (!storage?.persisted || !storage.persist) return undefined;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return undefined;
  }
}
