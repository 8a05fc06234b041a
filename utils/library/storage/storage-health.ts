/**
 * Paperdex's one "storage trouble" state: is it safe to write captures, and if not, why. The background
 * holds it (in memory, mirrored to `storage.session`, which lives in memory too: a full disk cannot
 * refuse it) and every view shows it (popup notice, library banner, toolbar badge). Later safeguards
 * (automatic backups, a second copy of the user's marks) report through it and are shown by the same views.
 *
 * Why it exists: on a full disk Chromium's IndexedDB (LevelDB) fails a write with FILE_ERROR_NO_SPACE,
 * and on the next open its recovery deletes and recreates the whole database (issue 16: every paper
 * gone, reproduced by tests/browser/full-disk.test.ts). So capture, Paperdex's own writes, stops while
 * free space is below a floor; the user's own actions (save, tag, note) are small and still go through.
 *
 * Free space: Chromium answers `navigator.storage.estimate()` for an origin with unlimitedStorage with
 * `quota = usage + the disk's free bytes`, measured live (tmpfs of 64 MiB: quota − usage was 64,290,816
 * with `df` saying 64,290,816; 22,347,776 after filling 40 MiB, 6,619,136 after 55 MiB, back up when
 * freed). It costs ~0.5 ms in the worker, so it is asked before every capture write: a cache of even a
 * few seconds let a capture through onto a disk filled meanwhile, and that one failed write lost the
 * 30 papers merged just before it (tests/browser/full-disk.test.ts). Firefox's quota is its limit for the origin, derived from the disk's
 * total size, not its free space: there a low estimate still pauses, and a write that fails for lack of
 * space flips the state (SQLite rolls the transaction back; no wipe is known there).
 */
import { failureReason, type StorageFailure, storageFailure } from './write-failure';

const MiB = 1024 * 1024;

/**
 * The free space below which capture pauses: 64 MiB, or as much as Paperdex already stores when that
 * is more. LevelDB writes its log until a 4 MiB memtable is flushed, and a compaction writes its new
 * tables (up to ~25 MiB for one level-0 → level-1 pass of 2 MiB files) before it deletes the old ones;
 * a large delete (retention, a bulk delete) can compact most of the database, which needs about its
 * size again. 64 MiB covers a flush, a compaction, the largest capture batch (an arXiv listing of
 * 2,000 papers, ~4 MiB) and the rest of the browser's writes meanwhile.
 */
export function captureFloor(usage: number | undefined): number {
  return Math.max(64 * MiB, usage ?? 0);
}
/** Capture resumes only with this much more than the floor, so it doesn't flap around it. */
export const RESUME_MARGIN = 16 * MiB;
/** After a failed write, capture tries again no sooner than this, and only if free space looks fine. */
export const RETRY_AFTER_FAILURE_MS = 60_000;

export type StorageTroubleReason = 'low-space' | StorageFailure;

export interface StorageTrouble {
  reason: StorageTroubleReason;
  /** When it started (ms). */
  since: number;
  /** Free space when it was last measured, if the browser says. */
  freeBytes?: number;
  floorBytes?: number;
}

/** No `trouble`: all is well and capture runs. */
export interface StorageHealth {
  trouble?: StorageTrouble;
}

let lastKnown: StorageHealth = {};
/** Records the state as this context last learned it (the background's monitor; a view's answer or the mirror). */
export function noteStorageHealth(health: StorageHealth): void {
  lastKnown = health;
}
/**
 * Whether caches may be written now: the search index and the library's row snapshot (megabytes at
 * 50k papers) wait while storage is in trouble. They are rebuilt from the library; the library is not.
 */
export function cachesMayWrite(): boolean {
  return lastKnown.trouble === undefined;
}

/** The key under which the background mirrors the state in `storage.session`. */
export const STORAGE_HEALTH_KEY = 'storageHealth';

const formatMiB = (bytes: number) => `${Math.max(0, Math.floor(bytes / MiB))} MB`;

