/**
 * The popup renders before its IndexedDB connection is open: reads and writes made meanwhile wait for
 * it and reach the library; without a library they answer as an empty one.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PaperdexDB } from '@/utils/library/schema';
import { setRead } from '@/utils/library/user-actions';
import { PlainLibraryDb, NO_LIBRARY, openLibraryConnection, type PopupLibrary } from '@/utils/ui/popup/plain-library-db';
import { libraryWhenOpen } from '@/utils/ui/popup/plain-library-db-when-open';
import { seedRecords } from '../../support/seed-library';

const records = seedRecords();
let db: PaperdexDB;
let store: PlainLibraryDb | undefined;
beforeEach(async () => {
  db = new PaperdexDB(`test-${Math.random()}`);
  await db.papers.bulkPut(records);
});
afterEach(async () => {
  store?.close();
  db.close();
  await db.delete();
});

function later(): { library: PopupLibrary; open: () => Promise<PlainLibraryDb> } {
  let resolve!: (library: PopupLibrary) => void;
  const library = libraryWhenOpen(new Promise((done) => (resolve = done)));
  return {
    library,
    open: async () => {
      store = new PlainLibraryDb((await openLibraryConnection(db.name))!);
      resolve(store);
      return store;
    },
  };
}

describe('libraryWhenOpen', () => {
  it('reads and writes asked for before the connection is open are made once it is', async () => {
    const { library, open } = later();
    const recent = library.recentAndCursor(3);
    const index = { key: 'words', format: 1, indexedThrough: 1_000, papers: records.length, data: 'stored before the connection was open' };
    const stored = library.storeIndex(index, { updatedThrough: 1_000, removedThrough: 0 });
    let answered = false;
    void recent.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    await open();
    expect((await recent).papers).toHaveLength(3);
    await stored;
    expect(await db.searchIndex.get('words')).toEqual(index);
  });

  it('hears of changes once open, and not after unsubscribing, even before it opened', async () => {
    const { library, open } = later();
    const heard = vi.fn();
    const dropped = vi.fn();
    library.onChange(heard);
    library.onChange(dropped)();
    await open();
    await setRead(db, records[1]!.id, true, 2_000); // Dexie, as the background writes the popup's changes
    await vi.waitFor(() => expect(heard).toHaveBeenCalled());
    expect(dropped).not.toHaveBeenCalled();
  });

  it('with no library, answers as an empty one', async () => {
    const library = libraryWhenOpen(Promise.resolve(NO_LIBRARY));
    expect(await library.cursor()).toEqual({ updatedThrough: 0, removedThrough: 0 });
    expect(await library.recentAndCursor(5)).toEqual({ papers: [], cursor: { updatedThrough: 0, removedThrough: 0 } });
  });
});
