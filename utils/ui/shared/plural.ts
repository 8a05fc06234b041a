/** One formatter: `toLocaleString` builds one per call (~0.2 ms, on every keystroke's count line in the popup). */
let counts: Intl.NumberFormat | undefined;

/** "1 paper", "12,034 papers": the count grouped as in English, whatever the browser's locale. */
export function plural(count: number, one: string, many: string): string {
  return `${(counts ??= new Intl.NumberFormat('en-US')).format(count)} ${count === 1 ? one : many}`;
}
