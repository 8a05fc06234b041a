/**
 * The background's side of sync (the pure core is utils/sync/engine.ts; read its header for the order
 * of things). While sync is on (`sync-store.ts`), one run at a time:
 * - catch-up: from its cursor, the runner reads what the library changed (tombstones, then papers
 *   written since, a page at a time, as the marks copy does) and feeds it to the engine; so nothing is
 *   missed while the worker sleeps, and turning sync on feeds every marked paper (the cursor starts before
 *   the first write). Applied remote changes come back this way too, and give no operation (no echo);
 * - pull: reads the whole sync area, merges it, and writes what changed into the library
 *   (`apply-remote.ts`); at start every paper the marks know is compared (a write that failed before is redone);
 * - flush: at most one every 10 s (`write-pace.ts`), reads again, then writes this device's changed items
 *   (`itemsToWrite`), `markWritten` once the browser took them; a failed write (quota) is retried later,
 *   after reading the area again.
 * The engine's state and cursor are kept in `storage.local` after each step. Bad remote items are ignored
 * by the engine with their reasons, kept in the status for Settings; no error leaves the run.
 */
import { type LocalRecord } from '../../sync/local-edits';
import { newDeviceId, type RemoteRead, SyncEngine } from '../../sync/engine';
import { type ChangeCursor, CURSOR_NOT_READ } from '../feed/cursor';
import { CURSOR_KEY_PREFIX } from '../feed/cursor-registry';
import { registerCursor } from '../feed/write';
import { changedPage, tombstonesSince } from '../marks-copy/follow';
import type { PaperdexDB } from '../schema';
import { applyRemote } from './apply-remote';
import { MAX_IGNORED_SHOWN, parseSyncState, parseSyncStatus, readSyncSettings, SYNC_STATE_KEY, SYNC_STATUS_KEY, type SyncLocalArea, type SyncStatus } from './sync-store';
import { MIN_FLUSH_GAP_MS, recentWrites, waitBeforeWrite } from './write-pace';

/** The part of `browser.storage.sync` used. */
export interface SyncArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, string>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface SyncRunnerOptions {
  db: PaperdexDB;
  local: SyncLocalArea;
  sync: SyncArea;
  now?: () => number;
  /** How long local changes gather before a write (default 10 s). */
  flushDelayMs?: number;
  /** After a failed write (default 1 min). */
  retryDelayMs?: number;
  newDevice?: () => string;
  /** True while storage is in trouble: nothing is written into the library then; retried later. */
  paused?: () => Promise<boolean>;
  onError?: (error: unknown) => void;
}

export interface SyncRunner {
  /** At start-up and when the setting changes: starts (catch-up, pull, flush soon) or stops. */
  start(): Promise<void>;
  /** A user change on the feed. */
  localChanged(): Promise<void>;
  /** `storage.onChanged` for 'sync', with the keys changed. */
  remoteChanged(keys: readonly string[]): Promise<void>;
  /** A flush now (tests; the timer calls it otherwise). */
  flush(): Promise<void>;
  /** Resolves once every queued run is done. */
  idle(): Promise<void>;
  stop(): void;
}

const PAGE = 500;

