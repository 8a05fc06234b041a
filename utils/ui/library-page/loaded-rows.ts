/**
 * What the library page hands its other views (Stats, Settings): its live rows, so they compute their
 * figures in memory instead of querying IndexedDB again.
 */
import type { TableRow } from './table-rows';

export interface LoadedRows {
  /** Every row loaded so far (the page's live map: read it again when `version` changes). */
  rows: ReadonlyMap<string, TableRow>;
  /** Changes whenever the rows do. */
  version: number;
  /** Rows loaded so far. */
  loaded: number;
  /** The whole library is in: figures from `rows` are the library's. */
  complete: boolean;
}
