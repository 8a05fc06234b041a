import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * The latest result of a Dexie query, re-run whenever what it read changes (in this page or in any
 * other context of the extension, e.g. the background writing a capture). `undefined` until the first
 * result.
 */
export function useLiveQuery<T>(querier: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [result, setResult] = useState<{ value: T } | undefined>(undefined);
  // Subscribed before the first paint, so the first read starts at once.
  useLayoutEffect(() => {
    const subscription = liveQuery(querier).subscribe({
      next: (value) => setResult({ value }),
      error: (error: unknown) => console.error('[Paperdex] live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return result?.value;
}
