/** Dates and counts as the library page shows them. */
const formats = new Map<string, Intl.DateTimeFormat>();

function format(options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  let found = formats.get(key);
  if (!found) formats.set(key, (found = new Intl.DateTimeFormat(undefined, options)));
  return found;
}

/** "Mar 9, 2026"; '' when unknown. */
export function formatDay(at: number | undefined): string {
  return at === undefined || !Number.isFinite(at) ? '' : format({ month: 'short', day: 'numeric', year: 'numeric' }, 'day').format(at);
}

/** "Mar 9, 2026, 14:05" */
export function formatDayTime(at: number | undefined): string {
  return at === undefined || !Number.isFinite(at) ? '' : format({ dateStyle: 'medium', timeStyle: 'short' }, 'dayTime').format(at);
}
