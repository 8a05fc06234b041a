import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '@/utils/paper/record';
import { foldText } from '@/utils/search/normalize';
import { searchPapers } from '@/utils/search/search-library';
import { paperTitled, seedRecords, TestLibrary } from '../support/seed-library';

const records = seedRecords();
const library = new TestLibrary(records);

const HOUSEHOLDER = 'Householder Projector for Unsupervised Latent Semantics Discovery';
const TJEPA = 'T-JEPA: Augmentation-Free Self-Supervised Learning for Tabular Data';
const DIRECT3D = 'Direct3D: Scalable Image-to-3D Generation via 3D Latent Diffusion Transformer';
const CHAIN_OF_THOUGHT = 'Training Chain-of-Thought via Latent-Variable Inference';

describe('ranking over the 62 seed papers', () => {
  it.each([
    // typos
    ['housholder projektor', HOUSEHOLDER],
    ['tabluar jepa', TJEPA],
    ['difusion trasformer', DIRECT3D],
    ['housholder', HOUSEHOLDER],
    ['tabluar', TJEPA],
    // partial words, as typed
    ['hous', HOUSEHOLDER],
    ['househ', HOUSEHOLDER],
    ['householder proj', HOUSEHOLDER],
    ['tabul', TJEPA],
    ['diffusion transf', DIRECT3D],
    ['difusion trasf', DIRECT3D],
    ['direct3', DIRECT3D],
    // words in any order
    ['projector householder', HOUSEHOLDER],
    ['tabular jepa augmentation', TJEPA],
    ['transformer diffusion 3d latent', DIRECT3D],
    ['data tabular', TJEPA],
    // abstract-only phrases
    ['memoized wake-sleep', CHAIN_OF_THOUGHT],
    ['markov chain monte carlo', CHAIN_OF_THOUGHT],
    ['gsm8k big-bench hard', CHAIN_OF_THOUGHT],
    // operators and punctuation are just separators
    ["'householder !projector", HOUSEHOLDER],
    ['^tabular | jepa', TJEPA],
    ['=direct3d', DIRECT3D],
  ])('%j → %s', (query, expectedTop) => {
    expect(library.titles(query)[0]).toBe(expectedTop);
  });

  it.each(['Householder', 'HOUSEHOLDER PROJECTOR', 'householder  projector ', 'Hóuseholder'])('ignores case, spacing and marks: %j', (query) => {
    expect(library.titles(query)[0]).toBe(HOUSEHOLDER);
  });

  it('finds a paper by the surname of an author, with and without diacritics', () => {
    const surname = uniqueSurnameWithMarks();
    expect(foldText(surname.name)).not.toBe(surname.name.toLowerCase());
    for (const query of [surname.name, foldText(surname.name), surname.name.toUpperCase()]) {
      expect(library.titles(query)[0], query).toBe(surname.paper);
    }
  });

  it('finds an author by full name in either order', () => {
    const { name, paper } = uniqueSurnameWithMarks();
    const author = records.find((record) => record.title === paper)!.authors!.find((full) => full.endsWith(name))!;
    const [first] = author.split(' ');
    expect(library.titles(`${first} ${foldText(name)}`)[0]).toBe(paper);
    expect(library.titles(`${foldText(name)} ${first}`)[0]).toBe(paper);
  });

  it('finds papers by tag, tagged ones first', () => {
    const tagged = records.filter((record) => record.tags.includes('recsys')).map((record) => record.title);
    expect(tagged).toHaveLength(3);
    expect(library.titles('recsys').slice(0, 3).sort()).toEqual([...tagged].sort());
    expect(library.titles('toread')[0]).toBe(HOUSEHOLDER);
  });

  it('goes straight to a paper for its arXiv id and every URL form', () => {
    const { id } = paperTitled(records, 'Direct3D');
    for (const query of [
      id,
      `${id}v2`,
      `arXiv:${id}`,
      `arxiv:${id}v1`,
      `https://arxiv.org/abs/${id}v2`,
      `https://arxiv.org/abs/${id}`,
      `arxiv.org/pdf/${id}.pdf`,
      `https://arxiv.org/pdf/${id}v3`,
      `https://huggingface.co/papers/${id}`,
      `huggingface.co/papers/${id}/`,
      ` ${id} `,
    ]) {
      const outcome = library.search(query);
      expect(outcome.pastedId, query).toBe(id);
      expect(outcome.hits.map((hit) => hit.record.title), query).toEqual([DIRECT3D]);
    }
  });

  it('reports a pasted id that is not in the library, with no hits', () => {
    const outcome = library.search('https://arxiv.org/abs/2101.00001');
    expect(outcome.pastedId).toBe('2101.00001');
    expect(outcome.hits).toEqual([]);
  });

  it('finds a paper by the start of its id while it is typed', () => {
    const { id } = paperTitled(records, 'Direct3D');
    expect(library.titles(id.slice(0, 8))[0]).toBe(DIRECT3D);
  });

  it('ranks title hits above abstract-only hits for a word in both', () => {
    for (const word of ['supervision', 'latent', 'diffusion', 'recommendation']) {
      const hits = library.search(word).hits;
      const inTitle = hits.map((hit) => foldText(hit.record.title).includes(word));
      expect(inTitle.some(Boolean), word).toBe(true);
      expect(inTitle.some((x) => !x), word).toBe(true); // abstract-only hits are found too
      expect(inTitle.indexOf(false), word).toBeGreaterThan(inTitle.lastIndexOf(true));
    }
  });

  it('ranks author-name hits above abstract-only hits for the same word', () => {
    const { word, abstractOnly } = surnameInAnotherAbstract();
    const hits = library.search(word).hits;
    const byAuthor = hits.map((hit) => hasSurname(hit.record, word));
    expect(byAuthor.some(Boolean), word).toBe(true);
    expect(hits.map((hit) => hit.record.title), word).toContain(abstractOnly); // found too, through its abstract
    expect(byAuthor.indexOf(false), word).toBeGreaterThan(byAuthor.lastIndexOf(true));
  });

  it('keeps the target on top at every keystroke once the first word is half typed', () => {
    for (const [typed, expected, from] of [
      ['householder projector', HOUSEHOLDER, 4],
      ['tabluar jepa', TJEPA, 5],
      ['difusion trasformer', DIRECT3D, 13],
    ] as const) {
      for (let end = from; end <= typed.length; end++) {
        expect(library.titles(typed.slice(0, end))[0], typed.slice(0, end)).toBe(expected);
      }
    }
  });

  it('says which fields matched', () => {
    const [hit] = library.search('householder').hits;
    expect(hit!.matchedFields).toContain('title');
    const abstractOnly = library.search('memoized').hits[0]!;
    expect(abstractOnly.matchedFields).toEqual(['abstract']);
  });

  it('applies restrictTo inside the prefilter and filter after it', () => {
    const saved = new Set(records.filter((record) => record.tags.includes('3d')).map((record) => record.id));
    expect(library.titles('latent diffusion', { restrictTo: saved }).sort()).toEqual(
      records.filter((record) => saved.has(record.id)).map((record) => record.title).sort(),
    );
    const titles = library.titles('latent', { filter: (record) => record.tags.includes('toread') });
    expect(titles).toEqual([HOUSEHOLDER]);
  });

  it('loads candidates through an async lookup (e.g. Dexie bulkGet), skipping ids it no longer has', async () => {
    const gone = paperTitled(records, 'How JEPA Avoids').id;
    const lookup = async (ids: readonly string[]) => ids.map((id) => (id === gone ? undefined : library.byId.get(id)));
    const outcome = await searchPapers(library.index, lookup, 'tabluar jepa');
    expect(outcome.hits[0]!.record.title).toBe(TJEPA);
    expect(outcome.hits.map((hit) => hit.record.id)).not.toContain(gone);
    const failing = await searchPapers(library.index, () => Promise.reject(new Error('db closed')), 'jepa', { onError: () => {} });
    expect(failing.hits).toEqual([]);
  });

  it('ranks without reading records, then reads only the hits returned (more when some are filtered out)', async () => {
    const asked: string[][] = [];
    const lookup = async (ids: readonly string[]) => {
      asked.push([...ids]);
      return ids.map((id) => library.byId.get(id));
    };
    const top3 = await searchPapers(library.index, lookup, 'tabluar jepa', { limit: 3 });
    expect(asked).toEqual([top3.hits.map((hit) => hit.record.id)]);
    expect(top3.hits[0]!.record.title).toBe(TJEPA);

    asked.length = 0;
    const latent3 = await searchPapers(library.index, lookup, 'latent', { limit: 3 });
    expect(asked).toEqual([latent3.hits.map((hit) => hit.record.id)]);
    const all = await searchPapers(library.index, async (ids) => ids.map((id) => library.byId.get(id)), 'latent');
    expect(all.hits.length).toBeGreaterThan(4);
    expect(latent3.hits.map((hit) => hit.record.id)).toEqual(all.hits.slice(0, 3).map((hit) => hit.record.id));

    asked.length = 0;
    const notFirst = all.hits[0]!.record.id;
    const filtered = await searchPapers(library.index, lookup, 'latent', { limit: 3, filter: (record) => record.id !== notFirst });
    expect(filtered.hits.map((hit) => hit.record.id)).toEqual(all.hits.slice(1, 4).map((hit) => hit.record.id));
    expect(asked.map((ids) => ids.length)).toEqual([3, 1]);
  });

  it('returns nothing for an empty or blank query (the popup shows recents)', () => {
    for (const query of ['', ' ', '\t\n ']) expect(library.search(query).hits).toEqual([]);
  });
});

