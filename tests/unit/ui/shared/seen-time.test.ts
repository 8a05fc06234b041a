import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, dayKey, dayLabel, groupBySeenDay, placeLabel, seenAgo } from '@/utils/ui/shared/seen-time';

// Local times, so the tests hold in any time zone.
const at = (month: number, day: number, hour = 12, minute = 0, year = 2026) => new Date(year, month - 1, day, hour, minute).getTime();
const NOW = at(3, 11, 15, 30); // Wednesday 11 March 2026, 15:30

describe('seenAgo', () => {
  it.each([
    ['a few seconds ago', NOW - 20_000, 'just now'],
    ['a clock a little ahead', NOW + 60_000, 'just now'],
    ['minutes', at(3, 11, 15, 18), '12 min ago'],
    ['hours, same day', at(3, 11, 9, 10), '6 h ago'],
    ['just after midnight today', at(3, 11, 0, 5), '15 h ago'],
    ['late yesterday, less than a day ago', at(3, 10, 23, 50), 'yesterday'],
    ['yesterday morning', at(3, 10, 8), 'yesterday'],
    ['three days ago', at(3, 8, 20), '3 days ago'],
    ['six days ago', at(3, 5), '6 days ago'],
    ['a week ago: the date', at(3, 4), 'Mar 4'],
    ['another year', at(12, 30, 12, 0, 2025), 'Dec 30, 2025'],
  ])('%s', (_, seen, expected) => {
    expect(seenAgo(seen, NOW, 'en-US')).toBe(expected);
  });
});

describe('dayLabel and dayKey', () => {
  it.each([
    [at(3, 11, 0, 1), 'Today'],
    [at(3, 10, 23, 59), 'Yesterday'],
    [at(3, 9), 'Monday, Mar 9'],
    [at(1, 2), 'Friday, Jan 2'],
    [at(12, 31, 12, 0, 2025), 'Dec 31, 2025'],
  ])('%s → %s', (seen, expected) => {
    expect(dayLabel(seen, NOW, 'en-US')).toBe(expected);
  });

  it('keys a local day', () => {
    expect(dayKey(at(3, 9, 0, 0))).toBe('2026-03-09');
    expect(dayKey(at(3, 9, 23, 59))).toBe('2026-03-09');
    expect(calendarDaysBetween(at(3, 9, 23, 59), at(3, 10, 0, 1))).toBe(1);
  });

  it('counts calendar days across a month end and a year end', () => {
    expect(calendarDaysBetween(at(2, 28), at(3, 1))).toBe(1);
    expect(calendarDaysBetween(at(12, 31, 12, 0, 2025), at(1, 1))).toBe(1);
  });
});

describe('groupBySeenDay', () => {
  const papers = [
    { id: 'a', seen: at(3, 11, 15) },
    { id: 'b', seen: at(3, 11, 1) },
    { id: 'c', seen: at(3, 10, 22) },
    { id: 'd', seen: at(3, 2) },
    { id: 'e', seen: at(3, 2, 8) },
  ];

  it('splits recent papers into days, most recent first, keeping their order', () => {
    const groups = groupBySeenDay(papers, (paper) => paper.seen, NOW, 'en-US');
    expect(groups.map((group) => [group.label, group.items.map((paper) => paper.id)])).toEqual([
      ['Today', ['a', 'b']],
      ['Yesterday', ['c']],
      ['Monday, Mar 2', ['d', 'e']],
    ]);
  });

  it('gives nothing for nothing', () => {
    expect(groupBySeenDay([], () => 0, NOW)).toEqual([]);
  });
});

describe('placeLabel: dates in a listing label read like every other date', () => {
  it.each([
    ['Daily 2026-03-11', 'Daily Mar 11, 2026'],
    ['Weekly 2026-W11', 'Weekly week 11, 2026'],
    ['Monthly 2026-03', 'Monthly March 2026'],
    ['arXiv cs.LG · 2026-03 · from #26', 'arXiv cs.LG · March 2026 · from #26'],
    ['arXiv cs.LG · catch-up 2026-03-10 · page 2', 'arXiv cs.LG · catch-up Mar 10, 2026 · page 2'],
    ['Search “latent” in Daily 2026-03-11', 'Search “latent” in Daily Mar 11, 2026'],
    // The user's own query stays as typed; impossible dates are left alone.
    ['Search “2026-03-11”', 'Search “2026-03-11”'],
    ['Daily 2026-13-40', 'Daily 2026-13-40'],
    ['Daily 2026-02-30', 'Daily 2026-02-30'],
    ['Trending', 'Trending'],
  ])('%s → %s', (label, shown) => {
    expect(placeLabel(label, 'en-US')).toBe(shown);
  });
});
