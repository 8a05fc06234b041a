/**
 * Tag counts, in one order everywhere (popup, library page, card autocomplete): most used first, ties
 * in the tags index's own order (code units, as IndexedDB orders keys), so no two views order tied tags
 * differently and no locale changes it.
 */
export interface TagCount {
  tag: string;
  count: number;
}

/** `counts` ordered: most used first, ties by tag in code-unit order. */
export function orderedTagCounts(counts: ReadonlyMap<string, number>): TagCount[] {
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/** Counts the tags of `tagLists` (rows in memory). */
export function countTags(tagLists: Iterable<readonly string[]>): TagCount[] {
  const counts = new Map<string, number>();
  for (const tags of tagLists) for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return orderedTagCounts(counts);
}

/**
 * Every tag of the library with how many papers carry it, from the `tags` index alone (`transaction`
 * covers `papers`): one cursor step per distinct tag, then the index counts each tag's entries itself.
 * Walking every entry instead (one step per tagged paper and tag) held the popup's read transaction, and
 * with it any write to `papers`, for seconds at 50k papers with half of them tagged (tests/bench/popup-ab.ts,
 * "Save → stored").
 */
export async function readTagCounts(transaction: IDBTransaction): Promise<TagCount[]> {
  const index = transaction.objectStore('papers').index('tags');
  const keys: IDBValidKey[] = [];
  const request = index.openKeyCursor(null, 'nextunique');
  await new Promise<void>((resolve, reject) => {
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      keys.push(cursor.key);
      cursor.continue();
    };
  });
  const counts = await Promise.all(
    keys.map(
      (key) =>
        new Promise<number>((resolve, reject) => {
          const count = index.count(IDBKeyRange.only(key));
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        }),
    ),
  );
  return orderedTagCounts(new Map(keys.map((key, at) => [String(key), counts[at]!])));
}
