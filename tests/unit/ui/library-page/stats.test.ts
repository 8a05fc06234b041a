import { afterAll, describe, expect, it } from 'vitest';
import { toTableRow } from '@/utils/ui/library-page/table-rows';
import { chartPeriods, lastDays, lastWeeks, seenChart, tagCounts, totalsOf, weekStart, weeklySeen } from '@/utils/ui/library-page/stats';
import type { PaperRecord, SeenPlace } from '@/utils/paper/record';

// Weeks are local calendar weeks: pinned to a zone with daylight saving to test its changes.
// Set before any date below is computed (the tables are built when the file loads).
const zone = process.env.TZ;
process.env.TZ = 'Europe/Berlin';
afterAll(() => {
  process.env.TZ = zone;
});

const local = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

function place(lastAt: number): SeenPlace {
  return { site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers', lastAt, count: 1 };
}

function paper(id: string, firstSeenAt: number, extra: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id,
    title: `Paper ${id}`,
    links: {},
    firstSeenAt,
    lastSeenAt: firstSeenAt,
    seenCount: 1,
    seenOn: [],
    sites: ['hf'],
    tags: [],
    updatedAt: firstSeenAt,
    ...extra,
  };
}

describe('weeks', () => {
  it.each([
    ['a Monday noon', local(2026, 11, 23), local(2026, 11, 23, 0)],
    ['a Sunday night', local(2026, 11, 29, 23), local(2026, 11, 23, 0)],
    ['a Wednesday', local(2026, 11, 25), local(2026, 11, 23, 0)],
    ['Monday 00:00 exactly', local(2026, 11, 23, 0), local(2026, 11, 23, 0)],
  ])('the week of %s starts on its Monday at local midnight', (_name, at, monday) => {
    expect(weekStart(at)).toBe(monday);
  });

  it('are whole local weeks, oldest first, ending with the current one, across daylight-saving changes', () => {
    const now = local(2026, 11, 27);
    const weeks = lastWeeks(now, 40); // back to February: spans the March and October changes
    expect(weeks).toHaveLength(40);
    expect(weeks.at(-1)!.start).toBe(weekStart(now));
    for (const [index, week] of weeks.entries()) {
      const start = new Date(week.start);
      expect([start.getDay(), start.getHours(), start.getMinutes()]).toEqual([1, 0, 0]);
      if (index) expect(week.start).toBe(weeks[index - 1]!.end);
    }
    // One of them is an hour short (spring forward), one an hour long (fall back).
    const lengths = new Set(weeks.map((week) => (week.end - week.start) / 3_600_000));
    expect(lengths).toEqual(new Set([168, 167, 169]));
  });
});

describe('library figures, from the page\'s rows', () => {
  const rows = (papers: PaperRecord[]) => papers.map(toTableRow);

  it('totals: saved, read, tagged once per paper, per source', () => {
    const now = local(2026, 11, 27);
    const library = rows([
      paper('1', now, { savedAt: now, tags: ['a', 'b', 'c'] }),
      paper('2', now, { readAt: now, sites: ['arxiv'] }),
      paper('3', now, { savedAt: now, readAt: now, tags: ['a'], sites: ['hf', 'arxiv'] }),
      paper('4', now),
    ]);
    expect(totalsOf(library)).toEqual({ seen: 4, saved: 2, read: 2, tagged: 2, bySource: { hf: 3, arxiv: 2 } });
    // Any iterable, e.g. the page's Map of rows.
    expect(totalsOf(new Map(library.map((row) => [row.id, row])).values()).seen).toBe(4);
  });

  it('an empty library is all zeros', () => {
    expect(totalsOf([])).toEqual({ seen: 0, saved: 0, read: 0, tagged: 0, bySource: { hf: 0, arxiv: 0 } });
    const { weeks, seen, firstSeen } = weeklySeen([], Date.now(), 12);
    expect(weeks).toHaveLength(12);
    expect(weeks.every((week) => week.seen === 0 && week.firstSeen === 0)).toBe(true);
    expect([seen, firstSeen]).toEqual([0, 0]);
  });

  it('counts papers in each week they were seen, and apart the week they were first seen, bounds included once', () => {
    const now = local(2026, 11, 27); // a Friday
    const thisMonday = weekStart(now);
    const lastMonday = local(2026, 11, 16, 0);
    const library = rows([
      paper('a', thisMonday), // first instant of this week
      paper('b', thisMonday - 1), // last instant of last week
      paper('c', now, { lastSeenAt: now }),
      paper('d', lastMonday + 3 * 86_400_000, { lastSeenAt: now }), // new last week, seen again this week
      paper('e', local(2025, 1, 1)), // before the chart
      paper('f', local(2026, 11, 30)), // in the future (clock skew): not in any week shown
      // First seen before the chart; on one listing two weeks ago, on another this week (twice that week).
      paper('g', local(2025, 6, 1), {
        lastSeenAt: now - 1,
        seenOn: [place(local(2026, 11, 10)), place(thisMonday + 1)],
      }),
    ]);
    const { weeks, seen, firstSeen } = weeklySeen(library, now, 4);
    expect(weeks.map((week) => week.seen)).toEqual([0, 1, 2, 4]);
    expect(weeks.map((week) => week.firstSeen)).toEqual([0, 0, 2, 2]);
    expect(weeks.at(-2)!.start).toBe(lastMonday);
    // Different papers over the four weeks: a, b, c, d, g (d and g once, though seen in two weeks).
    expect([seen, firstSeen]).toEqual([5, 4]);
  });

  it('puts each paper in the week whose bounds hold it, across daylight-saving changes (checked one by one)', () => {
    const now = local(2026, 11, 27);
    // Every 5 hours back to January, with the first instant of each week and the last of the one before.
    const times: number[] = [];
    for (let at = now; at > local(2026, 1, 1); at -= 5 * 3_600_000) times.push(at);
    for (const week of lastWeeks(now, 48)) times.push(week.start, week.start - 1);
    const library = rows(times.map((at, index) => paper(String(index), at)));
    const { weeks } = weeklySeen(library, now, 48);
    const expected = weeks.map((week) => times.filter((at) => at >= week.start && at < week.end).length);
    expect(weeks.map((week) => week.firstSeen)).toEqual(expected);
    expect(weeks.map((week) => week.seen)).toEqual(expected);
    expect(weeks.reduce((sum, week) => sum + week.firstSeen, 0)).toBe(times.filter((at) => at >= weeks[0]!.start && at < weeks.at(-1)!.end).length);
  });
});

