/**
 * Paperdex's one date formatter, for the popup and the library page: day groups for the popup's recent
 * list ("Today", "Yesterday", "Monday, Mar 9"), a short relative time for a paper ("5 min ago",
 * "yesterday", "Mar 9"), and plain dates ("Mar 9, 2026", "Mar 9, 2026, 14:05"). Calendar days are
 * local days, so a paper seen at 23:50 is "yesterday" ten minutes later.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function startOfDay(at: number): number {
  const date = new Date(at);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Whole local calendar days from `at` to `now` (0: same day, 1: yesterday; negative in the future). */
export function calendarDaysBetween(at: number, now: number): number {
  // Rounded: a day with a DST change is 23 or 25 hours long.
  return Math.round((startOfDay(now) - startOfDay(at)) / DAY);
}

/** A stable key for the local day of `at`: "2026-03-11". */
export function dayKey(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const DATE_STYLES = {
  weekdayDate: { weekday: 'long', month: 'short', day: 'numeric' },
  date: { month: 'short', day: 'numeric' },
  dateWithYear: { month: 'short', day: 'numeric', year: 'numeric' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  monthYear: { month: 'long', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
type DateStyle = keyof typeof DATE_STYLES;

const formats = new Map<string, Intl.DateTimeFormat>();

/** Formats a date; formatters are cached (making one costs far more than using it). */
function formatDate(at: number, style: DateStyle, locale: string | undefined): string {
  const key = `${style}|${locale ?? ''}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(locale, DATE_STYLES[style])));
  return format.format(at);
}

function sameYear(at: number, now: number): boolean {
  return new Date(at).getFullYear() === new Date(now).getFullYear();
}

/** Heading of a day group: "Today", "Yesterday", "Monday, Mar 9", or "Mar 9, 2025" in another year. */
export function dayLabel(at: number, now: number, locale?: string): string {
  const days = calendarDaysBetween(at, now);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return formatDate(at, sameYear(at, now) ? 'weekdayDate' : 'dateWithYear', locale);
}

/** Short relative time: "just now", "12 min ago", "3 h ago", "yesterday", "4 days ago", "Mar 9", "Mar 9, 2025". */
export function seenAgo(at: number, now: number, locale?: string): string {
  const elapsed = now - at;
  const days = calendarDaysBetween(at, now);
  if (elapsed < MINUTE || days < 0) return 'just now';
  if (days === 0) return elapsed < HOUR ? `${Math.floor(elapsed / MINUTE)} min ago` : `${Math.floor(elapsed / HOUR)} h ago`;
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return calendarDate(at, now, locale);
}

/** "Mar 9, 2026"; '' when unknown. */
export function formatDay(at: number | undefined, locale?: string): string {
  return at === undefined || !Number.isFinite(at) ? '' : formatDate(at, 'dateWithYear', locale);
}

/** "Mar 9, 2026, 14:05"; '' when unknown. */
export function formatDayTime(at: number | undefined, locale?: string): string {
  return at === undefined || !Number.isFinite(at) ? '' : formatDate(at, 'dateTime', locale);
}

export interface DayGroup<T> {
  key: string;
  label: string;
  items: T[];
}

/**
 * Splits items (already sorted, most recent first) into runs of the same local day. Order is kept:
 * an item out of order starts a new run rather than being moved.
 */
export function groupBySeenDay<T>(items: readonly T[], seenAt: (item: T) => number, now: number, locale?: string): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const at = seenAt(item);
    const key = dayKey(at);
    const last = groups.at(-1);
    if (last?.key === key) last.items.push(item);
    else groups.push({ key, label: dayLabel(at, now, locale), items: [item] });
  }
  return groups;
}

/** A calendar date: "Mar 9", or "Mar 9, 2025" in another year than `now`'s. */
export function calendarDate(at: number, now: number, locale?: string): string {
  return formatDate(at, sameYear(at, now) ? 'date' : 'dateWithYear', locale);
}

/** ISO dates in a listing's label: a day "2026-03-11", a week "2026-W11", a month "2026-03". */
const LABEL_DATE = /\b(\d{4})-(?:(\d{2})-(\d{2})|W(\d{2})|(\d{2}))\b/g;

/**
 * A listing's stored label ("Daily 2026-03-11", "Weekly 2026-W11", "arXiv cs.LG · 2026-03", "catch-up
 * 2026-03-10") with its dates as Paperdex writes dates elsewhere: "Daily Mar 11, 2026", "Weekly week 11,
 * 2026", "arXiv cs.LG · March 2026". Labels are stored as captured (locale-free); only display changes.
 * A quoted search query is the user's text and stays as typed.
 */
export function placeLabel(label: string, locale?: string): string {
  return label
    .split(/(“[^”]*”)/)
    .map((part, at) =>
      at % 2
        ? part
        : part.replace(LABEL_DATE, (whole, year: string, month?: string, day?: string, week?: string, onlyMonth?: string) => {
            const y = Number(year);
            if (week !== undefined) return Number(week) >= 1 && Number(week) <= 53 ? `week ${Number(week)}, ${y}` : whole;
            const m = Number(month ?? onlyMonth);
            if (m < 1 || m > 12) return whole;
            if (day === undefined) return formatDate(new Date(y, m - 1, 1).getTime(), 'monthYear', locale);
            const date = new Date(y, m - 1, Number(day));
            return date.getMonth() === m - 1 ? formatDate(date.getTime(), 'dateWithYear', locale) : whole;
          }),
    )
    .join('');
}
