/**
 * The library as the popup holds it while its IndexedDB connection is still opening: every read waits
 * for the connection, so the popup can render (the snapshot of the last open's list) and
 * start its reads at once, in the same task that loads it, instead of after the database is open.
 */
import type { PopupLibrary } from './plain-library-db';

type Method = Exclude<keyof PopupLibrary, 'onChange'>;

/** Every method but `onChange`: the compiler says when `PopupLibrary` gains one not listed. */
const METHODS = Object.keys({
  storedIndex: 0,
  storeIndex: 0,
  cursor: 0,
  countPapers: 0,
  papersAfter: 0,
  changesSince: 0,
  presentIds: 0,
  getPapers: 0,
  recent: 0,
  recentAndCursor: 0,
  recentAmong: 0,
  idsWith: 0,
  idsTagged: 0,
  allIds: 0,
  tagCounts: 0,
} satisfies Record<Method, 0>) as Method[];

/** `ready` must not reject: it resolves to `NO_LIBRARY` when there is no library to open. */
export function libraryWhenOpen(ready: Promise<PopupLibrary>): PopupLibrary {
  const library = {
    onChange(listener: () => void): () => void {
      let stop: (() => void) | undefined;
      let stopped = false;
      void ready.then((opened) => {
        if (!stopped) stop = opened.onChange(listener);
      });
      return () => {
        stopped = true;
        stop?.();
      };
    },
  } as PopupLibrary;
  for (const name of METHODS) {
    (library as unknown as Record<Method, unknown>)[name] = (...args: unknown[]) =>
      ready.then((opened) => (opened[name] as (...given: unknown[]) => unknown).apply(opened, args));
  }
  return library;
}
