import { describe, expect, it } from 'vitest';
import { calendarDate, formatDayTime } from '@/utils/ui/shared/seen-time';

// Local times, so the tests hold in any time zone.
const at = (year: number, month: number, day: number, hour = 12, minute = 0) => new Date(year, month - 1, day, hour, minute).getTime();
const NOW = at(2026, 3, 11, 15, 30);

describe('calendarDate', () => {
  it('gives the month and day, the year only for another year than now', () => {
    expect(calendarDate(at(2026, 11, 3), NOW, 'en-US')).toBe('Nov 3');
    expect(calendarDate(at(2025, 11, 3), NOW, 'en-US')).toBe('Nov 3, 2025');
  });

  it('uses the local day', () => {
    expect(calendarDate(at(2026, 3, 9, 0, 5), NOW, 'en-US')).toBe('Mar 9');
    expect(calendarDate(at(2026, 3, 8, 23, 55), NOW, 'en-US')).toBe('Mar 8');
  });
});

describe('formatDayTime', () => {
  it('gives the date with its year and the time of day', () => {
    expect(formatDayTime(at(2026, 3, 9, 14, 5), 'en-US')).toBe('Mar 9, 2026, 2:05 PM');
    expect(formatDayTime(undefined)).toBe('');
  });
});
