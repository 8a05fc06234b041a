import { describe, expect, it } from 'vitest';
import { foldText, isShortWord, tokenizeQuery, tokenizeText } from '@/utils/search/normalize';

describe('foldText', () => {
  it.each([
    ['Ólafsdóttir', 'olafsdottir'],
    ['Sigurðardóttir', 'sigurdardottir'],
    ['Þórdís', 'thordis'],
    ['Łukasz Wójcik', 'lukasz wojcik'],
    ['Groß', 'gross'],
    ['Yılmaz', 'yilmaz'],
    ['Søren Æbelø', 'soren aebelo'],
    ['Nguyễn Phạm', 'nguyen pham'],
    ['e\u0301cole', 'ecole'],
    ['Трансформер', 'трансформер'],
    ['注意力', '注意力'],
  ])('%s → %s', (raw, folded) => {
    expect(foldText(raw)).toBe(folded);
  });
});

describe('tokenizeText', () => {
  it.each([
    ['T-JEPA: Augmentation-Free', ['t', 'jepa', 'augmentation', 'free']],
    ['Direct3D: Image-to-3D', ['direct3d', 'direct', '3d', 'image', 'to', '3d']],
    ['2501.01234', ['2501.01234', '2501', '01234']],
    ['see arXiv:2501.01234v2 and hep-th/9901001', ['2501.01234', 'hep-th/9901001', 'see', 'arxiv', '2501', '01234v2', '01234v', '2', 'and', 'hep', 'th', '9901001']],
    ['Transformers для 注意力机制', ['transformers', 'для', '注', '意', '力', '机', '制']],
    ['🙂 !!! ', []],
  ])('%j', (text, words) => {
    expect(tokenizeText(text).sort()).toEqual(words.sort());
  });

  it('cuts very long runs', () => {
    expect(tokenizeText('x'.repeat(500))).toEqual(['x'.repeat(40)]);
  });
});

describe('tokenizeQuery', () => {
  it.each([
    ['difusion  trasformer', ['difusion', 'trasformer']],
    ['2211.0987', ['2211.0987']],
    ["'tabular | !jepa ^=", ['tabular', 'jepa']],
    ['latent latent', ['latent']],
  ])('%j', (query, words) => {
    expect(tokenizeQuery(query)).toEqual(words);
  });

  it('treats 1–2-letter words as short, except a Han character', () => {
    expect(isShortWord('3d')).toBe(true);
    expect(isShortWord('ssl')).toBe(false);
    expect(isShortWord('注')).toBe(false);
  });
});
