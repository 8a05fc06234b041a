import { describe, expect, it } from 'vitest';
import { isSeenBefore, nextCardState, seenLabel, shortDate, tagSuggestions } from '@/utils/ui/card-controls/card-state';
import type { PaperState } from '@/utils/messaging/messages';

const NOW = new Date(2026, 10, 27, 15, 0).getTime();
const state = (fields: Partial<PaperState> = {}): PaperState => ({
  saved: false,
  tags: [],
  read: false,
  seenCount: 3,
  firstSeenAt: new Date(2026, 10, 12, 9, 30).getTime(),
  lastSeenAt: new Date(2026, 10, 20).getTime(),
  ...fields,
});

describe('seen label', () => {
  it.each([
    ['seen three times this year', state(), 'seen 3× · first Nov 12'],
    ['seen once', state({ seenCount: 1, firstSeenAt: new Date(2026, 0, 5).getTime() }), 'seen 1× · first Jan 5'],
    ['first seen in another year', state({ seenCount: 12, firstSeenAt: new Date(2025, 11, 31, 23, 0).getTime() }), 'seen 12× · first Dec 31, 2025'],
  ])('%s', (_name, incoming, label) => {
    expect(seenLabel(nextCardState(undefined, incoming), NOW)).toBe(label);
  });

  it('a paper new to the library has no mark and is not dimmed', () => {
    const view = nextCardState(undefined, undefined);
    expect(view).toEqual({ saved: false, tags: [], read: false, seenBefore: null });
    expect(seenLabel(view, NOW)).toBe('');
    expect(isSeenBefore(view)).toBe(false);
  });

  it('shortDate uses local days', () => {
    expect(shortDate(new Date(2026, 10, 12, 0, 5).getTime(), NOW)).toBe('Nov 12');
    expect(shortDate(new Date(2026, 10, 11, 23, 55).getTime(), NOW)).toBe('Nov 11');
  });
});

describe('nextCardState', () => {
  it('keeps the seen history of the first answer (before this visit) and takes user fields from the latest', () => {
    const first = nextCardState(undefined, state({ seenCount: 2 }));
    const later = nextCardState(first, state({ seenCount: 3, saved: true, tags: ['to-read'], lastSeenAt: NOW }));
    expect(later.seenBefore).toEqual(first.seenBefore);
    expect(later).toMatchObject({ saved: true, tags: ['to-read'] });
    expect(seenLabel(later, NOW)).toBe('seen 2× · first Nov 12');
  });

  it('a paper new on this visit stays unmarked after it is captured and saved', () => {
    const first = nextCardState(undefined, undefined);
    const afterSave = nextCardState(first, state({ seenCount: 1, saved: true }));
    expect(afterSave.saved).toBe(true);
    expect(seenLabel(afterSave, NOW)).toBe('');
    expect(isSeenBefore(afterSave)).toBe(false);
  });

  it('an unsave (or removal) clears the user fields', () => {
    const saved = nextCardState(undefined, state({ saved: true, tags: ['a'] }));
    expect(nextCardState(saved, state())).toMatchObject({ saved: false, tags: [] });
  });
});

describe('tagSuggestions', () => {
  const library = ['to-read', 'diffusion', 'reading-group', 'rl', 'agents'];
  it.each([
    ['', [], library],
    ['read', [], ['reading-group', 'to-read']],
    ['r', ['rl'], ['reading-group', 'to-read']],
    ['  DIFF ', [], ['diffusion']],
    ['zzz', [], []],
  ])('typed %j, card has %j', (typed, cardTags, expected) => {
    expect(tagSuggestions(library, cardTags, typed)).toEqual(expected);
  });
});
