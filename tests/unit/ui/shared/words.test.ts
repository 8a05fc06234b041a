import { describe, expect, it } from 'vitest';
import { errorMessage } from '@/utils/messaging/error-message';
import { plural } from '@/utils/ui/shared/plural';

describe('plural', () => {
  it.each([
    [0, '0 papers'],
    [1, '1 paper'],
    [2, '2 papers'],
    [12_034, '12,034 papers'],
  ])('%d → %j', (count, expected) => {
    expect(plural(count, 'paper', 'papers')).toBe(expected);
  });
});

describe('errorMessage', () => {
  it("gives an Error's message, whatever the fallback", () => {
    expect(errorMessage(new TypeError('bad tag'))).toBe('bad tag');
    expect(errorMessage(new Error('bad tag'), 'write failed')).toBe('bad tag');
  });

  it('gives the fallback, else the text, of anything else thrown', () => {
    expect(errorMessage('quota', 'write failed')).toBe('write failed');
    expect(errorMessage('quota')).toBe('quota');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage({ name: 'AbortError' }, 'aborted')).toBe('aborted');
  });
});
