import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperdexDB } from '@/utils/library/schema';
import { deleteTag, renameTag } from '@/utils/library/tag-actions';
import { tagCounts } from '@/utils/library/user-actions';
import { MAX_TAGS_PER_PAPER } from '@/utils/paper/tags';
import { paper, T0 } from '../support/paper-records';

let db: PaperdexDB;
beforeEach(async () => {
  db = new PaperdexDB(`tags-${Math.random()}`);
  await db.papers.bulkPut([
    paper('1', { tags: ['diffusion', 'to-read'] }),
    paper('2', { tags: ['to-read'] }),
    paper('3', { tags: ['diffusion'] }),
    paper('4', { tags: ['other'] }),
  ]);
});
afterEach(async () => {
  await db.delete();
});

const tagsOf = async (id: string) => (await db.papers.get(id))!.tags;

describe('renameTag', () => {
  it('renames on every paper, in place, normalizing the new name', async () => {
    expect(await renameTag(db, 'to-read', ' Reading List ', T0 + 1)).toEqual({ changed: 2, tag: 'reading-list', merged: false });
    expect(await tagsOf('1')).toEqual(['diffusion', 'reading-list']);
    expect(await tagsOf('2')).toEqual(['reading-list']);
    expect(await db.papers.where('tags').equals('to-read').count()).toBe(0);
    expect((await db.papers.get('4'))!.updatedAt).toBe(T0);
    expect((await db.papers.get('1'))!.updatedAt).toBe(T0 + 1);
  });

  it('onto an existing tag merges the lists, once per paper', async () => {
    expect(await renameTag(db, 'to-read', 'diffusion', T0 + 1)).toEqual({ changed: 2, tag: 'diffusion', merged: true });
    expect(await tagsOf('1')).toEqual(['diffusion']);
    expect(await tagsOf('2')).toEqual(['diffusion']);
    expect(await tagCounts(db)).toEqual([
      { tag: 'diffusion', count: 3 },
      { tag: 'other', count: 1 },
    ]);
  });

  it('never takes a paper past the tag limit', async () => {
    const full = Array.from({ length: MAX_TAGS_PER_PAPER - 2 }, (_, i) => `t${i}`);
    await db.papers.put(paper('5', { tags: [...full, 'to-read', 'diffusion'] }));
    await renameTag(db, 'to-read', 'diffusion');
    expect(await tagsOf('5')).toEqual([...full, 'diffusion']);
    await db.papers.put(paper('6', { tags: [...full, 'to-read', 'x'] }));
    await renameTag(db, 'x', 'brand-new');
    expect(await tagsOf('6')).toHaveLength(MAX_TAGS_PER_PAPER);
  });

  it('to the same name, or an unusable one, changes nothing', async () => {
    const before = await db.papers.toArray();
    expect(await renameTag(db, 'to-read', 'To Read')).toEqual({ changed: 0, tag: 'to-read', merged: false });
    await expect(renameTag(db, 'to-read', '***')).rejects.toThrow(/letter or digit/);
    expect(await db.papers.toArray()).toEqual(before);
  });
});

describe('deleteTag', () => {
  it('removes the tag from every paper, keeping the papers', async () => {
    expect(await deleteTag(db, 'diffusion', T0 + 1)).toEqual({ changed: 2, merged: false });
    expect(await tagsOf('1')).toEqual(['to-read']);
    expect(await tagsOf('3')).toEqual([]);
    expect(await db.papers.count()).toBe(4);
  });
});

describe('one transaction', () => {
  /** Makes the papers' write fail after its first paper is stored, as a full disk would. */
  function failAfterFirstWrite(): () => void {
    const original = db.papers.bulkPut.bind(db.papers);
    db.papers.bulkPut = (async (items: never[]) => {
      await original(items.slice(0, 1));
      throw new Error('disk full');
    }) as unknown as typeof db.papers.bulkPut;
    return () => {
      db.papers.bulkPut = original;
    };
  }

  it('a rename, a merge or a delete that fails part-way leaves every paper as it was', async () => {
    const before = await db.papers.toArray();
    for (const action of [() => renameTag(db, 'to-read', 'queue'), () => renameTag(db, 'to-read', 'diffusion'), () => deleteTag(db, 'to-read')]) {
      const restore = failAfterFirstWrite();
      await expect(action()).rejects.toThrow('disk full');
      restore();
      expect(await db.papers.toArray()).toEqual(before);
    }
  });
});
