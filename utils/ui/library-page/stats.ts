/**
 * The library's figures for the Stats view: totals, papers seen (and first seen) per week, papers per source,
 * computed from the light rows the library page already holds (`rows.ts`). IndexedDB counts walk every
 * entry they count (seconds at 50k, competing with the page's own row load); a pass over the rows in
 * memory takes a few milliseconds.
 */
import { calendarDaysBetween } from '../shared/seen-time';
import { type TableRow, rowSeenTimes } from './table-rows';

export interface LibraryTotals {
  seen: number;
  saved: number;
  read: number;
  /** Papers with at least one tag. */
  tagged: number;
  /** Papers seen on each site (a paper seen on both counts in each). */
  bySource: { hf: number; arxiv: number };
}

export interface WeekCount {
  /** Local midnight of the week's Monday, epoch ms. */
  start: number;
  /** Local midnight of the next Monday. */
  end: number;
  /**
   * Papers with a recorded sighting that week. A record keeps its first and last sighting and each
   * listing's last one (not every view), so a paper seen in three weeks with nothing recorded in the
   * middle one is counted in the first and last only.
   */
  seen: number;
  /** Papers first seen that week (also counted in `seen`). */
  firstSeen: number;
}

/** The weeks, and how many different papers were seen over all of them. */
export interface WeeklySeen {
  weeks: WeekCount[];
  /** Papers with a recorded sighting in any week shown (each counted once). */
  seen: number;
  /** Papers first seen in the weeks shown. */
  firstSeen: number;
}

/** Weeks the chart shows: about half a year. */
export const CHART_WEEKS = 26;

/** The Monday (local midnight) of the week containing `at`. */
export function weekStart(at: number): number {
  const day = new Date(at);
  day.setHours(0, 0, 0, 0);
  // getDay: Sunday 0 … Saturday 6; weeks start on Monday (ISO).
  day.setDate(day.getDate() - ((day.getDay() + 6) % 7));
  return day.getTime();
}

/**
 * The last `weeks` weeks up to and including the current one, oldest first. Built with calendar
 * arithmetic, not 7 × 24 h steps, so a daylight-saving change does not shift a week's bounds.
 */
export function lastWeeks(now: number, weeks = CHART_WEEKS): { start: number; end: number }[] {
  const first = new Date(weekStart(now));
  first.setDate(first.getDate() - 7 * (weeks - 1));
  return Array.from({ length: weeks }, (_, index) => {
    const start = new Date(first);
    start.setDate(first.getDate() + 7 * index);
    const end = new Date(start);
    end.setDate(start.getDate() + 7);
    return { start: start.getTime(), end: end.getTime() };
  });
}

/**
 * Every total in one pass over the page's rows (a few ms at 50k): no IndexedDB work, so the figures
 * neither wait for nor slow down the page's own loading.
 */
export function totalsOf(rows: Iterable<TableRow>): LibraryTotals {
  let seen = 0;
  let saved = 0;
  let read = 0;
  let tagged = 0;
  let hf = 0;
  let arxiv = 0;
  for (const row of rows) {
    seen++;
    if (row.savedAt != null) saved++;
    if (row.readAt != null) read++;
    if (row.tags.length) tagged++;
    if (row.sites.includes('hf')) hf++;
    if (row.sites.includes('arxiv')) arxiv++;
  }
  return { seen, saved, read, tagged, bySource: { hf, arxiv } };
}

/**
 * Papers seen, and first seen, in each of the last `weeks` weeks, from the rows' recorded sightings
 * (`rowSeenTimes`, as the seen-date filter uses); one pass, a binary search per sighting.
 */
export function weeklySeen(rows: Iterable<TableRow>, now: number, weeks = CHART_WEEKS): WeeklySeen {
  const { periods, seen, firstSeen } = seenPerPeriod(rows, lastWeeks(now, weeks));
  return { weeks: periods, seen, firstSeen };
}

/** A stretch of time on the chart: a local calendar day or a Monday-to-Monday week. */
export type ChartUnit = 'day' | 'week';

/** The chart's periods, oldest first, and what each one is. */
export interface SeenChart {
  unit: ChartUnit;
  periods: WeekCount[];
  /** Papers with a recorded sighting in any period shown (each counted once). */
  seen: number;
  /** Papers first seen in the periods shown. */
  firstSeen: number;
}