const hasSurname = (record: PaperRecord, surname: string) => (record.authors ?? []).some((author) => foldText(author.split(' ').at(-1)!) === surname);

/**
 * A surname (folded) of a seed paper's author that another paper has as a word of its abstract only
 * (a citation such as "Chen et al."), in no title: the word is worth an author hit or an abstract hit.
 */
function surnameInAnotherAbstract(): { word: string; abstractOnly: string } {
  const wordsOf = (text: string) => new Set(foldText(text).split(/[^\p{L}\p{N}]+/u));
  for (const record of records) {
    for (const author of record.authors ?? []) {
      const word = foldText(author.split(' ').at(-1)!);
      if (word.length < 4 || records.some((other) => wordsOf(other.title).has(word))) continue;
      const other = records.find((candidate) => !wordsOf((candidate.authors ?? []).join(' ')).has(word) && wordsOf(candidate.abstract ?? '').has(word));
      if (other) return { word, abstractOnly: other.title };
    }
  }
  throw new Error('no seed surname is a word of another paper’s abstract');
}

/** A surname with diacritics that is on exactly one seed paper (the fixture's authors are generated). */
function uniqueSurnameWithMarks(): { name: string; paper: string } {
  const papersBySurname = new Map<string, Set<string>>();
  for (const record of records) {
    for (const author of record.authors ?? []) {
      const surname = author.split(' ').at(-1)!;
      const key = foldText(surname);
      papersBySurname.set(key, (papersBySurname.get(key) ?? new Set()).add(record.title));
    }
  }
  for (const record of records) {
    for (const author of record.authors ?? []) {
      const surname = author.split(' ').at(-1)!;
      if (foldText(surname) === surname.toLowerCase() || surname.length < 5) continue;
      const papers = papersBySurname.get(foldText(surname))!;
      // Also unique as a word: not a word of any title or abstract.
      const elsewhere = records.some((other) => foldText(`${other.title} ${other.abstract}`).includes(foldText(surname)));
      if (papers.size === 1 && !elsewhere) return { name: surname, paper: record.title };
    }
  }
  throw new Error('the seed fixture has no unique surname with diacritics');
}
