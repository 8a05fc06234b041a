/**
 * The popup's access to the library: a plain IndexedDB connection to the database the background
 * creates and upgrades with Dexie (`utils/library/schema.ts`: one object store per table, indexes named by
 * their key path), with only the reads the popup makes, and the storing of its search index. Dexie is
 * about half of the popup's JavaScript (29 kB gzipped of 61), so the popup does without it. The popup's
 * changes to papers are written by the background (`entrypoints/popup/write-paper.ts`).
 *
 * Changes made anywhere (the popup's own, written by the background, among them) arrive through the
 * change feed (`utils/library/feed/`), so every reader catches up the same way.
 */
import {
  CHANGE_STORES,
  type ChangeCursor,
  type Changes,
  changesSince,
  cursorRecord,
  done,
  onLibraryChange,
  postLibraryChange,
  readCursor,
  readTagCounts,
  stamped,
  type TagCount,
} from '../../library/feed';
import type { SearchIndexRecord } from '../../library/schema';
import type { PaperRecord } from '../../paper/record';
import type { IndexSource } from '../../search/index-source';

/** `DB_NAME` of `utils/library/schema.ts` (a module that loads Dexie, so not imported here). */
export const LIBRARY_DB_NAME = 'paperdex';
/**
 * The oldest schema the popup can read (`SCHEMA_VERSIONS` in `utils/library/schema.ts`): 3 added the
 * `readAt` index and the `removedPapers` tombstones; later versions only add or drop what the popup doesn't read.
 */
export const OLDEST_READABLE_VERSION = 3;

/** `IDBIndex.getAllRecords` (Chromium 141+; not in every browser, nor in TypeScript's DOM types yet). */
interface RecordsReader {
  getAllRecords(options: { query?: IDBKeyRange | null; count?: number; direction?: IDBCursorDirection }): IDBRequest<{ key: IDBValidKey; primaryKey: IDBValidKey; value: unknown }[]>;
}

export { done };

/** A transaction's end as a promise (rejected when it fails or is aborted). */
export const finished = (transaction: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    // A failed request's error (a full disk's QuotaExceededError) reaches `onerror` before the abort sets `transaction.error`.
    transaction.onerror = transaction.onabort = (event) =>
      reject((event.target as IDBRequest | null)?.error ?? transaction.error ?? new Error('IndexedDB transaction aborted'));
  });

/** Keys above `low` (any key when undefined). */
const above = (low: IDBValidKey | undefined) => (low === undefined ? undefined : IDBKeyRange.lowerBound(low, true));

/** The `limit` most recently seen papers, newest first. */
async function readRecent(transaction: IDBTransaction, limit: number): Promise<PaperRecord[]> {
  const found: PaperRecord[] = [];
  if (limit <= 0) return found;
  const index = transaction.objectStore('papers').index('lastSeenAt') as IDBIndex & Partial<RecordsReader>;
  // One request where the browser has `getAllRecords` (Chromium 141+), not one per paper: a cursor
  // costs a round trip per record, about 1 ms each under load.
  if (typeof index.getAllRecords === 'function') {
    const records = await done(index.getAllRecords({ direction: 'prev', count: limit }));
    return records.map((record) => record.value as PaperRecord);
  }
  const request = index.openCursor(null, 'prev');
  return new Promise((resolve, reject) => {
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(found);
      found.push(cursor.value as PaperRecord);
      if (found.length >= limit) resolve(found);
      else cursor.continue();
    };
  });
}

/**
 * Opens the library as it is, without creating or upgrading it (that is Dexie's job, in the
 * background). Undefined when there is no library yet, or one older than this popup knows.
 */
export function openLibraryConnection(name = LIBRARY_DB_NAME, factory: IDBFactory = indexedDB): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name);
    let created = false;
    request.onupgradeneeded = () => {
      // No library yet: leave it to Dexie to create, with its schema.
      created = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => {
      const db = request.result;
      // Dexie stores version n as IndexedDB version n × 10.
      if (db.version < OLDEST_READABLE_VERSION * 10) {
        db.close();
        resolve(undefined);
        return;
      }
      // A newer schema opened elsewhere (an update) must not wait for the popup to close
      // (`PlainLibraryDb` then reopens the library when next used).
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = (event) => {
      if (created) {
        event.preventDefault();
        resolve(undefined);
      } else reject(request.error);
    };
    request.onblocked = () => resolve(undefined);
  });
}

