/**
 * The library page's copy of every paper as a light row (`rows.ts`), loaded and kept live:
 * 1. `loadFirstScreen`: the most recently seen papers, by the `lastSeenAt` index (a few dozen records),
 *    so the table paints at once whatever the library's size;
 * 2. `loadAll`: every paper, a chunk at a time in `id` order, each chunk in its own short read, so the
 *    page stays responsive; full records are dropped as soon as their rows are made;
 * 3. `catchUp`: after any write anywhere (a capture, the popup, this page), only what changed: papers
 *    whose `updatedAt` is past the last one seen, and tombstones (`removedPapers`) past the last one.
 *
 * `version` grows on every change, for memoized sorts and filters.
 */
import type { PaperdexDB } from '../db/schema';
import type { PaperRecord } from '../paper';
import { type LibraryRow, toRow } from './rows';

export const FIRST_SCREEN = 60;
/** Records per read while loading: small enough that a chunk's work stays well under a frame budget. */
const CHUNK = 500;

export interface LibraryStampKey {
  updated: number;
  removed: number;
}

/** What changes on every write or delete: read inside a `liveQuery` to know when to catch up. */
export async function readLibraryStamp(db: PaperdexDB): Promise<LibraryStampKey> {
  const [updated, removed] = await Promise.all([
    db.papers.orderBy('updatedAt').reverse().limit(1).keys(),
    db.removedPapers.orderBy('at').reverse().limit(1).keys(),
  ]);
  return { updated: Number(updated[0] ?? 0), removed: Number(removed[0] ?? 0) };
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class RowStore {
  readonly rows = new Map<string, LibraryRow>();
  version = 0;
  /** Every paper has been loaded once. */
  complete = false;
  private updatedThrough = -1;
  private removedThrough = -1;
  /** Tombstone times seen, so a chunk read before a delete can't bring the paper back. */
  private readonly removedAt = new Map<string, number>();
  private catching: Promise<boolean> | undefined;
  private catchAgain = false;

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
   * of its own. Catching up starts from the library's state before the first chunk, so nothing written
   * meanwhile is missed.
   */
  async loadAll(onProgress?: (loaded: number) => void, signal?: { cancelled: boolean }): Promise<void> {
    const stamp = await readLibraryStamp(this.db);
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
    if (this.updatedThrough < 0) this.updatedThrough = stamp.updated;
    if (this.removedThrough < 0) this.removedThrough = stamp.removed;
    this.complete = true;
    this.version++;
    await this.catchUp();
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
        const [removed, updated] = await this.db.transaction('r', this.db.papers, this.db.removedPapers, () =>
          Promise.all([
            this.db.removedPapers.where('at').above(this.removedThrough).toArray(),
            this.db.papers.where('updatedAt').above(this.updatedThrough).toArray(),
          ]),
        );
        for (const { id, at } of removed) {
          this.removedThrough = Math.max(this.removedThrough, at);
          this.removedAt.set(id, at);
          const row = this.rows.get(id);
          if (row && row.updatedAt <= at) {
            this.rows.delete(id);
            changed = true;
          }
        }
        for (const record of updated) this.updatedThrough = Math.max(this.updatedThrough, record.updatedAt);
        if (this.put(updated)) changed = true;
      } while (this.catchAgain);
      if (changed) this.version++;
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
  }

  /** Rows made from `records`, newer than what is held; returns whether any row changed. */
  private put(records: readonly PaperRecord[]): boolean {
    let changed = false;
    for (const record of records) {
      const held = this.rows.get(record.id);
      if (held && held.updatedAt > record.updatedAt) continue;
      const removed = this.removedAt.get(record.id);
      if (removed !== undefined && removed >= record.updatedAt) continue;
      this.rows.set(record.id, toRow(record));
      changed = true;
    }
    if (changed) this.version++;
    return changed;
  }
}
