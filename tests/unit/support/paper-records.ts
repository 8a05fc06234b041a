/** Small library records for the tests of the library page, the library's writes and its change feed. */
import type { PaperRecord } from '@/utils/paper/record';

export const T0 = Date.UTC(2026, 2, 11, 9);
export const DAY = 86_400_000;

export function paper(id: string, overrides: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id,
    title: `Paper ${id}`,
    abstract: `Abstract of ${id}.`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    links: { hf: `https://huggingface.co/papers/${id}`, arxiv: `https://arxiv.org/abs/${id}` },
    firstSeenAt: T0,
    lastSeenAt: T0,
    seenCount: 1,
    seenOn: [{ site: 'hf', kind: 'daily', label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11', lastAt: T0, count: 1 }],
    sites: ['hf'],
    tags: [],
    updatedAt: T0,
    ...overrides,
  };
}
