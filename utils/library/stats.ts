/**
 * The library's figures for the Stats view, read from indexes only (no paper record is read): totals,
 * papers first seen per week, papers per source. IndexedDB counts walk the entries they count, so the
 * cost grows with the library, but without reading (or cloning) a single record.
 */
import type { PaperdexDB } from '../db/schema';

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
  /** Papers first seen that week. */
  count: number;
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
 * Each figure is its own query, so a view can show each as soon as it is counted. IndexedDB counts are
 * linear in the entries counted: the small ones (saved, read, arXiv) answer first.
 */
export const FIGURES = {
  seen: (db: PaperdexDB) => db.papers.count(),
  saved: (db: PaperdexDB) => db.papers.orderBy('savedAt').count(),
  read: (db: PaperdexDB) => db.papers.orderBy('readAt').count(),
  // The multiEntry index lists a paper once per tag: its primary keys, deduplicated.
  tagged: async (db: PaperdexDB) => new Set(await db.papers.orderBy('tags').primaryKeys()).size,
  hf: (db: PaperdexDB) => db.papers.where('sites').equals('hf').count(),
  arxiv: (db: PaperdexDB) => db.papers.where('sites').equals('arxiv').count(),
} as const satisfies Record<string, (db: PaperdexDB) => Promise<number>>;

export type FigureName = keyof typeof FIGURES;

/** Every figure at once, from one snapshot of the library. */
export async function readTotals(db: PaperdexDB): Promise<LibraryTotals> {
  return db.transaction('r', db.papers, async () => {
    const [seen, saved, read, tagged, hf, arxiv] = await Promise.all(
      (['seen', 'saved', 'read', 'tagged', 'hf', 'arxiv'] as const).map((name) => FIGURES[name](db)),
    );
    return { seen: seen!, saved: saved!, read: read!, tagged: tagged!, bySource: { hf: hf!, arxiv: arxiv! } };
  });
}

/** Papers first seen in each of the last `weeks` weeks (one index count per week). */
export async function readWeeklyFirstSeen(db: PaperdexDB, now: number, weeks = CHART_WEEKS): Promise<WeekCount[]> {
  const ranges = lastWeeks(now, weeks);
  return db.transaction('r', db.papers, async () => {
    const counts = await Promise.all(ranges.map(({ start, end }) => db.papers.where('firstSeenAt').between(start, end, true, false).count()));
    return ranges.map((range, index) => ({ ...range, count: counts[index]! }));
  });
}
