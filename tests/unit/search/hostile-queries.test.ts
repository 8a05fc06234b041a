import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '@/utils/paper/record';
import { seedRecords, TestLibrary } from '../support/seed-library';

const records = seedRecords();
const nonLatin: PaperRecord[] = [
  { ...records[0]!, id: '2601.00001', title: '注意力机制的扩散模型', abstract: '我们提出一种新的扩散模型。', authors: ['王伟'], tags: [] },
  { ...records[0]!, id: '2601.00002', title: 'Трансформеры для табличных данных', abstract: 'Мы изучаем внимание.', authors: ['Иван Петров'], tags: [] },
  { ...records[0]!, id: '2601.00003', title: 'Ολική μάθηση με μετασχηματιστές', authors: ['Γιώργος Παπαδόπουλος'], tags: [] },
];
const library = new TestLibrary([...records, ...nonLatin]);

describe('hostile queries never throw', () => {
  it.each([
    ["'"],
    ['!'],
    ['^'],
    ['|'],
    ['='],
    ['('],
    ['['],
    ['\\'],
    ['$'],
    ['*'],
    ['.*'],
    ['(?<x>a)'],
    ['[a-'],
    ["'householder"],
    ['!latent'],
    ['^diffusion$'],
    ['latent | diffusion'],
    ['=tabular'],
    ['\\d+'],
    ['a'.repeat(2000)],
    ['latent diffusion '.repeat(120)],
    ['x '.repeat(1000)],
    ['🙂'],
    ['🧪 diffusion 🚀'],
    ['👨‍👩‍👧‍👦'],
    ['\ud800'],
    ['\udfff abc \ud83d'],
    ['\u0000\u0001\u200b'],
    ['注意力'],
    ['扩散模型'],
    ['внимание'],
    ['Трансформеры'],
    ['μετασχηματιστές'],
    ['ﷺ'],
    ['🇫🇷'],
    ['__proto__'],
    ['constructor'],
    ['toString hasOwnProperty'],
    ['2501.'],
    ['arxiv:'],
    ['https://'],
    ['https://arxiv.org/abs/'],
    ['javascript:alert(1)'],
    ['http://[::1]:99999/papers/2501.01234'],
    ['%E0%A4%A'],
    ['https://arxiv.org/abs/%E0%A4%A'],
  ])('%j', (query) => {
    const outcome = library.search(query);
    expect(Array.isArray(outcome.hits)).toBe(true);
    expect(outcome.hits.length).toBeLessThanOrEqual(50);
  });

  it('survives random strings from a mixed alphabet', () => {
    const alphabet = [..."abcdefghij xyz0123456789'!^|=()[]{}\\/.:*+?$-_~\"`<>&%#@é注意Жж🙂\u0301\ud800\t\n"];
    let seed = 7;
    const random = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    for (let i = 0; i < 400; i++) {
      const length = Math.floor(random() * 40);
      const query = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(() => library.search(query), JSON.stringify(query)).not.toThrow();
    }
  });

  it('stays fast on a 2,000-character query', () => {
    const started = performance.now();
    library.search('householder projector latent diffusion transformer '.repeat(40).slice(0, 2000));
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('finds papers written in non-Latin scripts', () => {
    expect(library.titles('扩散')[0]).toBe('注意力机制的扩散模型');
    expect(library.titles('王伟')[0]).toBe('注意力机制的扩散模型');
    expect(library.titles('трансформеры')[0]).toBe('Трансформеры для табличных данных');
    expect(library.titles('табличных трансформ')[0]).toBe('Трансформеры для табличных данных');
    expect(library.titles('петров')[0]).toBe('Трансформеры для табличных данных');
    expect(library.titles('μετασχηματιστες')[0]).toBe('Ολική μάθηση με μετασχηματιστές');
  });
});
