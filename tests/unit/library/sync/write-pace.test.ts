import { describe, expect, it } from 'vitest';
import { MIN_FLUSH_GAP_MS, recentWrites, waitBeforeWrite } from '@/utils/library/sync/write-pace';
import { SYNC_LIMITS } from '@/utils/sync/items';

const NOW = Date.UTC(2026, 10, 1);

describe('write pace', () => {
  it('writes at once the first time, then at most once per gap', () => {
    expect(waitBeforeWrite([], NOW, 2)).toBe(0);
    expect(waitBeforeWrite([NOW - 4_000, NOW - 4_000], NOW, 2)).toBe(MIN_FLUSH_GAP_MS - 4_000);
    expect(waitBeforeWrite([NOW - MIN_FLUSH_GAP_MS], NOW, 2)).toBe(0);
  });

  it('keeps under 80% of the per-minute and per-hour limits, whatever the history says', () => {
    const minute = Array.from({ length: SYNC_LIMITS.writesPerMinute * 0.8 }, (_, at) => NOW - 59_000 + at);
    const wait = waitBeforeWrite(minute, NOW, 2);
    expect(wait).toBe(1_002);
    const later = NOW + wait;
    expect(recentWrites(minute, later).filter((at) => at > later - 60_000).length + 2).toBeLessThanOrEqual(SYNC_LIMITS.writesPerMinute * 0.8);
    const hour = Array.from({ length: SYNC_LIMITS.writesPerHour * 0.8 }, (_, at) => NOW - 3_500_000 + at * 1_000);
    expect(waitBeforeWrite(hour, NOW, 2)).toBeGreaterThan(60_000);
  });

  it('forgets writes older than an hour, and ignores times ahead of the clock', () => {
    expect(recentWrites([NOW - 3_600_001, NOW - 10, NOW + 5], NOW)).toEqual([NOW - 10]);
  });
});
