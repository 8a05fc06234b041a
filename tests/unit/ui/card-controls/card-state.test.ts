import { describe, expect, it } from 'vitest';
import { isDimmed, isSeenBefore, nextCardState, seenLabel } from '@/utils/ui/card-controls/card-state';
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
    ['seen three times, last a week ago', state(), 'seen Nov 20 · 3×'],
    ['seen once, a minute ago (the popup says "just now" under a minute)', state({ seenCount: 1, lastSeenAt: NOW - 30_000 }), 'seen just now'],
    ['seen twice, last an hour ago', state({ seenCount: 2, lastSeenAt: NOW - 3_600_000 }), 'seen 1 h ago · 2×'],
    ['seen yesterday', state({ seenCount: 1, lastSeenAt: new Date(2026, 10, 26, 9).getTime() }), 'seen yesterday'],
    ['last seen in another year', state({ seenCount: 12, lastSeenAt: new Date(2025, 11, 31, 23, 0).getTime() }), 'seen Dec 31, 2025 · 12×'],
  ])('%s', (_name, incoming, label) => {
    expect(seenLabel(nextCardState(undefined, incoming), NOW)).toBe(label);
  });

  it('a paper new to the library has no mark and is not dimmed', () => {
    const view = nextCardState(undefined, undefined);
    expect(view).toEqual({ saved: false, tags: [], read: false, seenBefore: null });
    expect(seenLabel(view, NOW)).toBe('');
    expect(isSeenBefore(view)).toBe(false);
    expect(isDimmed(view)).toBe(false);
  });

  it('dim-seen fades a paper seen before, never one saved or tagged', () => {
    expect(isDimmed(nextCardState(undefined, state()))).toBe(true);
    expect(isDimmed(nextCardState(undefined, state({ saved: true })))).toBe(false);
    expect(isDimmed(nextCardState(undefined, state({ tags: ['to-read'] })))).toBe(false);
  });
});

describe('nextCardState', () => {
  it('keeps the seen history of the first answer (before this visit) and takes user fields from the latest', () => {
    const first = nextCardState(undefined, state({ seenCount: 2 }));
    const later = nextCardState(first, state({ seenCount: 3, saved: true, tags: ['to-read'], lastSeenAt: NOW }));
    expect(later.seenBefore).toEqual(first.seenBefore);
    expect(later).toMatchObject({ saved: true, tags: ['to-read'] });
    expect(seenLabel(later, NOW)).toBe('seen Nov 20 · 2×');
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
