/**
 * The background's side: runs the copy at start, and again after every change of the user's on the
 * change feed (saves, tags, reads, notes, deletes, imports: whatever context made them). Captures are
 * skipped without a read (they never change a mark; the next run reads what they wrote, once, from its
 * cursor). One run at a time; changes arriving during a run make one more run after it.
 */
import { onLibraryChange } from '../feed/feed';
import type { PaperdexDB } from '../schema';
import type { LocalArea } from './area';
import { updateMarksCopy, type UpdateResult } from './update';

export interface KeepOptions {
  /** True while storage is in trouble: nothing is written then (a restore least of all), the next change retries. */
  paused?: () => Promise<boolean>;
  onError?: (error: unknown) => void;
  onUpdated?: (result: UpdateResult) => void;
}

export interface MarksCopyKeeper {
  /** A run now, or after the running one; resolves when it is done. */
  run(): Promise<void>;
  stop(): void;
}

export function keepMarksCopy(db: PaperdexDB, area: LocalArea, options: KeepOptions = {}): MarksCopyKeeper {
  let running: Promise<void> = Promise.resolve();
  let next: Promise<void> | undefined;
  const once = async () => {
    next = undefined;
    if (await options.paused?.()) return;
    const result = await updateMarksCopy(db, area);
    options.onUpdated?.(result);
  };
  const run = () =>
    (next ??= running = running.then(once).catch((error: unknown) => (options.onError ?? console.error)(error)));
  const stop = onLibraryChange((change) => {
    if (change.kind === 'papers' && change.user) void run();
  });
  return { run, stop };
}
