/**
 * The library page's copy of every paper as a light row (`rows.ts`), loaded and kept live:
 * 1. `loadFirstScreen`: the most recently seen papers, by the `lastSeenAt` index (a few dozen records),
 *    so the table paints at once whatever the library's size;
 * 2. `loadAll`: every paper. From the stored row snapshot (`row-snapshot.ts`) when there is one, a
 *    chunk per task, then caught up (3.) and checked against the library's ids (a paper deleted while
 *    its tombstone was pruned, or added behind the cursors, is mended). Without a snapshot, every
 *    record a chunk at a time in `id` order (abstracts included: slow at 50k), and the snapshot is
 *    written afterwards (`saveSnapshot`);
 * 3. `catchUp`: after any write anywhere (a capture, the popup, this page), only what changed: papers
 *    whose `updatedAt` is past the last one seen, and tombstones (`removedPapers`) past the last one.
 *
 * `version` grows on every change; `sorted` keeps each sort order per version.
 */
import { backendTransaction } from '../../library/feed/backend';
import { type ChangeCursor, changesSince, readCursor } from '../../library/feed/cursor';
import type { PaperdexDB } from '../../library/schema';
import type { PaperRecord } from '../../paper/record';
import { cachesMayWrite } from '../../library/storage/storage-health';
import { readRowCacheChunk, readRowCacheHead, writeRowCache } from './row-cache-chunks';
import { type TableRow, toTableRow } from './table-rows';
import { countTags, DEFAULT_SORT, type LibrarySort, sortRows } from './sort-filter';

export const FIRST_SCREEN = 60;
/** Records per read while loading: small enough that a chunk's work stays well under a frame budget. */
const CHUNK = 500;
/** Ids read per step while checking a restored snapshot against the library. */
const ID_CHUNK = 10_000;
/**
 * A snapshot further behind than this many changed papers is not used: catching up reads the changed
 * records in one go, and a full load in chunks is kinder to the page then.
 */
