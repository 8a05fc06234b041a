/**
 * A small library as capture and the user leave it: papers seen on HF and arXiv listings (one on both),
 * saved, tagged, read, a note, a paper saved by id and never seen, and a hostile title.
 */
import { recordCapture } from '@/utils/capture/record-capture';
import { saveById } from '@/utils/library/save-by-id';
import type { PaperdexDB } from '@/utils/library/schema';
import { addTag, setNote, setRead, setSaved } from '@/utils/library/user-actions';
import type { CapturedPaper, Listing, PaperRecord } from '@/utils/paper/record';
import { sanitizeCapturedPaper } from '@/utils/paper/sanitize';

export const T0 = Date.UTC(2026, 2, 11, 9);
const HOUR = 3_600_000;

/** A stored record with only what a test sets (seen once at T0 on HF, nothing else). */
export function storedPaper(fields: Partial<PaperRecord> & { id: string }): PaperRecord {
  return { title: '', links: {}, firstSeenAt: T0, lastSeenAt: T0, seenCount: 1, seenOn: [], sites: ['hf'], tags: [], updatedAt: T0, ...fields };
}

export const daily: Listing = { site: 'hf', kind: 'daily', label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11' };
export const arxivList: Listing = { site: 'arxiv', kind: 'listing', label: 'cs.LG new', url: 'https://arxiv.org/list/cs.LG/new' };

export const PAPERS: CapturedPaper[] = [
  {
    id: '2403.10001',
    version: 2,
    title: 'Sheaf Neural Networks for Heterophilic Graphs',
    abstract: 'Cellular sheaves handle heterophilic graphs.\n\nA second paragraph with 100% more $math$ & {braces}.',
    authors: ['Farid Ahmadi', 'Sigríður Ólafsdóttir', 'Jörg Müller'],
    links: { hf: 'https://huggingface.co/papers/2403.10001', arxiv: 'https://arxiv.org/abs/2403.10001', pdf: 'https://arxiv.org/pdf/2403.10001', github: 'https://github.com/a/b' },
    publishedAt: '2024-03-15T00:00:00.000Z',
    upvotes: 42,
    comments: 3,
    aiKeywords: ['sheaf', 'graphs'],
    primaryCategory: 'cs.LG',
  },
  {
    id: '2403.10002',
    title: '=HYPERLINK("http://evil.example","click") <img src=x onerror=alert(1)>',
    abstract: 'A "quoted", comma, and\nnew line.',
    authors: ['-Minus Person', '@At Person'],
    links: { hf: 'https://huggingface.co/papers/2403.10002' },
    publishedAt: '2024-03-16T00:00:00.000Z',
  },
  {
    id: 'hep-th/9901001',
    title: 'Old Style Strings_and~Things #1',
    authors: ['Anderson and Company', 'Smith, Jr.'],
    links: { arxiv: 'https://arxiv.org/abs/hep-th/9901001' },
  },
];

/** Fills `db` with the sample library; returns its records. */
export async function fillSampleLibrary(db: PaperdexDB): Promise<PaperRecord[]> {
  // As the background stores them: sanitized.
  const papers = PAPERS.map((paper) => sanitizeCapturedPaper(paper)!);
  await recordCapture(db, { listing: daily, papers, problems: [] }, T0);
  await recordCapture(db, { listing: arxivList, papers: [papers[0]!], problems: [] }, T0 + 2 * HOUR);
  await setSaved(db, '2403.10001', true, T0 + 3 * HOUR);
  await addTag(db, '2403.10001', 'reading group', T0 + 3 * HOUR);
  await addTag(db, '2403.10001', 'graphs', T0 + 3 * HOUR);
  await setRead(db, '2403.10002', true, T0 + 4 * HOUR);
  await setNote(db, '2403.10001', 'Compare with GAT.\nLine two, "quoted".', T0 + 4 * HOUR);
  await saveById(db, [{ id: '2501.00042', hf: true }], T0 + 5 * HOUR);
  return db.papers.orderBy('id').toArray();
}

/** Records without `updatedAt` (an import stamps the time it writes). */
export function withoutUpdatedAt(records: PaperRecord[]): Omit<PaperRecord, 'updatedAt'>[] {
  return records.map(({ updatedAt: _updatedAt, ...rest }) => rest);
}