/** A library younger than this many days is charted per day: a week-old library shows days, not empty weeks. */
export const DAY_CHART_LIMIT = 14;
/** The fewest days a day chart shows, so a library one day old still reads as a week. */
const MIN_CHART_DAYS = 7;

/** The last `days` local calendar days up to and including today, oldest first (calendar arithmetic, as `lastWeeks`). */
export function lastDays(now: number, days: number): { start: number; end: number }[] {
  const first = new Date(now);
  first.setHours(0, 0, 0, 0);
  first.setDate(first.getDate() - (days - 1));
  return Array.from({ length: days }, (_, index) => {
    const start = new Date(first);
    start.setDate(first.getDate() + index);
    const end = new Date(start);
    end.setDate(start.getDate() + 1);
    return { start: start.getTime(), end: end.getTime() };
  });
}

/** The earliest first sighting among the rows (`undefined` for an empty library). */
export function oldestSighting(rows: Iterable<TableRow>): number | undefined {
  let oldest: number | undefined;
  for (const row of rows) if (oldest === undefined || row.firstSeenAt < oldest) oldest = row.firstSeenAt;
  return oldest;
}

/**
 * The periods the chart shows for a library whose oldest sighting is `oldest`: days while it is younger
 * than two weeks (at least a week of them), then as many weeks as it has, up to `CHART_WEEKS`; never a run
 * of empty periods before the library began.
 */
export function chartPeriods(oldest: number | undefined, now: number): { unit: ChartUnit; ranges: { start: number; end: number }[] } {
  const start = oldest === undefined ? now : Math.min(oldest, now);
  const ageDays = calendarDaysBetween(start, now);
  if (ageDays < DAY_CHART_LIMIT) return { unit: 'day', ranges: lastDays(now, Math.max(MIN_CHART_DAYS, ageDays + 1)) };
  const ageWeeks = Math.round((weekStart(now) - weekStart(start)) / (7 * 86_400_000));
  return { unit: 'week', ranges: lastWeeks(now, Math.min(CHART_WEEKS, ageWeeks + 1)) };
}

/** Papers seen, and first seen, in each of the given contiguous periods (oldest first); one pass, as `weeklySeen`. */
export function seenPerPeriod(rows: Iterable<TableRow>, ranges: readonly { start: number; end: number }[]): Omit<SeenChart, 'unit'> {
  const seen = new Array<number>(ranges.length).fill(0);
  const firstSeen = new Array<number>(ranges.length).fill(0);
  const from = ranges[0]!.start;
  const to = ranges.at(-1)!.end;
  // The last period starting at or before `at` (periods are contiguous: each starts where the last ends).
  const periodOf = (at: number): number => {
    if (!(at >= from && at < to)) return -1;
    let low = 0;
    let high = ranges.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (ranges[middle]!.start <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  let papersSeen = 0;
  let papersFirstSeen = 0;
  // The periods one row was seen in (each once: a row is seen at most a few times).
  const rowPeriods: number[] = [];
  for (const row of rows) {
    const first = periodOf(row.firstSeenAt);
    if (first >= 0) {
      firstSeen[first] = firstSeen[first]! + 1;
      papersFirstSeen++;
    }
    rowPeriods.length = 0;
    for (const at of rowSeenTimes(row)) {
      const period = periodOf(at);
      if (period >= 0 && !rowPeriods.includes(period)) rowPeriods.push(period);
    }
    for (const period of rowPeriods) seen[period] = seen[period]! + 1;
    if (rowPeriods.length) papersSeen++;
  }
  return {
    periods: ranges.map((range, index) => ({ ...range, seen: seen[index]!, firstSeen: firstSeen[index]! })),
    seen: papersSeen,
    firstSeen: papersFirstSeen,
  };
}

/** The chart for these rows at `now`: its unit chosen from the library's age (`chartPeriods`). */
export function seenChart(rows: readonly TableRow[], now: number): SeenChart {
  const { unit, ranges } = chartPeriods(oldestSighting(rows), now);
  return { unit, ...seenPerPeriod(rows, ranges) };
}

/** A tag and how many papers carry it: a reading list. */
export interface TagCount {
  tag: string;
  count: number;
}

/** Every tag with its number of papers, the largest lists first (ties by name). */
export function tagCounts(rows: Iterable<TableRow>): TagCount[] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const tag of row.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
