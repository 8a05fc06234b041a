import { describe, expect, it, vi } from 'vitest';
import { createFoldChain } from '@/utils/capture/fold-chain';
import type { FoldResult } from '@/utils/capture/record-capture';

const result = (papers: number): FoldResult => ({ batches: papers ? 1 : 0, papers, failed: 0 });

/** A promise with its resolve and reject in hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('fold chain', () => {
  it('runs one fold at a time, in the order asked', async () => {
    const log: string[] = [];
    const first = deferred<FoldResult>();
    let calls = 0;
    const chain = createFoldChain({
      paused: async () => false,
      foldPending: () => {
        calls++;
        log.push(`start ${calls}`);
        return calls === 1 ? first.promise.then((r) => (log.push('end 1'), r)) : Promise.resolve(result(calls));
      },
    });
    const a = chain.fold();
    const b = chain.fold();
    await tick();
    expect(log).toEqual(['start 1']);
    first.resolve(result(1));
    expect(await a).toEqual(result(1));
    expect(await b).toEqual(result(2));
    expect(log).toEqual(['start 1', 'end 1', 'start 2']);
  });

  it('a read runs after the folds asked before it, and a fold asked after it waits for it', async () => {
    const log: string[] = [];
    const read = deferred<string>();
    const chain = createFoldChain({
      paused: async () => false,
      foldPending: async () => (log.push('fold'), result(1)),
    });
    void chain.fold();
    const answer = chain.afterFold(() => (log.push('read'), read.promise));
    void chain.fold();
    await tick();
    expect(log).toEqual(['fold', 'read']);
    read.resolve('states');
    expect(await answer).toBe('states');
    await chain.settled();
    expect(log).toEqual(['fold', 'read', 'fold']);
  });

  it('a failed fold rejects to its caller and is reported; the chain goes on', async () => {
    const foldErrors: unknown[] = [];
    const chainErrors: unknown[] = [];
    let calls = 0;
    const chain = createFoldChain({
      paused: async () => false,
      foldPending: async () => {
        if (++calls === 1) throw new Error('disk full');
        return result(2);
      },
      onFoldError: (error) => foldErrors.push(error),
      onChainError: (error) => chainErrors.push(error),
    });
    await expect(chain.fold()).rejects.toThrow('disk full');
    expect(await chain.fold()).toEqual(result(2));
    expect(await chain.afterFold(async () => 'read')).toBe('read');
    expect(foldErrors).toHaveLength(1);
    expect(chainErrors).toHaveLength(1);
  });

  it('merges nothing while paused (the queue waits), and again once unpaused', async () => {
    let paused = true;
    const foldPending = vi.fn(async () => result(3));
    const folded: FoldResult[] = [];
    const chain = createFoldChain({ paused: async () => paused, foldPending, onFolded: (r) => folded.push(r) });
    expect(await chain.fold()).toEqual({ batches: 0, papers: 0, failed: 0 });
    expect(foldPending).not.toHaveBeenCalled();
    paused = false;
    expect(await chain.fold()).toEqual(result(3));
    expect(folded).toEqual([result(3)]);
  });

  it('a read that hangs holds later folds for the hold limit only', async () => {
    vi.useFakeTimers();
    try {
      const foldPending = vi.fn(async () => result(1));
      const chain = createFoldChain({ paused: async () => false, foldPending, holdLimitMs: 5_000 });
      void chain.afterFold(() => new Promise(() => {}));
      const fold = chain.fold();
      await vi.advanceTimersByTimeAsync(4_900);
      expect(foldPending).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(200);
      expect(await fold).toEqual(result(1));
    } finally {
      vi.useRealTimers();
    }
  });

  it('settled waits for what is chained, without joining the chain', async () => {
    const fold = deferred<FoldResult>();
    const chain = createFoldChain({ paused: async () => false, foldPending: () => fold.promise });
    void chain.fold();
    let after = false;
    const settled = chain.settled().then(() => (after = true));
    await tick();
    expect(after).toBe(false);
    fold.resolve(result(1));
    await settled;
    expect(after).toBe(true);
  });
});
