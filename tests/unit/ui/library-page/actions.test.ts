/**
 * The library page's actions facade (components/library-page/actions.ts) over a fake-indexeddb library: each
 * action writes the library, and the change feed announces to open listing pages exactly the papers it
 * changed, once (the facade itself announces nothing); a write that fails or changes nothing announces nothing.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LibraryActions, libraryActions } from '@/components/library-page/actions';
import { PaperdexDB } from '@/utils/library/schema';
import { readSettings } from '@/utils/library/settings';
import { paper, T0 } from '../../support/paper-records';

let db: PaperdexDB;
let actions: LibraryActions;
let sent: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  db = new PaperdexDB(`actions-${Math.random()}`);
  await db.papers.bulkPut([paper('2601.00001', { tags: ['survey'] }), paper('2601.00002', { tags: ['survey', 'keep'] }), paper('2601.00003')]);
  sent = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue(undefined) as unknown as ReturnType<typeof vi.fn>;
  const unused = () => Promise.reject(new Error('no export or import here'));
  actions = libraryActions(db, { exportLibrary: unused, importLibraryFile: unused });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const announced = () => sent.mock.calls.map(([message]) => message);
const changedIds = (ids: string[]) => ({ type: 'library-changed', ids });

describe('library actions', () => {
  it('one paper: save, read, tag and untag are written and each announced once', async () => {
    await actions.setSaved('2601.00003', true);
    await actions.setRead('2601.00003', true);
    await actions.addTag('2601.00003', 'Reading Group');
    await actions.removeTag('2601.00003', 'reading-group');
    expect(await db.papers.get('2601.00003')).toMatchObject({ savedAt: expect.any(Number), readAt: expect.any(Number), tags: [] });
    expect(announced()).toEqual([1, 2, 3, 4].map(() => changedIds(['2601.00003'])));
  });

  it('a note is written and announced once, like every change to the user fields', async () => {
    await actions.setNote('2601.00001', 'Read before Friday');
    expect((await db.papers.get('2601.00001'))!.note).toBe('Read before Friday');
    expect(announced()).toEqual([changedIds(['2601.00001'])]);
  });

  it('a refused write announces nothing', async () => {
    await expect(actions.addTag('2601.00001', '??')).rejects.toThrow('A tag needs at least one letter or digit.');
    await expect(actions.bulkAddTag(['2601.00001'], '')).rejects.toThrow();
    expect(announced()).toEqual([]);
  });

  it('bulk actions announce the papers they changed, and nothing when none', async () => {
    const ids = ['2601.00001', '2601.00002'];
    expect(await actions.bulkSetSaved(ids, true)).toEqual({ changed: 2, skipped: 0 });
    expect(await actions.bulkSetSaved(ids, true)).toEqual({ changed: 0, skipped: 0 });
    // Only 2601.00002 carried the tag: the feed names exactly the papers written.
    await actions.bulkRemoveTag(ids, 'keep');
    expect(announced()).toEqual([changedIds(ids), changedIds(['2601.00002'])]);
  });

  it('delete announces the papers removed, and undo the papers put back', async () => {
    const removed = await actions.deletePapers(['2601.00001', '2601.09999'], T0 + 1);
    expect(removed.map((record) => record.id)).toEqual(['2601.00001']);
    expect(await actions.restorePapers(removed)).toBe(1);
    expect(await db.papers.get('2601.00001')).toBeDefined();
    expect(announced()).toEqual([changedIds(['2601.00001']), changedIds(['2601.00001'])]);
  });

  it('renaming or deleting a tag announces the papers that carried it', async () => {
    expect(await actions.renameTag('survey', 'Surveys')).toMatchObject({ changed: 2, tag: 'surveys', merged: false });
    expect(await actions.deleteTag('keep')).toMatchObject({ changed: 1 });
    expect((await db.papers.get('2601.00002'))!.tags).toEqual(['surveys']);
    expect(announced()).toEqual([changedIds(['2601.00001', '2601.00002']), changedIds(['2601.00002'])]);
  });

  it('dim-seen is stored and announced as a settings change; retention is stored and applied', async () => {
    await actions.setDimSeen(true);
    expect((await readSettings(db)).dimSeen).toBe(true);
    expect(announced()).toEqual([{ type: 'settings-changed' }]);
    expect(await actions.applyRetention(30, ['2601.00003'], () => {})).toMatchObject({ removed: 1 });
    expect((await readSettings(db)).retentionDays).toBe(30);
    expect(await db.papers.get('2601.00003')).toBeUndefined();
  });
});
