/**
 * The popup's search over the whole library: the word index (restored from IndexedDB, not rebuilt, when
 * the popup opens), kept up to date from `updatedAt`, and the records Fuse ranks, read on demand and
 * cached for the life of the page.
 */
import type { PaperdexDB, SearchIndexRecord } from '../db/schema';
import type { PaperRecord } from '../paper';
import { rerankWithFuse } from './fuse-rerank';
import { searchPapers, searchPapersSync, type SearchOptions, type SearchOutcome } from './search-library';
import { SERIALIZED_VERSION, type SerializedWordIndex, WordIndex } from './word-index';

/** Papers read per step while building an index from scratch. */
const BUILD_PAGE = 2_000;

export interface LibraryIndexOptions {
  /** Called while a first build runs (papers indexed so far, total). */
  onBuildProgress?: (done: number, total: number) => void;
}

export class LibraryIndex {
  private readonly cache = new Map<string, PaperRecord>();
  private changedSinceSave = false;

  private constructor(
    private readonly db: PaperdexDB,
    private readonly index: WordIndex,
    private indexedThrough: number,
  ) {}

  /** Restores the stored index and catches up with what changed since; builds it when there is none. */
  static async open(db: PaperdexDB, options: LibraryIndexOptions = {}): Promise<LibraryIndex> {
    const stored = await db.searchIndex.get('words');
    let library: LibraryIndex | undefined;
    if (stored?.format === SERIALIZED_VERSION) {
      try {
        library = new LibraryIndex(db, WordIndex.restore(stored.data as SerializedWordIndex), stored.indexedThrough);
      } catch (error) {
        console.warn('[Paperdex] the stored search index is unreadable; rebuilding it', error);
      }
    }
    if (!library) {
      const built = await LibraryIndex.build(db, options.onBuildProgress);
      library = new LibraryIndex(db, built.index, built.indexedThrough);
      library.changedSinceSave = built.index.size > 0;
    }
    await library.refresh();
    library.warmUp();
    return library;
  }

  /**
   * A search and a Fuse ranking that read no record, so the popup's first keystroke does not pay for
   * compiling that code and allocating the search's scratch arrays (a cold first query took ~50 ms in
   * Chromium at 10k papers).
   */
  private warmUp(): void {
    searchPapersSync(this.index, () => [], 'warm up', { onError: () => undefined });
    const candidate = { id: '0', matchedWords: 1, literalWords: 1, score: 1, fields: 1 };
    rerankWithFuse(['warm'], [{ rank: { id: '0', title: 'warm up', authors: ['a b'], tags: ['c'] }, candidate }]);
  }

  get size(): number {
    return this.index.size;
  }

  /** Whether the index has changes not yet stored. */
  get unsaved(): boolean {
    return this.changedSinceSave;
  }

  /** Indexes every paper, reading the library a page at a time so memory stays bounded. */
  private static async build(
    db: PaperdexDB,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ index: WordIndex; indexedThrough: number }> {
    // Pages are read in separate transactions while captures may keep writing: a paper written during
    // the build can land behind the page cursor (its id sorts before it). So the index only claims what
    // was written before the build began; `refresh` then catches up with everything written since.
    const newest = await db.papers.orderBy('updatedAt').reverse().limit(1).keys();
    const indexedThrough = Number(newest[0] ?? 0);
    const total = await db.papers.count();
    const index = new WordIndex();
    let done = 0;
    let last: string | undefined;
    for (;;) {
      const page = await (last === undefined ? db.papers.orderBy('id') : db.papers.where('id').above(last))
        .limit(BUILD_PAGE)
        .toArray();
      if (!page.length) break;
      for (const record of page) index.add(record);
      done += page.length;
      last = page.at(-1)!.id;
      onProgress?.(done, total);
    }
    index.compact();
    return { index, indexedThrough };
  }

  /** Catches up with every paper written since the index last looked (captures, saves, tags elsewhere). */
  async refresh(): Promise<number> {
    const changed = await this.db.papers.where('updatedAt').above(this.indexedThrough).toArray();
    for (const record of changed) {
      this.index.update(record);
      if (this.cache.has(record.id)) this.cache.set(record.id, record);
      this.indexedThrough = Math.max(this.indexedThrough, record.updatedAt);
    }
    if (changed.length) this.changedSinceSave = true;
    return changed.length;
  }

  /** Stores the index so the next popup restores it instead of rebuilding. */
  async save(): Promise<void> {
    if (!this.changedSinceSave) return;
    const record: SearchIndexRecord = {
      key: 'words',
      format: SERIALIZED_VERSION,
      indexedThrough: this.indexedThrough,
      papers: this.index.size,
      data: this.index.serialize(),
    };
    this.changedSinceSave = false;
    try {
      await this.db.searchIndex.put(record);
    } catch (error) {
      this.changedSinceSave = true;
      throw error;
    }
  }

  /** Records for `ids`, from the cache or one bulkGet for the rest. */
  private lookup = async (ids: readonly string[]): Promise<(PaperRecord | undefined)[]> => {
    const missing = ids.filter((id) => !this.cache.has(id));
    if (missing.length) {
      const loaded = await this.db.papers.bulkGet(missing);
      loaded.forEach((record, at) => record && this.cache.set(missing[at]!, record));
    }
    return ids.map((id) => this.cache.get(id));
  };

  /** Ranked papers for a query (see `searchPapers`); never throws. */
  search(query: string, options: Omit<SearchOptions, 'onError'> = {}): Promise<SearchOutcome> {
    return searchPapers(this.index, this.lookup, query, options);
  }

  /** Puts records the caller already has (e.g. the recent list) in the cache. */
  remember(records: readonly PaperRecord[]): void {
    for (const record of records) this.cache.set(record.id, record);
  }
}
