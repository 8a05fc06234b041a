/**
 * The background's fold chain: merges of queued captures (`fold`) and the card reads and actions that
 * must see them (`afterFold`) run one at a time, in the order asked. Site- and browser-independent: the
 * merge, the storage check and the timers are passed in, so the order rules are unit-tested.
 */
import type { FoldResult } from './record-capture';

export interface FoldChainOptions {
  /** Merges everything queued (`foldPendingCaptures(db)`). */
  foldPending: () => Promise<FoldResult>;
  /** Whether merging must wait (storage trouble): queued batches stay queued, durably, meanwhile. */
  paused: () => Promise<boolean>;
  /** A merge failed (its error is still thrown to the fold's caller). */
  onFoldError?: (error: unknown) => void;
  /** Each completed fold, with its start time (for `npm run bench`). */
  onFolded?: (result: FoldResult, start: number) => void;
  /** The chain went on past a failed fold. */
  onChainError?: (error: unknown) => void;
  /** Longest a read or action may hold the chain before later merges go ahead (default 5 s). */
  holdLimitMs?: number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  now?: () => number;
}

export interface FoldChain {
  /** Merges what is queued once the chain is free; resolves when this fold is done. */
  fold(): Promise<FoldResult>;
  /** Runs `work` after every fold asked before it (a page's state is read before its capture is merged). */
  afterFold<T>(work: () => Promise<T>): Promise<T>;
  /** Settles when what is chained now has run (for work that follows the chain without joining it). */
  settled(): Promise<unknown>;
}

const NOTHING: FoldResult = { batches: 0, papers: 0, failed: 0 };

export function createFoldChain(options: FoldChainOptions): FoldChain {
  const holdLimitMs = options.holdLimitMs ?? 5_000;
  const later = options.setTimeout ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const now = options.now ?? (() => performance.now());
  // The chain's tail: never rejects, so one failure doesn't stop the merges after it.
  let tail: Promise<unknown> = Promise.resolve();

  return {
    fold() {
      const run = tail.then(async () => {
        if (await options.paused()) return NOTHING;
        const start = now();
        const result = await options.foldPending().catch((error: unknown) => {
          options.onFoldError?.(error);
          throw error;
        });
        options.onFolded?.(result, start);
        return result;
      });
      tail = run.catch((error: unknown) => options.onChainError?.(error));
      return run;
    },
    afterFold(work) {
      const result = tail.then(work);
      // A read that hangs must not hold every later merge: the chain moves on after the hold limit.
      tail = Promise.race([result.catch(() => {}), new Promise((resolve) => later(() => resolve(undefined), holdLimitMs))]);
      return result;
    },
    settled: () => tail,
  };
}
