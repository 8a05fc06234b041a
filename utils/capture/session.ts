/**
 * Drives capture on one tab: parse the page, send the cards this page view hasn't sent yet (or that
 * changed), and do it again when told the listing re-rendered (`schedule`, from the tab's page watch) or
 * the SPA navigated. Site-independent: the adapter and the transport are passed in, so this is testable
 * without a browser.
 */
import type { CaptureMessage, CaptureResponse } from '../messaging/messages';
import type { CapturedPaper } from '../paper/record';
import type { PageParse, ParseOptions } from './sites/site-adapter';


export interface CaptureSessionOptions {
  document: Document;
  /** Current page URL (read on every scan: SPAs change it). */
  location: () => string;
  /** Synchronous, or a promise for a parse spread over several tasks (`runInTasks`). */
  parse: (document: Document, url: string, options: ParseOptions) => PageParse | Promise<PageParse>;
  send: (message: CaptureMessage) => Promise<CaptureResponse | undefined>;
  setTimeout: (callback: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  /** Quiet time after the last DOM change before a rescan. */
  debounceMs?: number;
  /** How long to wait for a lagging island after navigation before trusting it as it is. */
  settleMs?: number;
  onError?: (error: unknown) => void;
}

export interface CaptureSession {
  /** The page changed: rescan soon (debounced). */
  schedule(): void;
  /** The URL changed: rescan soon (a new page view starts, and every card shown counts again). */
  navigated(): void;
  /** Scan now; resolves when the batch (if any) has been answered. */
  scan(options?: ParseOptions): Promise<void>;
  stop(): void;
}

/** Cheap change detector: what a re-render could update on a card already sent. */
function fingerprint(paper: CapturedPaper): string {
  return [
    paper.title,
    paper.version,
    paper.abstract?.length,
    paper.authors?.length,
    paper.upvotes,
    paper.comments,
    paper.githubStars,
    paper.links.github,
    paper.links.project,
  ].join('|');
}

/**
 * Runs a stepped computation (a generator that yields between steps) one step per task, `defer`
 * scheduling the next, so a long parse never holds the main thread in one piece.
 */
export function runInTasks<T>(steps: Generator<void, T>, defer: (next: () => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const step = () => {
      try {
        const next = steps.next();
        if (next.done) resolve(next.value);
        else defer(step);
      } catch (error) {
        reject(error);
      }
    };
    step();
  });
}

/** Waits before re-sending a batch the background did not store (then the next page change retries). */
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000];

export function createCaptureSession(options: CaptureSessionOptions): CaptureSession {
  const debounceMs = options.debounceMs ?? 250;
  const settleMs = options.settleMs ?? 2_000;
  let sent = new Map<string, string>();
  let reported = new Set<string>();
  let timer: number | undefined;
  let settleTimer: number | undefined;
  let retryTimer: number | undefined;
  /** Failed sends in a row; bounds the retries. */
  let failedSends = 0;
  let stopped = false;
  /** The page view is the URL without its fragment: a new one starts whenever it changes. */
  let pageView: string | undefined;

  async function scan(scanOptions: ParseOptions = {}): Promise<void> {
    if (stopped) return;
    const url = options.location();
    const view = url.replace(/#.*$/, '');
    if (view !== pageView) {
      // Noticed here rather than only from navigation events, which may come after the re-render.
      pageView = view;
      sent = new Map();
      reported = new Set();
    }
    const parsed = options.parse(options.document, url, scanOptions);
    const result = parsed instanceof Promise ? await parsed : parsed;
    // A parse spread over tasks may end after a stop or a navigation: its cards are of another view.
    if (stopped || pageView !== view) return;
    if (!result.listing) return;
    if (result.stale) {
      // Wait for the re-render; if it never comes (e.g. HF clamped the date), trust the island.
      if (settleTimer === undefined) {
        settleTimer = options.setTimeout(() => {
          settleTimer = undefined;
          void scan({ acceptMismatch: true }).catch(options.onError);
        }, settleMs);
      }
      return;
    }
    if (settleTimer !== undefined) {
      options.clearTimeout(settleTimer);
      settleTimer = undefined;
    }

    const papers = result.papers.filter((paper) => sent.get(paper.id) !== fingerprint(paper));
    const problems = result.problems.filter((problem) => !reported.has(problem.reason));
    if (!papers.length && !problems.length) return;

    const sentBefore = new Map(papers.map((paper) => [paper.id, sent.get(paper.id)]));
    const currentSent = sent;
    for (const paper of papers) currentSent.set(paper.id, fingerprint(paper));
    for (const problem of problems) reported.add(problem.reason);
    let response: CaptureResponse | undefined;
    try {
      response = await options.send({ type: 'capture', listing: result.listing, papers, problems });
    } catch (error) {
      // No receiver yet (the extension is still starting, or its worker restarts): not stored.
      options.onError?.(error);
    }
    if (response?.ok) {
      failedSends = 0;
      return;
    }
    // Not stored: these cards and problems count as unsent, and a later scan tries them again. Static
    // pages (arXiv) have no page watch to trigger one, so a retry is scheduled, a few times with backoff.
    for (const [id, previous] of sentBefore) {
      if (previous === undefined) currentSent.delete(id);
      else currentSent.set(id, previous);
    }
    if (currentSent === sent) for (const problem of problems) reported.delete(problem.reason);
    if (response && !response.ok) options.onError?.(new Error(response.error));
    scheduleRetry();
  }

  function scheduleRetry(): void {
    if (stopped || retryTimer !== undefined || failedSends >= RETRY_DELAYS_MS.length) return;
    const delay = RETRY_DELAYS_MS[failedSends++]!;
    retryTimer = options.setTimeout(() => {
      retryTimer = undefined;
      void scan().catch(options.onError);
    }, delay);
  }

  const session: CaptureSession = {
    schedule() {
      if (stopped) return;
      if (timer !== undefined) options.clearTimeout(timer);
      timer = options.setTimeout(() => {
        timer = undefined;
        void scan().catch(options.onError);
      }, debounceMs);
    },
    navigated() {
      session.schedule();
    },
    scan,
    stop() {
      stopped = true;
      if (timer !== undefined) options.clearTimeout(timer);
      if (settleTimer !== undefined) options.clearTimeout(settleTimer);
      if (retryTimer !== undefined) options.clearTimeout(retryTimer);
    },
  };
  return session;
}
