/**
 * Hugging Face Papers adapter: `(document, url) → papers`. Pure: reads the DOM, never changes it.
 * (Implementation in progress.)
 */
import type { CaptureProblem } from '../messages';
import type { CapturedPaper, Listing } from '../paper';

export interface HfPageResult {
  /** What listing this URL is; undefined when the URL is not an HF papers page Paperdex reads. */
  listing: Listing | undefined;
  /** Cards actually shown on the page, in page order, sanitized. */
  papers: CapturedPaper[];
  /** Drift and broken input noticed while reading. */
  problems: CaptureProblem[];
  /** The JSON island still describes another period or query than the URL (client-side navigation in flight). */
  stale: boolean;
}

export function parseHfPage(_document: Document, _url: string): HfPageResult {
  return { listing: undefined, papers: [], problems: [], stale: false };
}
