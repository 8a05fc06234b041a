import { useLayoutEffect, useState } from 'preact/hooks';

export interface ChangeSource {
  /** Calls `listener` after each change to the library; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

/**
 * The latest result of `querier`, run again after every change to the library (here or in any other
 * part of the extension: the background writing a capture, a save in the library page). `undefined`
 * until the first result. Runs never overlap: changes during a run cause one more run after it.
 */
export function useLibraryQuery<T>(library: ChangeSource, querier: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [result, setResult] = useState<{ value: T } | undefined>(undefined);
  // Subscribed before the first paint, so the first read starts at once.
  useLayoutEffect(() => {
    let current = true;
    let running = false;
    let again = false;
    const run = () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      querier()
        .then(
          (value) => current && setResult({ value }),
          (error: unknown) => current && console.error('[Paperdex] reading the library failed', error),
        )
        .finally(() => {
          running = false;
          if (again && current) {
            again = false;
            run();
          }
        });
    };
    const stop = library.onChange(run);
    run();
    return () => {
      current = false;
      stop();
    };
  }, [library, ...deps]);
  return result?.value;
}
