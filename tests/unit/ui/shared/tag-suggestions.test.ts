import { describe, expect, it } from 'vitest';
import { suggestTags } from '@/utils/ui/shared/tag-suggestions';

const counts = [
  { tag: 'to-read', count: 12 },
  { tag: 'diffusion', count: 7 },
  { tag: 'read-later', count: 5 },
  { tag: 'rl', count: 4 },
  { tag: 'video-diffusion', count: 2 },
  { tag: 'thread', count: 1 },
];

describe('suggestTags', () => {
  it.each([
    ['the most used with nothing typed', '', [], ['to-read', 'diffusion', 'read-later', 'rl', 'video-diffusion', 'thread']],
    ['prefix matches first, then word starts, then anywhere', 'read', [], ['read-later', 'to-read', 'thread']],
    ['typed as the user writes it (normalized)', 'Read Later', [], ['read-later']],
    ['word starts inside a tag', 'diff', [], ['diffusion', 'video-diffusion']],
    ['an exact tag first', 'rl', [], ['rl']],
    ['not the tags the paper has', 'diff', ['diffusion'], ['video-diffusion']],
    ['nothing for no match', 'zzz', [], []],
    ['nothing for punctuation only', '!!!', [], []],
  ])('%s', (_, typed, exclude, expected) => {
    expect(suggestTags(typed, counts, exclude)).toEqual(expected);
  });

  it('keeps to the limit', () => {
    expect(suggestTags('', counts, [], 2)).toEqual(['to-read', 'diffusion']);
  });
});
