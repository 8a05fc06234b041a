/**
 * The part of `browser.storage.local` the copy uses, so tests and the bench can pass any area (WXT's
 * fakeBrowser, or a counting wrapper). `get(null)` reads the whole area: only restore and the daily
 * check do.
 */
export interface LocalArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
