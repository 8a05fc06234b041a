import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '@/utils/paper/record';
import { rankFieldsOf } from '@/utils/search/index-fields';
import { SERIALIZED_VERSION, WordIndex, type SerializedWordIndex } from '@/utils/search/word-index';
import { paperTitled, seedRecords, TestLibrary } from '../support/seed-library';

const QUERIES = [
  'housholder projektor',
  'tabluar jepa',
  'difusion trasformer',
  'latent',
  'diffu',
  'self supervised',
  'recsys',
  'toread',
  'markov chain',
  'zero-shot',
  'contrastive learning',
  'supervison',
  'video',
  '3d',
];

function candidateIds(index: WordIndex, query: string): string[] {
  return index.search(query, 50).candidates.map((candidate) => candidate.id);
}

function withTags(record: PaperRecord, tags: string[]): PaperRecord {
  return { ...record, tags };
}

describe('WordIndex incremental updates', () => {
  it('finds a paper as soon as it is added', () => {
    const records = seedRecords();
    const newcomer = paperTitled(records, 'Householder Projector');
    const library = new TestLibrary(records.filter((record) => record !== newcomer));
    expect(library.titles('householder')).not.toContain(newcomer.title);
    library.byId.set(newcomer.id, newcomer);
    library.index.add(newcomer);
    expect(library.index.size).toBe(records.length);
    expect(library.titles('housholder projektor')[0]).toBe(newcomer.title);
  });

  it('follows a retag: found by the new tag, no longer by the old one', () => {
    const records = seedRecords();
    const library = new TestLibrary(records);
    const paper = paperTitled(records, 'Reward Guided Latent Consistency');
    expect(library.titles('mustread')).toEqual([]);
    const retagged = withTags(paper, ['mustread']);
    library.byId.set(paper.id, retagged);
    library.index.update(retagged);
    expect(library.titles('mustread')).toEqual([paper.title]);
    const untagged = withTags(paper, []);
    library.byId.set(paper.id, untagged);
    library.index.update(untagged);
    expect(library.titles('mustread')).toEqual([]);
    expect(library.index.size).toBe(records.length);
  });

  it('does not re-index a paper when only unindexed fields change (saved, read)', () => {
    const records = seedRecords();
    const index = WordIndex.build(records);
    const before = index.stats();
    index.update({ ...records[3]!, savedAt: 1, readAt: 2 } as PaperRecord);
    expect(index.stats()).toEqual(before);
  });

  it('forgets a removed paper', () => {
    const records = seedRecords();
    const library = new TestLibrary(records);
    const paper = paperTitled(records, 'T-JEPA');
    expect(library.index.remove(paper.id)).toBe(true);
    expect(library.index.remove(paper.id)).toBe(false);
    expect(library.index.has(paper.id)).toBe(false);
    expect(library.index.size).toBe(records.length - 1);
    expect(candidateIds(library.index, 'tabular jepa')).not.toContain(paper.id);
    expect(candidateIds(library.index, paper.id.slice(0, 7))).not.toContain(paper.id);
  });

  it('gives the same results after serialize → structured clone → restore, after edits', () => {
    const records = seedRecords();
    const index = WordIndex.build(records.slice(0, 40));
    for (const record of records.slice(40)) index.add(record);
    index.update(withTags(records[5]!, ['ssl', 'video']));
    index.remove(records[7]!.id);
    index.remove(records[50]!.id);

    const serialized = index.serialize();
    const stored = structuredClone(serialized) as SerializedWordIndex;
    expect(stored.postings).toBeInstanceOf(Uint32Array);
    const restored = WordIndex.restore(stored);
    expect(restored.size).toBe(index.size);
    for (const query of QUERIES) expect(candidateIds(restored, query), query).toEqual(candidateIds(index, query));
    for (const query of QUERIES) expect(restored.search(query).candidates, query).toEqual(index.search(query).candidates);
  });

  it('persists a few edits as they are (no compaction) and restores them', () => {
    const records = seedRecords();
    const index = WordIndex.build(records.slice(0, 60));
    index.add(records[60]!);
    index.update(withTags(records[3]!, ['video']));
    index.remove(records[9]!.id);
    const before = index.stats();
    expect(before.overlayPostings).toBeGreaterThan(0);
    expect(before.deadSlots).toBe(2);

    const serialized = index.serialize();
    expect(index.stats()).toEqual(before); // small overlay: not compacted
    expect(serialized.overlayPostings.length).toBe(before.overlayPostings);
    const restored = WordIndex.restore(structuredClone(serialized));
    expect(restored.stats()).toEqual(before);
    expect(restored.has(records[9]!.id)).toBe(false);
    for (const query of [...QUERIES, 'video', records[60]!.title]) {
      expect(restored.search(query).candidates, query).toEqual(index.search(query).candidates);
    }
  });

  it('keeps working after restore: add, retag and remove on top of the restored base', () => {
    const records = seedRecords();
    const restored = WordIndex.restore(structuredClone(WordIndex.build(records.slice(0, 50)).serialize()));
    for (const record of records.slice(50)) restored.add(record);
    const paper = paperTitled(records, 'Householder Projector');
    restored.update(withTags(paper, ['linear-algebra']));
    restored.remove(paperTitled(records, 'T-JEPA').id);

    const fresh = WordIndex.build(records.filter((record) => !record.title.startsWith('T-JEPA')).map((record) => (record === paper ? withTags(paper, ['linear-algebra']) : record)));
    // Same matches; the order may differ only among ties (a retagged paper moves to a newer slot).
    for (const query of [...QUERIES, 'linear algebra']) {
      const ids = (index: WordIndex): Set<string> => new Set(index.search(query, 100).candidates.map((candidate) => candidate.id));
      expect(ids(restored), query).toEqual(ids(fresh));
    }
    for (const query of ['housholder projektor', 'difusion trasformer', 'linear algebra']) {
      expect(candidateIds(restored, query)[0], query).toBe(candidateIds(fresh, query)[0]);
    }
    // And again through a second round trip.
    const again = WordIndex.restore(structuredClone(restored.serialize()));
    for (const query of QUERIES) expect(candidateIds(again, query), query).toEqual(candidateIds(restored, query));
  });

  it('matches a fresh build after many edits and a compaction', () => {
    const records = seedRecords();
    const index = WordIndex.build(records);
    for (let round = 0; round < 5; round++) {
      for (const record of records) index.update(withTags(record, [`round${round}`]));
    }
    index.compact();
    expect(index.stats().deadSlots).toBe(0);
    expect(index.stats().overlayPostings).toBe(0);
    const fresh = WordIndex.build(records.map((record) => withTags(record, ['round4'])));
    expect(index.stats()).toEqual(fresh.stats());
    for (const query of [...QUERIES, 'round4', 'round1']) {
      expect(candidateIds(index, query), query).toEqual(candidateIds(fresh, query));
    }
  });

  it('rejects data that is not a serialized index', () => {
    const good = WordIndex.build(seedRecords().slice(0, 5)).serialize();
    expect(() => WordIndex.restore({} as SerializedWordIndex)).toThrow();
    expect(() => WordIndex.restore({ ...good, version: SERIALIZED_VERSION - 1 } as unknown as SerializedWordIndex)).toThrow();
    expect(() => WordIndex.restore({ ...good, rankFields: good.rankFields.slice(1) })).toThrow();
    const { rankFields: _dropped, ...withoutRankFields } = good;
    expect(() => WordIndex.restore(withoutRankFields as SerializedWordIndex)).toThrow();
    expect(() => WordIndex.restore({ ...good, postings: good.postings.slice(1) })).toThrow();
    expect(() => WordIndex.restore(null as unknown as SerializedWordIndex)).toThrow();
  });

  it('an empty index finds nothing and round-trips', () => {
    const index = WordIndex.restore(structuredClone(new WordIndex().serialize()));
    expect(index.size).toBe(0);
    expect(index.search('anything').candidates).toEqual([]);
    index.add(seedRecords()[0]!);
    expect(index.search('chain of thought').candidates).toHaveLength(1);
  });

  it('keeps the rank fields (folded title, authors, tags) of every paper through edits, compaction and restore', () => {
    const records = seedRecords();
    const index = WordIndex.build(records.slice(0, 40));
    const retagged = withTags(records[3]!, ['Ünread-Later', 'x\u0001y']);
    index.update(retagged);
    index.add(records[45]!);
    index.remove(records[7]!.id);
    const expected = (record: PaperRecord) => {
      const fields = rankFieldsOf(record);
      return { ...fields, tags: fields.tags.map((tag) => tag.replace('\u0001', ' ')) };
    };
    const check = (target: WordIndex) => {
      expect(target.rankFields(records[3]!.id)).toEqual(expected(retagged));
      expect(target.rankFields(records[3]!.id)!.tags).toEqual(['unread-later', 'x y']);
      expect(target.rankFields(records[45]!.id)).toEqual(expected(records[45]!));
      expect(target.rankFields(records[0]!.id)).toEqual(expected(records[0]!));
      expect(target.rankFields(records[7]!.id)).toBeUndefined();
    };
    check(index);
    check(WordIndex.restore(structuredClone(index.serialize())));
    index.compact();
    check(index);
    const bare = WordIndex.build([{ id: '2501.00001', title: '', abstract: '', authors: [], tags: [] }]);
    expect(bare.rankFields('2501.00001')).toEqual({ id: '2501.00001', title: '', authors: [], tags: [] });
  });
});