const tableRows = (papers: PaperRecord[]) => papers.map(toTableRow);

describe('the chart adapts to the library', () => {
  const now = local(2026, 11, 27, 15); // a Friday afternoon

  it('charts a library a few days old per day, a week of them at least, and no empty weeks before it began', () => {
    const { unit, ranges } = chartPeriods(local(2026, 11, 25, 9), now);
    expect(unit).toBe('day');
    expect(ranges).toHaveLength(7);
    expect(ranges.at(-1)).toEqual({ start: local(2026, 11, 27, 0), end: local(2026, 11, 28, 0) });
    expect(chartPeriods(undefined, now)).toMatchObject({ unit: 'day', ranges: { length: 7 } });
    // Ten days old: every day since it began.
    expect(chartPeriods(local(2026, 11, 17), now).ranges).toHaveLength(11);
  });

  it('charts per week from two weeks of age, as many weeks as the library has, at most 26', () => {
    expect(chartPeriods(local(2026, 11, 13), now)).toMatchObject({ unit: 'week', ranges: { length: 3 } });
    expect(chartPeriods(local(2026, 9, 1), now)).toMatchObject({ unit: 'week', ranges: { length: 13 } });
    expect(chartPeriods(local(2024, 1, 1), now).ranges).toHaveLength(26);
  });

  it('days are local calendar days, across a daylight-saving change', () => {
    // Europe/Berlin left summer time on Oct 25, 2026: that day has 25 hours.
    const days = lastDays(local(2026, 10, 27), 4);
    expect(days.map(({ start, end }) => (end - start) / 3_600_000)).toEqual([24, 25, 24, 24]);
    expect(days.every(({ start }) => new Date(start).getHours() === 0)).toBe(true);
  });

  it('counts a young library per day: today, yesterday and the days between', () => {
    const library = tableRows([
      paper('a', local(2026, 11, 27, 9)),
      paper('b', local(2026, 11, 27, 10)),
      paper('c', local(2026, 11, 24, 9), { lastSeenAt: local(2026, 11, 27, 11) }),
    ]);
    const chart = seenChart(library, now);
    expect(chart.unit).toBe('day');
    expect(chart.periods.map((day) => day.seen)).toEqual([0, 0, 0, 1, 0, 0, 3]);
    expect(chart.periods.map((day) => day.firstSeen)).toEqual([0, 0, 0, 1, 0, 0, 2]);
    expect([chart.seen, chart.firstSeen]).toEqual([3, 3]);
  });
});

describe('reading lists', () => {
  it('counts the papers of each tag, the largest lists first, ties by name', () => {
    const library = tableRows([
      paper('a', 1, { tags: ['to-read', 'survey'] }),
      paper('b', 1, { tags: ['to-read'] }),
      paper('c', 1, { tags: ['agents'] }),
      paper('d', 1),
    ]);
    expect(tagCounts(library)).toEqual([
      { tag: 'to-read', count: 2 },
      { tag: 'agents', count: 1 },
      { tag: 'survey', count: 1 },
    ]);
    expect(tagCounts([])).toEqual([]);
  });
});
