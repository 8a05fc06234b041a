/**
 * The library's one Dexie schema. Each `version(n)` below stays forever once released; a change adds a
 * new version with its `upgrade()` and a migration test (tests/unit/library/migrations.test.ts) that opens
 * a database written by every earlier version.
 *
 * Indexes hold only what is queried (every index makes each write slower: capture, import, bulk
 * actions): last seen (recent papers), the saved and read timestamps (absent when unset, so each index
 * lists exactly the saved / read papers), `updatedAt` (what changed since a stored index or snapshot)
 * and tags (multiEntry). Abstracts are never indexed. An index no code queries any more is dropped in
 * a new version (v5), as Dexie deletes the indexes a version's stores string leaves out.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { CaptureProblem, CaptureProblemReason } from '../messaging/messages';
import type { PaperCounters } from '../capture/fingerprint';
import type { CapturedPaper, Listing, PaperRecord, SourceSite } from '../paper/record';

export const DB_NAME = 'paperdex';

/** Markup drift and broken input, counted per site and reason (shown in the library's stats). */
export interface CaptureProblemRecord {
  /** `${site}:${reason}` */
  key: string;
  site: SourceSite;
  reason: CaptureProblemReason;
  count: number;
  firstAt: number;
  lastAt: number;
  lastUrl: string;
  lastDetail?: string;
}

/**
 * A captured batch, stored as it arrived before it is merged into `papers`. Writing one row answers a
 * capture fast and durably; `foldPendingCaptures` merges rows into the library right after (and again
 * whenever the background starts, so a worker stopped in between loses nothing).
 */
export interface PendingCaptureRecord {
  seq?: number;
  at: number;
  listing: Listing;
  papers: CapturedPaper[];
  problems: CaptureProblem[];
  /** Papers this listing showed last time with the same content: only the sighting and counters. */
  seen?: PaperCounters[];
  /**
   * The page position of each entry of `papers`, then of each of `seen` (the batch splits them apart);
   * absent when not known (rows queued before it was kept) or all 0: every entry is then seen at `at`. The fold stamps each paper `at` minus
   * its position in ms, so "last seen, newest first" lists one page visit in the page's order.
   */
  order?: number[];
}

/**
 * What a listing URL showed at its last capture (paper id → content fingerprint), so that a revisit
 * queues only what changed. Pruned after `LISTING_DIGEST_DAYS`.
 */
export interface ListingDigestRecord {
  url: string;
  at: number;
  cards: Record<string, string>;
}

/**
 * Derived data stored so it is restored, not rebuilt: the popup's word index (`words`) and the library
 * page's row snapshot (`library-rows`, `library-rows:<n>`, see utils/ui/library-page/row-cache-chunks.ts).
 */
export interface SearchIndexRecord {
  key: string;
  /** Format of `data`; a different one is rebuilt. */
  format: number;
  /** Every paper written up to this `updatedAt` is in the index. */
  indexedThrough: number;
  papers: number;
  data: unknown;
}

/** The user's settings: one row, see `utils/library/settings.ts`. */
export interface SettingsRecord {
  key: 'settings';
  [field: string]: unknown;
}

/**
 * A paper the user deleted from the library (or retention pruned): kept so the stored search index,
 * which catches up from `updatedAt`, also drops it. Pruned with the listing digests.
 */
export interface RemovedPaperRecord {
  id: string;
  at: number;
}

export const SCHEMA_VERSIONS = {
  1: {
    papers: 'id, lastSeenAt, savedAt, *tags',
    captureProblems: 'key',
    pendingCaptures: '++seq',
  },
  // updatedAt: lets the stored search index catch up with what changed since it was saved;
  // listingDigests: lets a revisit queue only what changed.
  2: {
    papers: 'id, lastSeenAt, savedAt, updatedAt, *tags',
    captureProblems: 'key',
    pendingCaptures: '++seq',
    searchIndex: 'key',
    listingDigests: 'url, at',
  },
  // readAt: the Unread/Read filters without a scan; settings: the options page and the dim-seen mark;
  // removedPapers: deletions the stored search index must catch up with.
  3: {
    papers: 'id, lastSeenAt, savedAt, updatedAt, readAt, *tags',
    captureProblems: 'key',
    pendingCaptures: '++seq',
    searchIndex: 'key',
    listingDigests: 'url, at',
    settings: 'key',
    removedPapers: 'id, at',
  },
  // firstSeenAt: "papers seen per week" and the library's "first seen" sort as index counts and ranges;
  // sites (multiEntry): counts and filters by source (HF / arXiv) without reading every record.
  4: {
    papers: 'id, lastSeenAt, firstSeenAt, savedAt, updatedAt, readAt, *tags, *sites',
    captureProblems: 'key',
    pendingCaptures: '++seq',
    searchIndex: 'key',
    listingDigests: 'url, at',
    settings: 'key',
    removedPapers: 'id, at',
  },
  // firstSeenAt and sites dropped: the library page's stats, first-seen sort and source filter now work
  // from its in-memory rows (utils/ui/library-page/stats.ts, view.ts), so nothing queries them, and the two
  // indexes (sites one entry per source) were a large part of each write's index upkeep: at 50k papers
  // an import's writes spent most of their time maintaining indexes. The records keep both fields.
  5: {
    papers: 'id, lastSeenAt, savedAt, updatedAt, readAt, *tags',
    captureProblems: 'key',
    pendingCaptures: '++seq',
    searchIndex: 'key',
    listingDigests: 'url, at',
    settings: 'key',
    removedPapers: 'id, at',
  },
} as const;

export const CURRENT_VERSION = 5;

export class PaperdexDB extends Dexie {
  papers!: EntityTable<PaperRecord, 'id'>;
  captureProblems!: EntityTable<CaptureProblemRecord, 'key'>;
  pendingCaptures!: EntityTable<PendingCaptureRecord, 'seq'>;
  searchIndex!: EntityTable<SearchIndexRecord, 'key'>;
  listingDigests!: EntityTable<ListingDigestRecord, 'url'>;
  settings!: EntityTable<SettingsRecord, 'key'>;
  removedPapers!: EntityTable<RemovedPaperRecord, 'id'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_VERSIONS[1]);
    this.version(2)
      .stores(SCHEMA_VERSIONS[2])
      .upgrade((transaction) =>
        transaction
          .table('papers')
          .toCollection()
          .modify((paper: Partial<PaperRecord>) => {
            paper.updatedAt ??= paper.lastSeenAt ?? 0;
          }),
      );
    // New indexes and tables only: Dexie builds the readAt index from existing records.
    this.version(3).stores(SCHEMA_VERSIONS[3]);
    // New indexes only, built by Dexie from existing records.
    this.version(4).stores(SCHEMA_VERSIONS[4]);
    // Indexes dropped only (Dexie deletes them); records are unchanged.
    this.version(5).stores(SCHEMA_VERSIONS[5]);
  }
}

let shared: PaperdexDB | undefined;

/** The extension's library, opened lazily once per context. */
export function libraryDb(): PaperdexDB {
  shared ??= new PaperdexDB();
  return shared;
}
