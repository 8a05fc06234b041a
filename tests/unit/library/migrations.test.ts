/**
 * Migration pattern: for every schema version there is a fixture of a library as that version wrote it.
 * Each test creates the old database with plain Dexie at that version's schema, then opens it with the
 * current PaperdexDB and checks that nothing was lost and every record has the current shape.
 * A new `version(n).upgrade()` adds its fixture here; the table then runs every upgrade path in sequence.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { foldPendingCaptures } from '@/utils/capture/record-capture';
import { CURRENT_VERSION, PaperdexDB, SCHEMA_VERSIONS } from '@/utils/library/schema';
import v1Library from '../../fixtures/db/library-v1.json';
import v2Library from '../../fixtures/db/library-v2.json';
import v3Library from '../../fixtures/db/library-v3.json';
import v4Library from '../../fixtures/db/library-v4.json';

interface LibraryFixture {
  papers: Record<string, unknown>[];
  captureProblems: Record<string, unknown>[];
  pendingCaptures: Record<string, unknown>[];
  searchIndex?: Record<string, unknown>[];
  listingDigests?: Record<string, unknown>[];
  settings?: Record<string, unknown>[];
  removedPapers?: Record<string, unknown>[];
}

const FIXTURES: Record<number, LibraryFixture> = {
  1: v1Library,
  2: v2Library,
  3: v3Library,
  4: v4Library,
  // v5 only dropped two indexes: its records and tables are as v4 wrote them.
  5: v4Library,
};

/** The papers store's index names in the database as it is on disk (not as Dexie believes it is). */
function paperIndexNames(db: PaperdexDB): string[] {
  return [...db.backendDB().transaction('papers').objectStore('papers').indexNames].sort();
}

async function writeOldLibrary(name: string, version: number): Promise<void> {
  const old = new Dexie(name);
  old.version(version).stores(SCHEMA_VERSIONS[version as keyof typeof SCHEMA_VERSIONS]);
  const fixture = FIXTURES[version]!;
  await old.table('papers').bulkAdd(fixture.papers);
  await old.table('captureProblems').bulkAdd(fixture.captureProblems);
  await old.table('pendingCaptures').bulkAdd(fixture.pendingCaptures);
  for (const table of ['searchIndex', 'listingDigests', 'settings', 'removedPapers'] as const) {
    if (fixture[table]?.length) await old.table(table).bulkAdd(fixture[table]);
  }
  old.close();
}

describe('schema migrations', () => {
  it('has a fixture for every schema version', () => {
    expect(Object.keys(SCHEMA_VERSIONS).map(Number)).toEqual(Object.keys(FIXTURES).map(Number));
    expect(Math.max(...Object.keys(SCHEMA_VERSIONS).map(Number))).toBe(CURRENT_VERSION);
  });

  it.each(Object.keys(FIXTURES).map(Number))('opens a library written by version %i without losing anything', async (version) => {
    const name = `migrate-from-${version}-${Math.random()}`;
    await writeOldLibrary(name, version);
    const db = new PaperdexDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const papers = await db.papers.orderBy('id').toArray();
    expect(papers.map((paper) => paper.id)).toEqual(FIXTURES[version]!.papers.map((paper) => paper.id).sort());
    // The user's own fields survive every upgrade.
    const saved = papers.filter((paper) => paper.savedAt !== undefined);
    expect(saved.length).toBeGreaterThan(0);
    for (const paper of papers) {
      expect(Array.isArray(paper.tags)).toBe(true);
      expect(typeof paper.firstSeenAt).toBe('number');
      expect(paper.updatedAt).toBeGreaterThanOrEqual(paper.lastSeenAt);
    }
    // Every paper is reachable through the index the search catches up from.
    expect(await db.papers.where('updatedAt').above(0).count()).toBe(papers.length);
    // The indexes of the current schema answer queries over migrated data.
    expect(await db.papers.where('tags').equals('to-read').count()).toBeGreaterThan(0);
    expect(await db.papers.where('savedAt').above(0).count()).toBe(saved.length);
    const read = papers.filter((paper) => paper.readAt !== undefined);
    expect(read.length).toBeGreaterThan(0);
    expect(await db.papers.where('readAt').above(0).primaryKeys()).toEqual(read.map((paper) => paper.id).sort());
    // Exactly the current version's indexes, whatever the old one had (v5 dropped firstSeenAt and sites).
    expect(paperIndexNames(db)).toEqual(['lastSeenAt', 'readAt', 'savedAt', 'tags', 'updatedAt']);
    expect(await db.settings.count()).toBe(FIXTURES[version]!.settings?.length ?? 0);
    expect(await db.removedPapers.count()).toBe(FIXTURES[version]!.removedPapers?.length ?? 0);
    expect(await db.captureProblems.count()).toBe(FIXTURES[version]!.captureProblems.length);
    // Batches captured but not yet merged when the upgrade happened still merge afterwards.
    expect(await db.pendingCaptures.count()).toBe(FIXTURES[version]!.pendingCaptures.length);
    await foldPendingCaptures(db);
    expect(await db.pendingCaptures.count()).toBe(0);
    await db.delete();
  });

  it('version 5 drops the firstSeenAt and sites indexes of a v4 library and keeps every record and table as it was', async () => {
    const name = `migrate-4-to-5-${Math.random()}`;
    await writeOldLibrary(name, 4);
    const before = new Dexie(name);
    before.version(4).stores(SCHEMA_VERSIONS[4]);
    await before.open();
    expect([...before.backendDB().transaction('papers').objectStore('papers').indexNames].sort()).toEqual(
      ['firstSeenAt', 'lastSeenAt', 'readAt', 'savedAt', 'sites', 'tags', 'updatedAt'],
    );
    before.close();

    const db = new PaperdexDB(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(paperIndexNames(db)).not.toContain('firstSeenAt');
    expect(paperIndexNames(db)).not.toContain('sites');
    // No upgrade function ran: every record, with its seen history, sources and user fields, is byte for byte the same.
    const v4 = FIXTURES[4]!;
    const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id).localeCompare(String(b.id));
    expect(await db.papers.toArray()).toEqual([...v4.papers].sort(byId));
    expect(await db.settings.toArray()).toEqual(v4.settings);
    expect(await db.removedPapers.toArray()).toEqual([...v4.removedPapers!].sort(byId));
    expect(await db.searchIndex.toArray()).toEqual(v4.searchIndex ?? []);
    expect(await db.listingDigests.toArray()).toEqual(v4.listingDigests ?? []);
    expect(await db.captureProblems.toArray()).toEqual(v4.captureProblems);
    expect(await db.pendingCaptures.toArray()).toEqual(v4.pendingCaptures);
    // Queries on a dropped index now fail loudly rather than silently answering from nothing.
    await expect(db.papers.where('firstSeenAt').above(0).count()).rejects.toThrow();
    await db.delete();
  });
});
