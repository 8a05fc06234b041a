import { describe, expect, it } from 'vitest';
import { suggestTags, type TagOption, tagOptions } from '@/utils/ui/shared/tag-suggestions';

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

describe('tagOptions', () => {
  const kinds = (options: TagOption[]) => options.map(({ kind, tag }) => `${kind}:${tag}`);

  it('a prefix of a tag the paper has: that tag shown as added, and an explicit row to create the prefix', () => {
    expect(kinds(tagOptions('to', counts, ['to-read']))).toEqual(['added:to-read', 'create:to']);
  });

  it('library tags to add first, then the paper’s own, then create', () => {
    expect(kinds(tagOptions('read', counts, ['to-read']))).toEqual(['existing:read-later', 'existing:thread', 'added:to-read', 'create:read']);
  });

  it('no create row for a tag the library or the paper already has', () => {
    expect(kinds(tagOptions('rl', counts, []))).toEqual(['existing:rl']);
    expect(kinds(tagOptions('RL', counts, ['rl']))).toEqual(['added:rl']);
  });

  it('creates the tag as it will be stored (normalized)', () => {
    expect(kinds(tagOptions('Graph Nets', counts, []))).toEqual(['create:graph-nets']);
  });

  it('with nothing typed (or nothing usable), the most used tags only', () => {
    expect(kinds(tagOptions('', counts, ['to-read'], 2))).toEqual(['existing:diffusion', 'existing:read-later']);
    expect(tagOptions('!!!', counts, ['to-read'])).toEqual([]);
  });
});
