import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldPendingCaptures, queueCapture, recordCapture } from '@/utils/capture/record-capture';
import { PaperdexDB } from '@/utils/library/schema';
import { addTag, removeTag, setNote, setRead, setSaved, tagCounts } from '@/utils/library/user-actions';
import type { Listing } from '@/utils/paper/record';
import { normalizeTag } from '@/utils/paper/tags';

const listing: Listing = { site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers/date/2026-03-11' };
const ID = '2403.10001';
const T0 = Date.UTC(2026, 2, 11, 9);

let db: PaperdexDB;
beforeEach(async () => {
  db = new PaperdexDB(`test-${Math.random()}`);
  await recordCapture(db, { listing, papers: [{ id: ID, title: 'A paper', abstract: 'Text', links: {} }, { id: '2403.10002', title: 'B', links: {} }], problems: [] }, T0);
});
afterEach(async () => {
  await db.delete();
});

describe('normalizeTag', () => {
  it.each([
    ['to-read', 'to-read'],
    ['  Reading List!! ', 'reading-list'],
    ['Diffusion', 'diffusion'],
    ['ＮＬＰ', 'nlp'],
    ['Lecture à lire', 'lecture-à-lire'],
    ['机器学习', '机器学习'],
    ['<script>', 'script'],
    ['!!!', undefined],
    ['', undefined],
    ['x'.repeat(100), 'x'.repeat(40)],
    // Bidirectional controls vanish: no hyphen where they stood.
    ['to\u202eread\u202c', 'toread'],
    ['\u2067عربي\u2069', 'عربي'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeTag(raw)).toBe(expected);
  });
});

describe('user actions', () => {
  it('save and unsave', async () => {
    expect(await setSaved(db, ID, true, T0 + 10)).toMatchObject({ savedAt: T0 + 10 });
    expect(await db.papers.where('savedAt').above(0).primaryKeys()).toEqual([ID]);
    const unsaved = await setSaved(db, ID, false, T0 + 20);
    expect(unsaved).not.toHaveProperty('savedAt');
    expect(await db.papers.where('savedAt').above(0).count()).toBe(0);
  });

  it('saving twice keeps the first save time', async () => {
    await setSaved(db, ID, true, T0 + 10);
    await setSaved(db, ID, true, T0 + 99);
    expect((await db.papers.get(ID))!.savedAt).toBe(T0 + 10);
  });

  it('tags are normalized, unique, removable and counted', async () => {
    await addTag(db, ID, 'To Read');
    await addTag(db, ID, 'to-read');
    await addTag(db, ID, 'diffusion');
    await addTag(db, '2403.10002', 'to-read');
    expect((await db.papers.get(ID))!.tags).toEqual(['to-read', 'diffusion']);
    expect(await tagCounts(db)).toEqual([
      { tag: 'to-read', count: 2 },
      { tag: 'diffusion', count: 1 },
    ]);
    await removeTag(db, ID, 'to-read');
    expect((await db.papers.get(ID))!.tags).toEqual(['diffusion']);
    expect(await db.papers.where('tags').equals('to-read').primaryKeys()).toEqual(['2403.10002']);
  });

  it('refuses an empty tag and leaves the paper as it was', async () => {
    await expect(addTag(db, ID, ' !! ')).rejects.toThrow(/letter or digit/);
    expect((await db.papers.get(ID))!.tags).toEqual([]);
  });

  it('read, unread and a note', async () => {
    await setRead(db, ID, true, T0 + 5);
    await setNote(db, ID, 'Compare with DDPM');
    expect(await db.papers.get(ID)).toMatchObject({ readAt: T0 + 5, note: 'Compare with DDPM' });
    await setRead(db, ID, false);
    await setNote(db, ID, '');
    const record = (await db.papers.get(ID))!;
    expect(record).not.toHaveProperty('readAt');
    expect(record).not.toHaveProperty('note');
  });

  it('a note is stored without bidirectional controls', async () => {
    await setNote(db, ID, 'See \u202eeton\u202c here\u200f\nand \u2066there\u2069');
    expect((await db.papers.get(ID))!.note).toBe('See eton here\nand there');
  });

  it('an unknown paper is left alone', async () => {
    expect(await setSaved(db, '2403.99999', true)).toBeUndefined();
    expect(await db.papers.count()).toBe(2);
  });

  it('each change moves updatedAt forward, and a later capture keeps what the user set', async () => {
    const before = (await db.papers.get(ID))!.updatedAt;
    await addTag(db, ID, 'later', before - 1000);
    const tagged = (await db.papers.get(ID))!;
    expect(tagged.updatedAt).toBeGreaterThan(before);
    await setSaved(db, ID, true, T0 + 1);
    await queueCapture(db, { listing: { ...listing, url: `${listing.url}?q=x` }, papers: [{ id: ID, title: 'A paper (v2)', links: {} }], problems: [] }, T0 + 2);
    await foldPendingCaptures(db);
    expect(await db.papers.get(ID)).toMatchObject({ title: 'A paper (v2)', abstract: 'Text', tags: ['later'], savedAt: T0 + 1 });
  });
});