const CATCH_UP_LIMIT = 2_000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class RowCache {
  readonly rows = new Map<string, TableRow>();
  version = 0;
  /** Every paper has been loaded once. */
  complete = false;
  /** How far the rows have followed the change feed. */
  private cursor: ChangeCursor = { updatedThrough: -1, removedThrough: -1 };
  /** Tombstone times seen, so a chunk read before a delete can't bring the paper back. */
  private readonly removedAt = new Map<string, number>();
  private catching: Promise<boolean> | undefined;
  private catchAgain = false;
  private readonly sortCache = new Map<string, TableRow[]>();
  private sortedVersion = -1;
  private tagCountCache: { tag: string; count: number }[] | undefined;
  /** The snapshot's rows in their stored (default) order, while `loadAll` runs. */
  private restoredOrder: TableRow[] | undefined;
  /** The rows differ from the stored snapshot. */
  private dirty = false;
  private saving = false;

  constructor(private readonly db: PaperdexDB) {}

  get size(): number {
    return this.rows.size;
  }

  /** The first screenful by last seen, newest first (before anything else is read). */
  async loadFirstScreen(limit = FIRST_SCREEN): Promise<void> {
    const records = await this.db.papers.orderBy('lastSeenAt').reverse().limit(limit).toArray();
    this.put(records);
  }

  /**
   * Loads every paper. `onProgress` after each chunk (rows so far); between chunks the page gets a task
   * of its own. Catching up starts from the library's state before the first chunk (or the snapshot's
   * cursors), so nothing written meanwhile is missed.
   */
  async loadAll(onProgress?: (loaded: number) => void, signal?: { cancelled: boolean }): Promise<void> {
    const restored = await this.restoreSnapshot(onProgress, signal);
    if (signal?.cancelled) return;
    if (restored !== 'whole') {
      const start = await readCursor(await backendTransaction(this.db));
      let last: string | undefined;
      for (;;) {
        if (signal?.cancelled) return;
        const chunk = await (last === undefined ? this.db.papers.orderBy('id') : this.db.papers.where('id').above(last)).limit(CHUNK).toArray();
        if (!chunk.length) break;
        this.put(chunk);
        last = chunk.at(-1)!.id;
        onProgress?.(this.rows.size);
        await nextTask();
      }
      this.cursor = start;
    }
    this.complete = true;
    this.version++;
    const caughtUp = await this.catchUp();
    // Rows a snapshot brought in are checked against the library's ids when the count disagrees: a
    // paper deleted while its tombstone was pruned, or written behind the cursors (a clock set back).
    // Reading 50k ids costs ~300 ms, so not when the counts agree (both at once would go unnoticed
    // until the next change of either).
    const mended = restored !== 'none' && (restored === 'part' || (await this.db.papers.count()) !== this.rows.size) && (await this.mendFromIds(signal));
    this.dirty = restored !== 'whole' || caughtUp || mended;
    // The page's first full render needs the default order and the tag counts: a snapshot restored as
    // it was stored is that order already; otherwise each is made in a task of its own, so no single
    // task sorts, counts and renders 50k rows.
    const exact = restored === 'whole' && !this.dirty && this.restoredOrder?.length === this.rows.size;
    if (exact) this.seedOrder(DEFAULT_SORT, this.restoredOrder!);
    this.restoredOrder = undefined;
    if (signal?.cancelled) return;
    if (!exact) {
      this.sorted(DEFAULT_SORT);
      await nextTask();
    }
    this.tagCounts();
    await nextTask();
  }

  /**
   * Puts the stored snapshot's rows in, a chunk per task, and takes its cursors. 'whole' when every
   * chunk was read, 'part' when it broke off (the rows read stay, to be checked), 'none' without one.
   */
  private async restoreSnapshot(onProgress?: (loaded: number) => void, signal?: { cancelled: boolean }): Promise<'whole' | 'part' | 'none'> {
    const head = await readRowCacheHead(this.db).catch(() => undefined);
    if (!head) return 'none';
    const behind = await this.db.papers.where('updatedAt').above(head.updatedThrough).count();
    if (behind > CATCH_UP_LIMIT) return 'none';
    let read = 0;
    const order: TableRow[] = [];
    for (let at = 0; at < head.chunks; at++) {
      if (signal?.cancelled) return read ? 'part' : 'none';
      const rows = await readRowCacheChunk(this.db, head, at).catch(() => undefined);
      if (!rows) return read ? 'part' : 'none';
      for (const row of this.putRows(rows)) order.push(row);
      read++;
      onProgress?.(this.rows.size);
      await nextTask();
    }
    this.cursor = { updatedThrough: head.updatedThrough, removedThrough: head.removedThrough };
    // Stored in the default order; only the order while every row put is the one stored.
    if (order.length === head.papers) this.restoredOrder = order;
    return 'whole';
  }

  /**
   * Checks the rows against the library's ids (keys only, read in steps): drops rows of papers no
   * longer there, reads papers that have no row. Resolves to whether any row changed. Rows written
   * after the check began are left alone (their ids may have been read before they existed).
   */
  private async mendFromIds(signal?: { cancelled: boolean }): Promise<boolean> {
    const through = this.cursor.updatedThrough;
    const present = new Set<string>();
    let last: string | undefined;
    for (;;) {
      if (signal?.cancelled) return false;
      const ids = await (last === undefined ? this.db.papers.orderBy('id') : this.db.papers.where('id').above(last)).limit(ID_CHUNK).primaryKeys();
      if (!ids.length) break;
      for (const id of ids) present.add(id);
      last = ids.at(-1);
      await nextTask();
    }
    let changed = false;
    for (const [id, row] of this.rows) {
      if (!present.has(id) && row.updatedAt <= through) {
        this.rows.delete(id);
        changed = true;
      }
    }
    const missing = [...present].filter((id) => !this.rows.has(id));
    for (let at = 0; at < missing.length; at += CHUNK) {
      const records = await this.db.papers.bulkGet(missing.slice(at, at + CHUNK));
      if (this.put(records.filter((record): record is PaperRecord => record !== undefined))) changed = true;
      await nextTask();
    }
    if (changed) this.version++;
    return changed;
  }

  /**
   * The rows in `sort` order, sorted once per version (switching back to an order costs nothing). A
   * restored library is held in the default order, so its first sort is a near-linear pass.
   */
  sorted(sort: LibrarySort): TableRow[] {
    this.freshCaches();
    const key = `${sort.key}:${sort.direction}`;
    let rows = this.sortCache.get(key);
    if (!rows) this.sortCache.set(key, (rows = sortRows(this.rows.values(), sort)));
    return rows;
  }

  /** Every tag with how many rows carry it (see `countTags`), once per version. */
  tagCounts(): { tag: string; count: number }[] {
    this.freshCaches();
    return (this.tagCountCache ??= countTags(this.rows.values()));
  }

  private seedOrder(sort: LibrarySort, rows: TableRow[]): void {
    this.freshCaches();
    this.sortCache.set(`${sort.key}:${sort.direction}`, rows);
  }

  private freshCaches(): void {
    if (this.sortedVersion === this.version) return;
    this.sortCache.clear();
    this.tagCountCache = undefined;
    this.sortedVersion = this.version;
  }

  /**
   * Stores the rows (in the default order, the order the next open wants them in) when they changed
   * since they were restored or last stored. Resolves to whether it wrote.
   */
  async saveSnapshot(): Promise<boolean> {
    // Not while storage is in trouble (a full disk): still unsaved, stored by a later save.
    if (!this.complete || !this.dirty || this.saving || !cachesMayWrite()) return false;
    this.dirty = false;
    this.saving = true;
    try {
      await writeRowCache(this.db, this.sorted(DEFAULT_SORT), this.cursor);
      return true;
    } catch (error) {
      this.dirty = true;
      throw error;
    } finally {
      this.saving = false;
    }
  }

  /** Rows changed since the snapshot was restored or stored. */
  get unsaved(): boolean {
    return this.complete && this.dirty;
  }

  /**
   * Applies what changed since the last look. Resolves to whether any row changed. Calls that arrive
   * while one runs are folded into one more pass after it.
   */
  catchUp(): Promise<boolean> {
    if (!this.complete) return Promise.resolve(false);
    if (this.catching) {
      this.catchAgain = true;
      return this.catching;
    }
    const run = async (): Promise<boolean> => {
      let changed = false;
      do {
        this.catchAgain = false;
        const { removed, updated, cursor } = await changesSince(await backendTransaction(this.db), this.cursor);
        this.cursor = cursor;
        for (const { id, at } of removed) {
          this.removedAt.set(id, at);
          const row = this.rows.get(id);
          if (row && row.updatedAt <= at) {
            this.rows.delete(id);
            changed = true;
          }
        }
        if (this.put(updated)) changed = true;
      } while (this.catchAgain);
      if (changed) {
        this.version++;
        this.dirty = true;
      }
      return changed;
    };
    this.catching = run().finally(() => {
      this.catching = undefined;
    });
    return this.catching;
  }

  /** Drops rows this page just deleted (the tombstones confirm it on the next catch-up). */
  forget(ids: Iterable<string>, at: number): void {
    for (const id of ids) {
      this.removedAt.set(id, at);
      this.rows.delete(id);
    }
    this.version++;
    this.dirty = true;
  }

  /** Rows made from `records`, newer than what is held; returns whether any row changed. */
  private put(records: readonly PaperRecord[]): boolean {
    let changed = false;
    for (const record of records) {
      if (!this.isNewer(record.id, record.updatedAt)) continue;
      this.rows.set(record.id, toTableRow(record));
      changed = true;
    }
    if (changed) this.version++;
    return changed;
  }

  /** Restored rows, where newer than what is held; returns those put. */
  private putRows(rows: readonly TableRow[]): TableRow[] {
    const put = rows.filter((row) => this.isNewer(row.id, row.updatedAt));
    for (const row of put) this.rows.set(row.id, row);
    this.version++;
    return put;
  }

  private isNewer(id: string, updatedAt: number): boolean {
    const held = this.rows.get(id);
    if (held && held.updatedAt > updatedAt) return false;
    const removed = this.removedAt.get(id);
    return removed === undefined || removed < updatedAt;
  }
}
