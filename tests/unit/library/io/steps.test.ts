import { describe, expect, it } from 'vitest';
import { citationKeys } from '@/utils/library/io/bibtex';
import { runSteps, sortInSteps } from '@/utils/library/io/steps';

describe('sortInSteps', () => {
  it('sorts like a stable native sort, across run and merge boundaries', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (const size of [0, 1, 2_047, 2_048, 2_049, 4_097, 10_001]) {
      const items = Array.from({ length: size }, (_, at) => ({ key: Math.floor(random() * 500), at }));
      const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
      const sorted = runSteps(sortInSteps(items, compare));
      expect(sorted).toEqual([...items].sort(compare));
      expect(sorted).not.toBe(items);
    }
  });

  it('yields between steps (a large sort is many steps)', () => {
    const steps = sortInSteps(Array.from({ length: 20_000 }, (_, at) => 20_000 - at), (a, b) => a - b);
    let yields = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) yields++;
    expect(yields).toBeGreaterThan(10);
  });
});

/** The rule as first written (every paper tries b, c, … from the start): the reference. */
function naiveKeys(papers: { id: string; base: string; year: number }[]): Map<string, string> {
  const suffix = (n: number) => {
    let out = '';
    for (let rest = n; ; rest = Math.floor(rest / 26)) {
      out = String.fromCharCode(97 + (rest % 26)) + out;
      if (rest < 26) return out;
    }
  };
  const sorted = [...papers].sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : a.year - b.year || (a.id < b.id ? -1 : 1)));
  const bases = new Set(sorted.map((paper) => paper.base));
  const used = new Set<string>();
  const keys = new Map<string, string>();
  for (const paper of sorted) {
    let key = paper.base;
    for (let n = 1; used.has(key) || (key !== paper.base && bases.has(key)); n++) key = `${paper.base}${suffix(n)}`;
    used.add(key);
    keys.set(paper.id, key);
  }
  return keys;
}

describe('citation keys for papers sharing a key', () => {
  it('thousands of papers with one base get b, c, … in age order, skipping other papers’ own keys', () => {
    const papers = Array.from({ length: 3_000 }, (_, at) => ({ id: `2401.${String(10_000 + at)}`, base: 'lee2024deep', year: 2024 }));
    papers.push({ id: '2402.00001', base: 'lee2024deepc', year: 2024 });
    const keys = citationKeys([...papers].reverse());
    expect(keys.get('2401.10000')).toBe('lee2024deep');
    expect(keys.get('2401.10001')).toBe('lee2024deepb');
    expect(keys.get('2401.10002')).toBe('lee2024deepd'); // …c is another paper's own key
    expect(keys.get('2402.00001')).toBe('lee2024deepc');
    expect(keys.get('2401.12999')).toBe('lee2024deepelk'); // suffix 3,000
    expect(new Set(keys.values()).size).toBe(papers.length);
    expect(keys).toEqual(naiveKeys(papers));
  });

  it('gives the keys of the rule as first written, for bases that collide with each other’s suffixed keys', () => {
    const bases = ['ab2024x', 'ab2024xb', 'ab2024xc', 'ab2024xbb', 'ab2024xba', 'cd2023y', 'anon2024', 'anon2024b'];
    let seed = 11;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const papers = Array.from({ length: 5_000 }, (_, at) => ({ id: `24${String(at % 12).padStart(2, '0')}.${String(10_000 + at)}`, base: bases[Math.floor(random() * bases.length)]!, year: 2023 + (at % 2) }));
    expect(citationKeys(papers)).toEqual(naiveKeys(papers));
  });
});
