/**
 * The library's one Dexie schema. Each `version(n)` below stays forever once released; a change adds a
 * new version with its `upgrade()` and a migration test (tests/unit/db/migrations.test.ts) that opens
 * a database written by every earlier version.
 *
 * Indexes hold only what is queried: dates, the saved/read timestamps (absent when unset, so they act
 * as "is saved"/"is read" filters) and tags (multiEntry). Abstracts are never indexed.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { CaptureProblemReason } from '../messages';
import type { PaperRecord, SourceSite } from '../paper';

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

export const SCHEMA_VERSIONS = {
  1: {
    papers: 'id, firstSeenAt, lastSeenAt, savedAt, readAt, *tags',
    captureProblems: 'key, lastAt',
  },
} as const;

export const CURRENT_VERSION = 1;

export class PaperdexDB extends Dexie {
  papers!: EntityTable<PaperRecord, 'id'>;
  captureProblems!: EntityTable<CaptureProblemRecord, 'key'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_VERSIONS[1]);
  }
}

let shared: PaperdexDB | undefined;

/** The extension's library, opened lazily once per context. */
export function libraryDb(): PaperdexDB {
  shared ??= new PaperdexDB();
  return shared;
}