interface Session {
  engine: SyncEngine;
  cursor: ChangeCursor;
  writes: number[];
  /** Sync was off for a while: marked papers missing from the library were deleted meanwhile. */
  missingAreDeleted: boolean;
  /** Writing merged marks into the library failed: every paper is compared at the next pull. */
  applyFailed?: boolean;
  status: SyncStatus;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createSyncRunner(options: SyncRunnerOptions): SyncRunner {
  const { db, local, sync } = options;
  const now = options.now ?? (() => Date.now());
  const flushDelay = options.flushDelayMs ?? MIN_FLUSH_GAP_MS;
  const retryDelay = options.retryDelayMs ?? 60_000;
  let session: Session | undefined;
  let chain: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;
  let stopped = false;

  const queue = (task: () => Promise<void>): Promise<void> =>
    (chain = chain.then(task).catch(async (error: unknown) => {
      (options.onError ?? console.error)(error);
      if (session) await writeStatus({ lastError: { at: now(), message: messageOf(error) } }).catch(() => undefined);
    }));

  const schedule = (delay: number) => {
    if (stopped || !session) return;
    const at = now() + delay;
    if (timer !== undefined && timerAt <= at) return;
    if (timer !== undefined) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      void queue(flushOnce);
    }, delay);
  };
  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    timerAt = Infinity;
  };

  async function save(): Promise<void> {
    const s = session!;
    s.writes = recentWrites(s.writes, now());
    await local.set({ [SYNC_STATE_KEY]: { engine: s.engine.toJSON(), cursor: s.cursor, writes: s.writes } });
  }

  async function writeStatus(change: Partial<SyncStatus>): Promise<void> {
    const s = session!;
    s.status = { ...s.status, ...change };
    await local.set({ [SYNC_STATUS_KEY]: s.status });
  }

  async function load(): Promise<Session> {
    const stored = await local.get([SYNC_STATE_KEY, SYNC_STATUS_KEY]);
    const state = parseSyncState(stored[SYNC_STATE_KEY]);
    const restored = state ? SyncEngine.restore(state.engine) : undefined;
    const status = parseSyncStatus(stored[SYNC_STATUS_KEY]);
    if (restored) return { engine: restored, cursor: state!.off ? CURSOR_NOT_READ : state!.cursor, writes: state!.writes, missingAreDeleted: state!.off === true, status };
    // A new device: the cursor before every write, so the first catch-up feeds every marked paper.
    const engine = SyncEngine.create((options.newDevice ?? newDeviceId)());
    return { engine, cursor: CURSOR_NOT_READ, writes: [], missingAreDeleted: false, status: { bytesUsed: 0, devices: [], ignored: [], ignoredCount: 0, device: engine.device } };
  }

  /** Sync turned off: the state and this device's items stay (see the engine's header), marked off. */
  async function turnOff(): Promise<void> {
    clearTimer();
    session = undefined;
    const state = parseSyncState((await local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY]);
    if (state && !state.off) await local.set({ [SYNC_STATE_KEY]: { ...state, off: true } });
    // Tombstone clean-up must not wait for a cache that no longer follows.
    await db.searchIndex.delete(`${CURSOR_KEY_PREFIX}sync`);
  }

  /** Feeds the engine what the library changed since the cursor. */
  async function catchUp(): Promise<void> {
    const s = session!;
    const start = s.cursor;
    let cursor = start;
    let changed = 0;
    let tombstones = await tombstonesSince(db, cursor.removedThrough);
    for (;;) {
      const page = await changedPage(db, cursor.updatedThrough, PAGE);
      const next = { ...cursor };
      for (const { at } of tombstones) next.removedThrough = Math.max(next.removedThrough, at);
      for (const { updatedAt } of page.papers) next.updatedThrough = Math.max(next.updatedThrough, updatedAt);
      // Deletions first, as their own batch (own stamp): a paper deleted, then marked again, is in the page too.
      changed += s.engine.onLocalChanges(tombstones.map(({ id }) => [id, undefined] as const), now());
      changed += s.engine.onLocalChanges(page.papers.map((paper) => [paper.id, paper as LocalRecord] as const), now());
      cursor = next;
      tombstones = [];
      if (page.last) break;
    }
    if (s.missingAreDeleted) {
      const ids = s.engine.paperIds();
      const present = await db.papers.bulkGet(ids);
      changed += s.engine.onLocalChanges(ids.filter((_, at) => !present[at]).map((id) => [id, undefined] as const), now());
      s.missingAreDeleted = false;
    }
    s.cursor = cursor;
    if (changed || cursor.updatedThrough !== start.updatedThrough || cursor.removedThrough !== start.removedThrough) await save();
    if (cursor.removedThrough !== start.removedThrough) await registerCursor(db, 'sync', cursor);
    if (changed) schedule(flushDelay);
  }

  /** Reads the sync area, merges it, and applies what changed (`all`: every paper the marks know). */
  async function pull(all: boolean): Promise<RemoteRead | undefined> {
    const s = session!;
    if (await options.paused?.()) {
      schedule(retryDelay);
      return undefined;
    }
    const read = await s.engine.readRemote(await sync.get(null), now());
    const ids = all || s.applyFailed ? s.engine.paperIds() : read.changed;
    try {
      await applyRemote(db, ids, (id, record) => s.engine.planApply(id, record), now());
      s.applyFailed = false;
    } catch (error) {
      // The marks are merged but not in the library: the next pull compares every paper.
      s.applyFailed = true;
      schedule(retryDelay);
      throw error;
    }
    await save();
    await writeStatus({
      device: s.engine.device,
      lastReadAt: now(),
      bytesUsed: read.bytesUsed,
      devices: read.devices.map((device) => ({ device: device.device, bytes: device.bytes, ...(device.lastWriteAt ? { lastWriteAt: device.lastWriteAt } : {}), ...(device.leftOut ? { leftOut: { ...device.leftOut } } : {}) })),
      ignored: read.ignored.slice(0, MAX_IGNORED_SHOWN).map(({ key, reason }) => ({ key, reason })),
      ignoredCount: read.ignored.length,
    });
    return read;
  }

  async function flushOnce(): Promise<void> {
    const s = session;
    if (!s) return;
    const wait = waitBeforeWrite(s.writes, now(), 2);
    if (wait > 0) return schedule(wait);
    const read = await pull(false);
    if (!read) return;
    const write = await s.engine.itemsToWrite(now());
    if (!write) return;
    try {
      s.writes.push(now());
      await sync.set(write.set);
      if (write.remove.length) {
        s.writes.push(now());
        await sync.remove(write.remove);
      }
    } catch (error) {
      // Over quota (another device grew meanwhile) or over a rate: read again and ask again, later.
      await save();
      await writeStatus({ lastError: { at: now(), message: messageOf(error) } });
      schedule(retryDelay);
      return;
    }
    s.engine.markWritten(write);
    const { lastError: _cleared, ...status } = s.status;
    s.status = status;
    await writeStatus({ lastWriteAt: now(), leftOut: { ...write.leftOut } });
    // The status's bytes and devices as written; and a device whose head was not in the area merges now.
    const after = await pull(false);
    if (read.writeFirst || after?.changed.length) schedule(flushDelay);
  }

  return {
    start: () =>
      queue(async () => {
        stopped = false;
        if (!(await readSyncSettings(local)).enabled) {
          const state = parseSyncState((await local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY]);
          if (session || (state && !state.off)) await turnOff();
          return;
        }
        if (!session) {
          session = await load();
          // Tombstone clean-up waits for this cursor from now on (it left the registry when sync was turned off).
          await registerCursor(db, 'sync', session.cursor);
        }
        await catchUp();
        await pull(true);
        schedule(flushDelay);
      }),
    localChanged: () => queue(async () => (session ? catchUp() : undefined)),
    remoteChanged: (keys) =>
      queue(async () => {
        if (!session) return;
        const own = `d:${session.engine.device}:`;
        if (keys.every((key) => key.startsWith(own) || !key.startsWith('d:'))) return;
        await pull(false);
        schedule(flushDelay);
      }),
    flush: () => queue(flushOnce),
    idle: () => chain,
    stop: () => {
      stopped = true;
      clearTimer();
    },
  };
}