/** What every view says about a trouble: a short title (badge tooltip, first line) and what to do. */
export function troubleNotice(trouble: StorageTrouble): { title: string; detail: string } {
  switch (trouble.reason) {
    case 'low-space':
      return {
        title: 'Paperdex paused recording: the disk is almost full',
        detail: `${trouble.freeBytes === undefined ? 'Less' : `Only ${formatMiB(trouble.freeBytes)}`} free, and Paperdex needs ${formatMiB(trouble.floorBytes ?? captureFloor(0))} to write safely. Your library is kept as it is; free some disk space and recording resumes by itself. Saving, tags and notes still work.`,
      };
    case 'disk-full':
      return {
        title: 'Paperdex paused recording: the disk is full',
        detail: 'A write failed for lack of space; nothing was lost. Free some disk space and recording resumes by itself.',
      };
    case 'write-error':
      return {
        title: 'Paperdex paused recording: the browser could not write its storage',
        detail: 'A write failed; nothing was lost. Recording tries again in a minute. If it keeps failing, restart the browser.',
      };
  }
}

export interface StorageEstimateLike {
  quota?: number;
  usage?: number;
}

export interface StorageHealthOptions {
  /** `navigator.storage.estimate` (absent: free space unknown, only failed writes pause). */
  estimate?: () => Promise<StorageEstimateLike>;
  now?: () => number;
  /** Told every change of state (to mirror it, set the badge). */
  publish?: (health: StorageHealth) => void;
  /** The state to start from (the worker was stopped and started again: its mirror in `storage.session`). */
  initial?: Promise<StorageHealth | undefined>;
}

/** The background's keeper of the state: measures free space (cached), pauses and resumes capture. */
export class StorageHealthMonitor {
  private state: StorageHealth = {};
  private checking: Promise<StorageHealth> | undefined;
  private readonly now: () => number;
  private readonly ready: Promise<void>;

  constructor(private readonly options: StorageHealthOptions = {}) {
    this.now = options.now ?? Date.now;
    this.ready = (options.initial ?? Promise.resolve(undefined)).then(
      (initial) => {
        // Unless something newer happened meanwhile.
        if (initial?.trouble && !this.state.trouble) this.state = { trouble: initial.trouble };
      },
      () => undefined,
    );
  }

  get health(): StorageHealth {
    return this.state;
  }

  /** The state, with free space measured now (callers at the same moment share one measure). */
  check(): Promise<StorageHealth> {
    this.checking ??= this.ready.then(() => this.measure()).finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** Whether capture (and Paperdex's own writes: merging, retention) must wait. */
  async capturePaused(): Promise<boolean> {
    return (await this.check()).trouble !== undefined;
  }

  /** A write failed: if the storage is why, capture pauses. Returns the plain-words reason to show. */
  writeFailed(error: unknown): string {
    const failure = storageFailure(error);
    if (failure) this.set({ trouble: { reason: failure, since: this.now() } });
    return failureReason(error);
  }

  /** A view's write failed for this storage reason (the views write through their own connections). */
  reportFailure(failure: StorageFailure): void {
    this.set({ trouble: { reason: failure, since: this.now() } });
  }

  private async measure(): Promise<StorageHealth> {
    let free: number | undefined;
    let floor: number | undefined;
    try {
      const estimate = await this.options.estimate?.();
      if (estimate && typeof estimate.quota === 'number' && Number.isFinite(estimate.quota)) {
        free = estimate.quota - (estimate.usage ?? 0);
        floor = captureFloor(estimate.usage);
      }
    } catch {
      // No estimate: free space unknown; failed writes still pause.
    }
    const trouble = this.state.trouble;
    if (free === undefined || floor === undefined) {
      if (trouble?.reason === 'low-space') this.set({});
      else if (trouble && this.now() - trouble.since >= RETRY_AFTER_FAILURE_MS) this.set({});
      return this.state;
    }
    const enough = free >= floor + (trouble ? RESUME_MARGIN : 0);
    if (!enough) {
      // A failed write keeps its reason (it says more); the free space is brought up to date.
      const reason = trouble?.reason ?? 'low-space';
      this.set({ trouble: { reason, since: trouble?.since ?? this.now(), freeBytes: free, floorBytes: floor } });
    } else if (trouble && (trouble.reason === 'low-space' || this.now() - trouble.since >= RETRY_AFTER_FAILURE_MS)) {
      this.set({});
    }
    return this.state;
  }

  private set(next: StorageHealth): void {
    const before = this.state.trouble;
    this.state = next;
    noteStorageHealth(next);
    const after = next.trouble;
    // Told when the state changes, or the free space it says moved by a megabyte or more.
    const changed =
      before?.reason !== after?.reason || Math.floor((before?.freeBytes ?? 0) / MiB) !== Math.floor((after?.freeBytes ?? 0) / MiB);
    if (changed) this.options.publish?.(next);
  }
}