export class PlainLibraryDb implements IndexSource {
  private readonly stops = new Set<() => void>();
  /** The open connection; undefined once it closed (a schema upgrade elsewhere) until reopened. */
  private db: IDBDatabase | undefined;
  private reopening: Promise<IDBDatabase> | undefined;
  private closed = false;

  /**
   * `reopen`: how to open the library again after the connection closed for a schema upgrade made
   * elsewhere (the background's Dexie, after an update): the popup's next read or write waits for
   * the upgraded library instead of failing until the popup is reopened.
   */
  constructor(
    db: IDBDatabase,
    private readonly reopen: () => Promise<IDBDatabase | undefined> = () => openLibraryConnection(db.name),
  ) {
    this.adopt(db);
  }

  private adopt(db: IDBDatabase): void {
    this.db = db;
    const lost = () => {
      if (this.db === db) this.db = undefined;
    };
    // A newer schema opened elsewhere must not wait for the popup to close: let it through, and
    // reopen on the next use. (`onclose`: the browser closed it, e.g. the site's data was cleared.)
    db.onversionchange = () => {
      db.close();
      lost();
    };
    db.onclose = lost;
  }

  /** The connection, reopened when it was closed under the popup. */
  private connection(): IDBDatabase | Promise<IDBDatabase> {
    if (this.db) return this.db;
    if (this.closed) throw new Error('The library connection is closed');
    this.reopening ??= this.reopen().then(
      (db) => {
        this.reopening = undefined;
        if (!db) throw new Error('The library could not be opened again');
        if (this.closed) {
          db.close();
          throw new Error('The library connection is closed');
        }
        this.adopt(db);
        return db;
      },
      (error: unknown) => {
        this.reopening = undefined;
        throw error;
      },
    );
    return this.reopening;
  }

  private async transaction(stores: string | string[], mode: IDBTransactionMode): Promise<IDBTransaction> {
    const db = await this.connection();
    try {
      return db.transaction(stores, mode);
    } catch (error) {
      // Closed between its close and our hearing of it: once more, on a new connection.
      if (!(error instanceof DOMException && error.name === 'InvalidStateError')) throw error;
      if (this.db === db) this.db = undefined;
      return (await this.connection()).transaction(stores, mode);
    }
  }

  private read(stores: string | string[]): Promise<IDBTransaction> {
    return this.transaction(stores, 'readonly');
  }

  /** Calls `listener` after any change to the library (here or elsewhere: the change feed); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    const stop = onLibraryChange((change) => change.kind === 'papers' && listener());
    this.stops.add(stop);
    return () => {
      this.stops.delete(stop);
      stop();
    };
  }

  // --- IndexSource (LibraryIndex) ---

  async storedIndex(): Promise<SearchIndexRecord | undefined> {
    return done((await this.read('searchIndex')).objectStore('searchIndex').get('words'));
  }

  async storeIndex(record: SearchIndexRecord, cursor: ChangeCursor): Promise<void> {
    const transaction = await this.transaction('searchIndex', 'readwrite');
    const store = transaction.objectStore('searchIndex');
    store.put(record);
    store.put(cursorRecord('search-index', cursor));
    await finished(transaction);
  }

  /**
   * Read again after every change, so cheap on purpose: one key of each index. (`count()` walks
   * every record in Chromium, ~30 ms at 10k papers and ~150 at 50k: the popup takes its count from the
   * search index instead.)
   */
  async cursor(): Promise<ChangeCursor> {
    return readCursor(await this.read([...CHANGE_STORES]));
  }

  /**
   * The recent list and the cursor in one transaction: the list is that of the library at that cursor, so
   * the popup need not read it again when the cursor it reads apart comes back the same.
   */
  async recentAndCursor(limit: number): Promise<{ papers: PaperRecord[]; cursor: ChangeCursor }> {
    const transaction = await this.read([...CHANGE_STORES]);
    const [papers, cursor] = await Promise.all([readRecent(transaction, limit), readCursor(transaction)]);
    return { papers, cursor };
  }

  async countPapers(): Promise<number> {
    return done((await this.read('papers')).objectStore('papers').count());
  }

  async papersAfter(after: string | undefined, limit: number): Promise<PaperRecord[]> {
    return done((await this.read('papers')).objectStore('papers').getAll(above(after), limit));
  }

  async changesSince(cursor: ChangeCursor): Promise<Changes> {
    return changesSince(await this.read([...CHANGE_STORES]), cursor);
  }

