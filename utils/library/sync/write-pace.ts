/**
 * Pacing writes to `storage.sync` under Chrome's rates (120 write operations a minute, 1,800 an hour;
 * a write over them fails at once). Each flush is up to two operations (set, remove), at most one per
 * `MIN_FLUSH_GAP_MS`, which alone keeps far under both; the counted history covers a worker restart
 * (it is stored with the engine's state) and a burst of retries.
 */
import { SYNC_LIMITS } from '../../sync/items';

/** At most one flush in this long: 12 operations a minute, 720 an hour at the most. */
export const MIN_FLUSH_GAP_MS = 10_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Room kept under each limit, for retries and clock error. */
const SHARE = 0.8;

/** The write times still inside the last hour (what is stored). */
export function recentWrites(writes: readonly number[], now: number): number[] {
  return writes.filter((at) => at > now - HOUR && at <= now);
}

/** Milliseconds to wait before `ops` more write operations (0: now). */
export function waitBeforeWrite(writes: readonly number[], now: number, ops: number): number {
  const recent = recentWrites(writes, now).sort((a, b) => a - b);
  let wait = recent.length ? Math.max(0, recent[recent.length - 1]! + MIN_FLUSH_GAP_MS - now) : 0;
  const within = (span: number, limit: number) => {
    const inSpan = recent.filter((at) => at > now - span);
    const over = inSpan.length + ops - Math.floor(limit * SHARE);
    // Wait until enough of the oldest ones leave the window.
    if (over > 0) wait = Math.max(wait, inSpan[over - 1]! + span - now + 1);
  };
  within(MINUTE, SYNC_LIMITS.writesPerMinute);
  within(HOUR, SYNC_LIMITS.writesPerHour);
  return wait;
}
