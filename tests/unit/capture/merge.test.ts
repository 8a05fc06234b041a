import { describe, expect, it } from 'vitest';
import { MAX_PLACES, mergeSighting, REVISIT_WINDOW_MS, richerAuthors, richerText } from '@/utils/capture/merge';
import type { CapturedPaper, Listing, PaperRecord } from '@/utils/paper/record';

const daily: Listing = { site: 'hf', kind: 'daily', label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11' };
const weekly: Listing = { site: 'hf', kind: 'weekly', label: 'Weekly 2026-W11', url: 'https://huggingface.co/papers/week/2026-W11' };
const T0 = Date.UTC(2026, 2, 11, 9);
const HOUR = 3_600_000;

const full: CapturedPaper = {
  id: '2403.01234',
  title: 'Latent Diffusion Transformers',
  abstract: 'We study latent diffusion with transformers. It works.',
  authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
  links: { hf: 'https://huggingface.co/papers/2403.01234', github: 'https://github.com/a/b' },
  upvotes: 10,
  comments: 2,
  publishedAt: '2026-03-10T00:00:00.000Z',
  aiKeywords: ['diffusion'],
};

describe('richerText', () => {
  it.each([
    ['new value replaces old', 'Old title', 'New title', 'New title'],
    ['missing new keeps old', 'Abstract seen earlier', undefined, 'Abstract seen earlier'],
    ['empty new keeps old', 'Abstract seen earlier', '', 'Abstract seen earlier'],
    ['a truncated copy keeps the full text', 'A long abstract that goes on', 'A long abstract…', 'A long abstract that goes on'],
    ['a truncated copy with dots keeps the full text', 'A long abstract that goes on', 'A long abstract...', 'A long abstract that goes on'],
    ['a longer revision replaces', 'Short', 'Short and revised', 'Short and revised'],
    ['nothing before takes the new', undefined, 'First', 'First'],
  ])('%s', (_name, previous, next, expected) => {
    expect(richerText(previous, next)).toBe(expected);
  });
});

describe('richerAuthors', () => {
  it.each([
    ['a subset (compact card avatars) keeps the full list', ['A', 'B', 'C'], ['A', 'B'], ['A', 'B', 'C']],
    ['a different list replaces', ['A', 'B'], ['A', 'X'], ['A', 'X']],
    ['a longer list replaces', ['A'], ['A', 'B'], ['A', 'B']],
    ['no authors keeps the old', ['A'], undefined, ['A']],
    ['empty keeps the old', ['A'], [], ['A']],
  ])('%s', (_name, previous, next, expected) => {
    expect(richerAuthors(previous, next)).toEqual(expected);
  });
});

describe('mergeSighting', () => {
  const first = mergeSighting(undefined, full, daily, T0);

  it('creates a record with its seen history and empty user fields', () => {
    expect(first).toMatchObject({
      ...full,
      firstSeenAt: T0,
      lastSeenAt: T0,
      seenCount: 1,
      sites: ['hf'],
      tags: [],
      seenOn: [{ ...daily, lastAt: T0, count: 1 }],
    });
    expect(first.savedAt).toBeUndefined();
  });

  it('a record stored with a last-seen far in the future (by an older version\'s import) gets this sighting\'s time', () => {
    const future = Date.UTC(2200, 0, 1);
    const pinned: PaperRecord = { ...first, lastSeenAt: future, seenOn: [{ ...daily, lastAt: future, count: 1 }] };
    const seen = mergeSighting(pinned, full, daily, T0 + HOUR);
    expect(seen.lastSeenAt).toBe(T0 + HOUR);
    expect(seen.seenOn[0]!.lastAt).toBe(T0 + HOUR);
  });

  it('never overwrites what the user set', () => {
    const userState: PaperRecord = { ...first, savedAt: T0 + 1, tags: ['to-read', 'diffusion'], readAt: T0 + 2, note: 'Check eq. 3' };
    const next = mergeSighting(userState, { ...full, title: 'Renamed' }, weekly, T0 + HOUR);
    expect(next).toMatchObject({ savedAt: T0 + 1, tags: ['to-read', 'diffusion'], readAt: T0 + 2, note: 'Check eq. 3', title: 'Renamed' });
  });

  it('keeps fields it does not know (added by later versions)', () => {
    const withExtra = { ...first, futureField: { x: 1 } } as PaperRecord;
    expect(mergeSighting(withExtra, full, weekly, T0 + HOUR)).toHaveProperty('futureField', { x: 1 });
  });

  it('a compact card without abstract or authors does not erase them', () => {
    const compact: CapturedPaper = { id: full.id, title: full.title, links: { hf: full.links.hf }, upvotes: 12 };
    const next = mergeSighting(first, compact, weekly, T0 + HOUR);
    expect(next.abstract).toBe(full.abstract);
    expect(next.authors).toEqual(full.authors);
    expect(next.links.github).toBe(full.links.github);
    expect(next.aiKeywords).toEqual(['diffusion']);
    expect(next.upvotes).toBe(12);
  });

  it('counts, dates and versions move forward', () => {
    const next = mergeSighting(first, { ...full, upvotes: 99, comments: 7, version: 2 }, weekly, T0 + HOUR);
    expect(next).toMatchObject({ upvotes: 99, comments: 7, version: 2 });
    const older = mergeSighting(next, { ...full, version: 1 }, daily, T0 + 2 * HOUR);
    expect(older.version).toBe(2);
  });

  it('counts a new page view, but not a reload of the same listing within the window', () => {
    const reload = mergeSighting(first, full, daily, T0 + 60_000);
    expect(reload.seenCount).toBe(1);
    expect(reload.lastSeenAt).toBe(T0 + 60_000);
    const otherListing = mergeSighting(reload, full, weekly, T0 + 120_000);
    expect(otherListing.seenCount).toBe(2);
    const later = mergeSighting(otherListing, full, daily, T0 + 60_000 + REVISIT_WINDOW_MS);
    expect(later.seenCount).toBe(3);
    expect(later.seenOn.map((place) => [place.url, place.count])).toEqual([
      [daily.url, 2],
      [weekly.url, 1],
    ]);
  });

  it('keeps the earliest first-seen and latest last-seen whatever the order of arrival', () => {
    const early = mergeSighting(first, full, weekly, T0 - 5 * HOUR);
    expect(early.firstSeenAt).toBe(T0 - 5 * HOUR);
    expect(early.lastSeenAt).toBe(T0);
  });

  it('keeps at most MAX_PLACES listings, most recent first', () => {
    let record = first;
    for (let i = 1; i <= MAX_PLACES + 5; i++) {
      record = mergeSighting(record, full, { ...daily, url: `${daily.url}?q=${i}`, kind: 'search' }, T0 + i * 1000);
    }
    expect(record.seenOn).toHaveLength(MAX_PLACES);
    expect(record.seenOn[0]!.url).toBe(`${daily.url}?q=${MAX_PLACES + 5}`);
    expect(record.seenCount).toBe(MAX_PLACES + 6);
  });

  it.each([
    ['a newer category wins', 'cs.LG', 'cs.CV', 'cs.CV'],
    ['a page without one keeps the old', 'cs.LG', undefined, 'cs.LG'],
    ['the first one is taken', undefined, 'hep-th', 'hep-th'],
  ])('primary category: %s', (_name, before, after, expected) => {
    const arxiv: Listing = { site: 'arxiv', kind: 'listing', label: 'arXiv cs.LG · new', url: 'https://arxiv.org/list/cs.LG/new' };
    const start = mergeSighting(undefined, { ...full, ...(before ? { primaryCategory: before } : {}) }, arxiv, T0);
    const next = mergeSighting(start, { ...full, ...(after ? { primaryCategory: after } : {}) }, daily, T0 + HOUR);
    if (expected === undefined) expect(next).not.toHaveProperty('primaryCategory');
    else expect(next.primaryCategory).toBe(expected);
  });

  it('lists every site a paper was seen on once', () => {
    const arxiv: Listing = { site: 'arxiv', kind: 'listing', label: 'cs.LG new', url: 'https://arxiv.org/list/cs.LG/new' };
    const both = mergeSighting(mergeSighting(first, full, arxiv, T0 + HOUR), full, daily, T0 + 2 * HOUR);
    expect(both.sites).toEqual(['hf', 'arxiv']);
  });
});
