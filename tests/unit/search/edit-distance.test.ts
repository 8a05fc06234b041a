import { describe, expect, it } from 'vitest';
import { boundedDamerau, boundedPrefixDamerau } from '@/utils/search/edit-distance';

describe('boundedDamerau', () => {
  it.each([
    ['householder', 'housholder', 2, 1],
    ['tabular', 'tabluar', 2, 1],
    ['quine', 'qiune', 1, 1],
    ['projector', 'projektor', 2, 1],
    ['transformer', 'trasformer', 2, 1],
    ['jepa', 'jpea', 1, 1],
    ['diffusion', 'difusion', 2, 1],
    ['neural', 'nueral', 2, 1],
    ['koopman', 'koopmann', 2, 1],
    ['same', 'same', 1, 0],
    ['house', 'yousef', 1, 2],
    ['abc', 'xyz', 1, 2],
    ['a', 'abcd', 2, 3],
  ])('%s ~ %s (max %i) = %i', (a, b, max, distance) => {
    expect(boundedDamerau(a, b, max)).toBe(distance);
    expect(boundedDamerau(b, a, max)).toBe(distance);
  });
});

describe('boundedPrefixDamerau', () => {
  it.each([
    ['difu', 'diffusion', 1, 1],
    ['diffu', 'diffusion', 1, 0],
    ['transformr', 'transformer', 2, 1],
    ['tabl', 'tabular', 1, 1],
    ['difu', 'different', 1, 2], // the letter just typed must be meant
    ['xyzw', 'diffusion', 1, 2],
  ])('%s ≺ %s (max %i) = %i', (typed, word, max, distance) => {
    expect(boundedPrefixDamerau(typed, word, max)).toBe(distance);
  });
});
