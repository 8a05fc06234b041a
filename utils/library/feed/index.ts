/**
 * The change contract, Dexie-free part (the popup loads it): the one cursor type and its reader
 * (`cursor.ts`), the feed (`feed.ts`), the cache cursor registry's records (`cursor-registry.ts`), tag
 * counts in one order (`tag-counts.ts`) and the user's field rules (`user-changes.ts`). Writing through
 * Dexie is `write.ts` (not re-exported here, so importing this never loads Dexie).
 */
export * from './cursor';
export * from './cursor-registry';
export * from './feed';
export * from './tag-counts';
export * from './user-changes';
