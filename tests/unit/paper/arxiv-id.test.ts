import { describe, expect, it } from 'vitest';
import { arxivIdFromHfPath, parseArxivId } from '@/utils/paper/arxiv-id';

describe('parseArxivId', () => {
  it.each([
    ['2501.01234', { id: '2501.01234' }],
    ['2501.01234v2', { id: '2501.01234', version: 2 }],
    ['0704.0001', { id: '0704.0001' }],
    ['1412.9999v10', { id: '1412.9999', version: 10 }],
    ['hep-th/9901001', { id: 'hep-th/9901001' }],
    ['math.GT/0309136v1', { id: 'math.GT/0309136', version: 1 }],
    ['cond-mat/0001001', { id: 'cond-mat/0001001' }],
  ])('accepts %s', (raw, expected) => {
    expect(parseArxivId(raw)).toEqual(expected);
  });

  it.each([
    ['not-an-id'],
    [''],
    ['2501.1234'], // five digits after the dot since 2015
    ['1401.12345'], // four digits before 2015
    ['2513.01234'], // month 13
    ['2501.01234v0'],
    [' 2501.01234'],
    ['https://arxiv.org/abs/2501.01234'],
    ['2501.01234/../x'],
    ['HEP-TH/9901001'],
    ['javascript:alert(1)'],
    ['2501.01234'.repeat(10)],
  ])('rejects %j', (raw) => {
    expect(parseArxivId(raw)).toBeUndefined();
  });
});

describe('arxivIdFromHfPath', () => {
  it.each([
    ['/papers/2501.01234', { id: '2501.01234' }],
    ['/papers/2501.01234/', { id: '2501.01234' }],
    ['/papers/2502.01234v2', { id: '2502.01234', version: 2 }],
    ['/papers/date/2026-03-11', undefined],
    ['/papers/week/2026-W11', undefined],
    ['/papers/trending', undefined],
    ['/papers', undefined],
    ['/login', undefined],
    ['/papers/2501.01234/extra', undefined],
  ])('%s → %j', (path, expected) => {
    expect(arxivIdFromHfPath(path)).toEqual(expected);
  });
});
