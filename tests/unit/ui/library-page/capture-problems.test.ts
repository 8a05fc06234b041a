import { describe, expect, it } from 'vitest';
import type { CaptureProblemRecord } from '@/utils/library/schema';
import { describeProblem, describeProblems } from '@/utils/ui/library-page/capture-problems';

const NOW = Date.UTC(2026, 10, 27, 12);
const NOV_3 = Date.UTC(2026, 10, 3, 12);

function problem(site: string, reason: string, count: number, extra: Partial<CaptureProblemRecord> = {}): CaptureProblemRecord {
  return {
    key: `${site}:${reason}`,
    site,
    reason,
    count,
    firstAt: NOV_3,
    lastAt: NOW - 3_600_000,
    lastUrl: 'https://huggingface.co/papers',
    ...extra,
  } as CaptureProblemRecord;
}

describe('describeProblem', () => {
  it.each([
    ['hf', 'card-invalid', 12, 'Hugging Face pages changed: 12 cards could not be read since Nov 3.'],
    ['hf', 'card-invalid', 1, 'Hugging Face pages changed: 1 card could not be read since Nov 3.'],
    ['hf', 'island-missing', 3, 'Hugging Face pages changed: the paper data Paperdex reads was missing on 3 page views since Nov 3.'],
    ['hf', 'island-unparseable', 1, 'Hugging Face pages changed: the paper data could not be parsed on 1 page view since Nov 3.'],
    ['hf', 'island-unexpected', 2, 'Hugging Face pages changed: the paper data had an unexpected shape on 2 page views since Nov 3.'],
    ['arxiv', 'no-cards', 1_234, 'arXiv pages changed: no paper could be found on 1,234 pages since Nov 3.'],
    ['arxiv', 'meta-missing', 5, 'arXiv pages changed: the citation data was missing on 5 abstract pages since Nov 3.'],
    ['hf', 'capture-limit', 600, 'Hugging Face pages showed more papers than Paperdex records at once: 600 papers over the capture limits were not recorded since Nov 3.'],
    ['arxiv', 'something-new', 2, 'arXiv pages changed: 2 capture problems (something-new) since Nov 3.'],
  ])('%s %s ×%i', (site, reason, count, headline) => {
    expect(describeProblem(problem(site, reason, count), NOW).headline).toBe(headline);
  });

  it('says what the problem means for the library', () => {
    expect(describeProblem(problem('hf', 'island-missing', 1), NOW).consequence).toMatch(/abstracts .* may be missing/);
    expect(describeProblem(problem('hf', 'card-invalid', 1), NOW).consequence).toMatch(/not recorded/);
  });

  it('gives the year of a date in another year', () => {
    expect(describeProblem(problem('hf', 'no-cards', 1, { firstAt: Date.UTC(2025, 11, 30, 12) }), NOW).headline).toMatch(/since Dec 30, 2025\.$/);
  });

  it('lists the most recent first and keeps the last page and detail', () => {
    const list = describeProblems(
      [
        problem('hf', 'card-invalid', 1, { lastAt: NOW - 10 }),
        problem('arxiv', 'no-cards', 1, { lastAt: NOW - 5, lastUrl: 'https://arxiv.org/list/cs.LG/new', lastDetail: 'no dl#articles' }),
      ],
      NOW,
    );
    expect(list.map((item) => item.key)).toEqual(['arxiv:no-cards', 'hf:card-invalid']);
    expect(list[0]).toMatchObject({ lastUrl: 'https://arxiv.org/list/cs.LG/new', lastDetail: 'no dl#articles' });
  });
});
