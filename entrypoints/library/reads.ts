/**
 * What the library page reads besides its rows, each kept live (a write anywhere in the extension is
 * followed): the components get the results as props and never touch the database themselves.
 */
import { useLiveQuery } from '@/components/shared/use-live-query';
import type { PaperdexDB } from '@/utils/library/schema';
import { readSettings } from '@/utils/library/settings';

/** One paper in full (the paper view): `undefined` while it is read, `null` when it is not in the library. */
export function usePaper(db: PaperdexDB, id: string) {
  return useLiveQuery(() => db.papers.get(id).then((record) => record ?? null), [db, id]);
}

export function useSettings(db: PaperdexDB) {
  return useLiveQuery(() => readSettings(db), [db]);
}

export function useCaptureProblems(db: PaperdexDB) {
  return useLiveQuery(() => db.captureProblems.toArray(), [db]);
}
