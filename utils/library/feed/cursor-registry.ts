/**
 * Caches of the library (the stored search index, the library page's row snapshot) register how far
 * they have followed the change feed, each time they store themselves, in the same transaction: a
 * tombstone past the oldest registered `removedThrough` is one a cache has not applied yet, so clean-up
 * (`oldestRegisteredCursor` in `write.ts`) keeps it, without knowing how any cache stores itself.
 * A record per cache in the `searchIndex` table (key `cursor:<cache>`), so registering is one put.
 */
import type { SearchIndexRecord } from '../schema';
import type { ChangeCursor } from './cursor';

/** The caches that follow the feed and are stored (the omnibox uses the stored search index; the marks copy and sync are in storage.local). */
export type CacheName = 'search-index' | 'library-rows' | 'marks-copy' | 'sync';

export const CURSOR_KEY_PREFIX = 'cursor:';
const REGISTRY_FORMAT = 1;

/** The record that registers `cache` as caught up through `cursor`. */
export function cursorRecord(cache: CacheName, cursor: ChangeCursor): SearchIndexRecord {
  return { key: `${CURSOR_KEY_PREFIX}${cache}`, format: REGISTRY_FORMAT, indexedThrough: cursor.updatedThrough, papers: 0, data: { removedThrough: cursor.removedThrough } };
}

/** The cursor a registry record holds, or undefined for anything else. */
export function registeredCursor(record: SearchIndexRecord): ChangeCursor | undefined {
  if (!record.key.startsWith(CURSOR_KEY_PREFIX) || record.format !== REGISTRY_FORMAT) return undefined;
  const removedThrough = (record.data as { removedThrough?: unknown } | undefined)?.removedThrough;
  return typeof removedThrough === 'number' ? { updatedThrough: record.indexedThrough, removedThrough } : undefined;
}
