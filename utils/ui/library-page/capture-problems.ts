/**
 * Capture problems (markup drift, counted per site and reason by capture) in plain words, so a user can
 * tell when a site changed its pages: "Hugging Face pages changed: 12 cards could not be read since Nov 3."
 */
import type { CaptureProblemRecord } from '../../library/schema';
import { PAGE_VIEW_LIMIT, TAB_HOUR_LIMIT } from '../../capture/page-views';
import { calendarDate } from '../shared/seen-time';

export interface ProblemSummary {
  key: string;
  /** "Hugging Face pages changed: 12 cards could not be read since Nov 3." */
  headline: string;
  /** What it means for the library. */
  consequence: string;
  count: number;
  firstAt: number;
  lastAt: number;
  /** Shown as text, never as a link: it is whatever page the problem was seen on. */
  lastUrl: string;
  lastDetail?: string;
}

const SITE_NAMES: Record<string, string> = { hf: 'Hugging Face', arxiv: 'arXiv' };

const FELL_BACK = 'Paperdex read the visible cards instead, so abstracts and some authors may be missing for papers seen there.';
const NOT_RECORDED = 'Papers on those pages were not recorded.';

/** What happened, given how many times, and what it means. Reasons added later get a generic text. */
const REASONS: Record<string, { what: (count: number) => string; consequence: string; headline?: (site: string, what: string) => string }> = {
  'island-missing': { what: (n) => `the paper data Paperdex reads was missing on ${count(n, 'page view')}`, consequence: FELL_BACK },
  'island-unparseable': { what: (n) => `the paper data could not be parsed on ${count(n, 'page view')}`, consequence: FELL_BACK },
  'island-unexpected': { what: (n) => `the paper data had an unexpected shape on ${count(n, 'page view')}`, consequence: FELL_BACK },
  'no-cards': { what: (n) => `no paper could be found on ${count(n, 'page')}`, consequence: NOT_RECORDED },
  'card-invalid': { what: (n) => `${count(n, 'card')} could not be read`, consequence: 'Those papers were not recorded.' },
  'meta-missing': {
    what: (n) => `the citation data was missing on ${count(n, 'abstract page')}`,
    consequence: 'Paperdex read the page text instead; some details may be missing.',
  },
  // Not drift: a page (or something pretending to be one) tried to add more papers than a person reads.
  'capture-limit': {
    what: (n) => `${count(n, 'paper')} over the capture limits were not recorded`,
    headline: (site, what) => `${site} pages showed more papers than Paperdex records at once: ${what}`,
    consequence: `A listing records at most ${PAGE_VIEW_LIMIT.toLocaleString('en-US')} papers, and a tab at most ${TAB_HOUR_LIMIT.toLocaleString('en-US')} new papers an hour. A real listing stays under both; the papers refused are recorded when a page shows them again later.`,
  },
};

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : `${noun}s`}`;
}

export function describeProblem(problem: CaptureProblemRecord, now = Date.now()): ProblemSummary {
  const site = SITE_NAMES[problem.site] ?? String(problem.site);
  const reason = REASONS[problem.reason];
  const what = reason ? reason.what(problem.count) : `${count(problem.count, 'capture problem')} (${String(problem.reason)})`;
  return {
    key: problem.key,
    headline: `${reason?.headline ? reason.headline(site, what) : `${site} pages changed: ${what}`} since ${calendarDate(problem.firstAt, now)}.`,
    consequence: reason?.consequence ?? '',
    count: problem.count,
    firstAt: problem.firstAt,
    lastAt: problem.lastAt,
    lastUrl: problem.lastUrl,
    ...(problem.lastDetail ? { lastDetail: problem.lastDetail } : {}),
  };
}

/** Every problem described, the most recent first. */
export function describeProblems(problems: readonly CaptureProblemRecord[], now = Date.now()): ProblemSummary[] {
  return [...problems].sort((a, b) => b.lastAt - a.lastAt).map((problem) => describeProblem(problem, now));
}
