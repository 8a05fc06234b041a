/**
 * A short hash of what a page says about a paper, counters aside (upvotes and comments change on every
 * visit and are cheap to apply). Equal fingerprints mean a re-capture brings nothing new but the
 * sighting and the counters.
 */
import type { CapturedPaper } from '../paper/record';

/** FNV-1a, 32 bits: fast, stable across runs, and collisions only cost a skipped page-field refresh. */
function fnv1a(text: string, hash = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function contentFingerprint(paper: CapturedPaper): string {
  const { links } = paper;
  const parts = [
    paper.title,
    paper.version,
    paper.abstract,
    paper.authors?.join('\u0001'),
    links.hf,
    links.arxiv,
    links.pdf,
    links.github,
    links.project,
    paper.publishedAt,
    paper.thumbnail,
    paper.aiSummary,
    paper.aiKeywords?.join('\u0001'),
    paper.organization,
    // Only when present, so the fingerprints of papers without one (every HF card) stay as they were.
    ...(paper.primaryCategory ? [paper.primaryCategory] : []),
  ];
  let hash = 0x811c9dc5;
  for (const part of parts) hash = fnv1a(`${part ?? ''}\u0000`, hash);
  return hash.toString(36);
}

/** The parts of a capture that change on every visit. */
export interface PaperCounters {
  id: string;
  upvotes?: number;
  comments?: number;
  githubStars?: number;
}

export function countersOf(paper: CapturedPaper): PaperCounters {
  const counters: PaperCounters = { id: paper.id };
  if (paper.upvotes !== undefined) counters.upvotes = paper.upvotes;
  if (paper.comments !== undefined) counters.comments = paper.comments;
  if (paper.githubStars !== undefined) counters.githubStars = paper.githubStars;
  return counters;
}
