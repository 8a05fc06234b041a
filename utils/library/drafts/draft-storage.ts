/**
 * Where typed text waits until it is stored (note and tag drafts): the extension's own `localStorage`,
 * which is synchronous, so a write made as a page closes is not cut off.
 */

/** The extension's `localStorage`; undefined where storage is disabled. */
export function draftStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Every draft under `prefix`: `read` makes one from its id and stored text, or says it is unusable
 * (undefined), and then its entry is removed. Disabled storage: none.
 */
export function readDrafts<T>(store: Storage | undefined, prefix: string, read: (id: string, raw: string | null) => T | undefined): T[] {
  const drafts: T[] = [];
  if (!store) return drafts;
  try {
    const keys = Array.from({ length: store.length }, (_, at) => store.key(at)).filter((key): key is string => !!key?.startsWith(prefix));
    for (const key of keys) {
      const draft = read(key.slice(prefix.length), store.getItem(key));
      if (draft) drafts.push(draft);
      else store.removeItem(key);
    }
  } catch {
    // Disabled storage: no drafts.
  }
  return drafts;
}
