import { LIBRARY_FEED } from '@/utils/library/feed/feed';
import { useLibraryQuery } from '@/utils/ui/popup/use-paper-list';

/**
 * The latest result of a query of the library, run again after every change the change feed posts (in
 * this page or in any other context of the extension, e.g. the background writing a capture, or the
 * settings changed). `undefined` until the first result.
 */
export function useLiveQuery<T>(querier: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  return useLibraryQuery(LIBRARY_FEED, querier, deps);
}
