/**
 * What Settings and Stats say about sync, in plain words (no Dexie, no UI): what did not fit, and why remote
 * items were ignored (the engine's reasons are technical: "expected , at 12").
 */
import { plural } from '../../ui/shared/plural';
import type { SyncIgnoredView, SyncLeftOut } from './sync-store';

/** "412 notes don't fit in browser sync", one line per kind; empty when everything fits. */
export function leftOutLines(leftOut: SyncLeftOut | undefined): string[] {
  if (!leftOut) return [];
  const lines: string[] = [];
  const line = (count: number, one: string, many: string) => {
    if (count) lines.push(`${plural(count, one, many)} ${count === 1 ? "doesn't" : "don't"} fit in browser sync`);
  };
  line(leftOut.papers, 'marked paper', 'marked papers');
  line(leftOut.notes, 'note', 'notes');
  line(leftOut.titles, 'title', 'titles');
  return lines;
}

/** Why an item was ignored, for a person. */
export function ignoredReasonText(reason: string): string {
  if (/^format \d+ is newer/.test(reason)) return 'written by a newer version of Paperdex (update Paperdex here to read it)';
  if (reason.startsWith('clock ahead')) return "written by a device whose clock is ahead (read once this device's time catches up)";
  return 'damaged, or not written by Paperdex';
}

/** How many of the shown items were ignored for each reason (in plain words), most frequent first. */
function ignoredCounts(ignored: readonly SyncIgnoredView[]): [text: string, count: number][] {
  const counts = new Map<string, number>();
  for (const item of ignored) {
    const text = ignoredReasonText(item.reason);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** "2 items written by a newer version of Paperdex …", one line per reason, most frequent first. */
export function ignoredLines(ignored: readonly SyncIgnoredView[], total: number): string[] {
  const lines = ignoredCounts(ignored).map(([text, count]) => `${plural(count, 'item', 'items')} ${text}`);
  if (total > ignored.length) lines.push(`${plural(total - ignored.length, 'more item', 'more items')} not shown`);
  return lines;
}

/**
 * The same in one sentence, for Stats: "2 items from another browser were ignored: 1 written by a newer
 * version of Paperdex (…); 1 damaged, or not written by Paperdex. Your library is unchanged." Empty when
 * nothing was ignored.
 */
export function ignoredSummary(ignored: readonly SyncIgnoredView[], total: number): string {
  if (total === 0) return '';
  const parts = ignoredCounts(ignored).map(([text, count]) => `${count} ${text}`);
  if (total > ignored.length) parts.push(`${(total - ignored.length).toLocaleString('en-US')} not shown`);
  return `${plural(total, 'item', 'items')} from another browser ${total === 1 ? 'was' : 'were'} ignored: ${parts.join('; ')}. Your library is unchanged.`;
}