  async presentIds(ids: readonly string[]): Promise<string[]> {
    const papers = (await this.read('papers')).objectStore('papers');
    const keys = await Promise.all(ids.map((id) => done(papers.getKey(id))));
    return ids.filter((_, at) => keys[at] !== undefined);
  }

  async getPapers(ids: readonly string[]): Promise<(PaperRecord | undefined)[]> {
    const papers = (await this.read('papers')).objectStore('papers');
    return Promise.all(ids.map((id) => done<PaperRecord | undefined>(papers.get(id))));
  }

  // --- The popup's lists ---

  /** The `limit` most recently seen papers, newest first. */
  async recent(limit: number): Promise<PaperRecord[]> {
    return readRecent(await this.read('papers'), limit);
  }

  /** Ids among `ids`, newest seen first, at most `limit`, walking the `lastSeenAt` index by key. */
  async recentAmong(ids: ReadonlySet<string>, limit: number): Promise<string[]> {
    const wanted: string[] = [];
    if (limit <= 0) return wanted;
    const request = (await this.read('papers')).objectStore('papers').index('lastSeenAt').openKeyCursor(null, 'prev');
    return new Promise((resolve, reject) => {
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) return resolve(wanted);
        const id = cursor.primaryKey as string;
        if (ids.has(id)) wanted.push(id);
        if (wanted.length >= limit) resolve(wanted);
        else cursor.continue();
      };
    });
  }

  /** Ids of the papers with any value above 0 in an index (`savedAt`, `readAt`). */
  async idsWith(index: 'savedAt' | 'readAt'): Promise<string[]> {
    return done((await this.read('papers')).objectStore('papers').index(index).getAllKeys(IDBKeyRange.lowerBound(0, true))) as Promise<string[]>;
  }

  async idsTagged(tag: string): Promise<string[]> {
    return done((await this.read('papers')).objectStore('papers').index('tags').getAllKeys(tag)) as Promise<string[]>;
  }

  async allIds(): Promise<string[]> {
    return done((await this.read('papers')).objectStore('papers').getAllKeys()) as Promise<string[]>;
  }

  /**
   * Whether captures wait in the queue (a worker stopped before merging them): only then does the popup
   * wake the background to merge them. True when the queue can't be read (the background then decides).
   */
  async hasPendingCaptures(): Promise<boolean> {
    try {
      return (await done((await this.read('pendingCaptures')).objectStore('pendingCaptures').getAllKeys(null, 1))).length > 0;
    } catch {
      return true;
    }
  }

  /** Every tag with how many papers carry it, in the one order (`utils/library/feed/tag-counts.ts`). */
  async tagCounts(): Promise<TagCount[]> {
    return readTagCounts(await this.read('papers'));
  }

  close(): void {
    for (const stop of this.stops) stop();
    this.stops.clear();
    this.closed = true;
    this.db?.close();
    this.db = undefined;
  }
}

/** What the popup uses of the library (`PlainLibraryDb`, or `NO_LIBRARY` before there is one). */
export type PopupLibrary = Pick<
  PlainLibraryDb,
  | 'onChange'
  | 'storedIndex'
  | 'storeIndex'
  | 'cursor'
  | 'countPapers'
  | 'papersAfter'
  | 'changesSince'
  | 'presentIds'
  | 'getPapers'
  | 'recent'
  | 'recentAndCursor'
  | 'recentAmong'
  | 'idsWith'
  | 'idsTagged'
  | 'allIds'
  | 'tagCounts'
>;

const nothing = <T>(value: T) => () => Promise.resolve(value);

/**
 * The library before the background has created it (the first seconds after installing): empty, so
 * the popup shows its first-run view; `start` swaps in the real one as soon as it can be opened.
 */
export const NO_LIBRARY: PopupLibrary = {
  onChange: () => () => {},
  storedIndex: nothing(undefined),
  storeIndex: nothing(undefined),
  cursor: nothing({ updatedThrough: 0, removedThrough: 0 }),
  countPapers: nothing(0),
  papersAfter: nothing([]),
  changesSince: (cursor) => Promise.resolve({ removed: [], updated: [], cursor }),
  presentIds: nothing([]),
  getPapers: nothing([]),
  recent: nothing([]),
  recentAndCursor: nothing({ papers: [], cursor: { updatedThrough: 0, removedThrough: 0 } }),
  recentAmong: nothing([]),
  idsWith: nothing([]),
  idsTagged: nothing([]),
  allIds: nothing([]),
  tagCounts: nothing([]),
};
