import { describe, expect, it } from 'vitest';
import type { BackupFile } from '@/utils/library/backup/backup-store';
import { KEEP_DAILY, KEEP_WEEKLY, localWeek, planRotation } from '@/utils/library/backup/rotation';

/** A backup written at noon, local time, on the given day of December 2026 (the 7th is a Monday). */
const at = (day: number, hour = 12) => new Date(2026, 11, day, hour).getTime();
const file = (time: number): BackupFile => ({ path: `/dl/Paperdex/b-${time}.json.gz`, name: `Paperdex/b-${time}.json.gz`, at: time, papers: 10, bytes: 100 });

describe('planRotation', () => {
  it('keeps every file while there are fewer days than the daily slots', () => {
    const files = [at(1), at(2), at(3)].map(file);
    expect(planRotation(files)).toEqual({ keep: [...files].reverse(), remove: [] });
  });

  it('a backup a day for five weeks: the last 7 days, then the newest of each of the 4 weeks before them', () => {
    // Nov 3 (a Tuesday) to Dec 7 (a Monday): 35 days.
    const files = Array.from({ length: 35 }, (_, day) => file(new Date(2026, 10, 3 + day, 12).getTime()));
    const plan = planRotation(files);
    const keptDates = plan.keep.map((kept) => new Date(kept.at).toDateString());
    expect(KEEP_DAILY).toBe(7);
    expect(KEEP_WEEKLY).toBe(4);
    // Dec 1–7 daily; then the weeks of Nov 30 (Mon Nov 30), Nov 23 (Sun Nov 29), Nov 16 (Nov 22), Nov 9 (Nov 15).
    expect(keptDates).toEqual(
      [7, 6, 5, 4, 3, 2, 1].map((day) => new Date(2026, 11, day).toDateString()).concat([30, 29, 22, 15].map((day) => new Date(2026, 10, day).toDateString())),
    );
    expect(plan.remove).toHaveLength(35 - 11);
    expect(new Set([...plan.keep, ...plan.remove])).toEqual(new Set(files));
  });

  it('two backups on one day ("Back up now"): the newer is kept, the older removed', () => {
    const morning = file(at(7, 9));
    const evening = file(at(7, 20));
    expect(planRotation([morning, evening])).toEqual({ keep: [evening], remove: [morning] });
  });

  it('gaps (the computer was off for weeks): old weekly files stay until newer weeks replace them', () => {
    const files = [at(1), at(7)].map(file).concat([new Date(2026, 9, 1, 12).getTime(), new Date(2026, 8, 1, 12).getTime()].map(file));
    // Four files on four days in four weeks: all kept.
    expect(planRotation(files).remove).toEqual([]);
    expect(planRotation(files).keep).toHaveLength(4);
  });

  it('weeks start on Monday', () => {
    expect(localWeek(at(13))).toBe('2026-12-07'); // Sunday → the Monday before
    expect(localWeek(at(14))).toBe('2026-12-14');
    expect(localWeek(new Date(2027, 0, 2, 12).getTime())).toBe('2026-12-28'); // across the year's end
  });
});
