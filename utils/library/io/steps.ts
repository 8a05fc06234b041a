/**
 * Work written as a generator that yields between small steps, so that a long computation (sorting
 * 50k citation keys took one 500 ms task) can run to completion at once (tests) or in time slices with
 * the page getting tasks between (`runInSlices`).
 */
import type { TimeSlicer } from './next-task';

export type Steps<T> = Generator<void, T, void>;

/** Runs the steps at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps, giving the page a task whenever the slicer's budget is used. */
export async function runInSlices<T>(steps: Steps<T>, slicer: TimeSlicer): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slicer.maybeYield();
  }
}

/** Items compared at most between two yields. */
const STEP = 2_048;

/**
 * A stable sort that yields between steps: runs of `STEP` items sorted natively, then merged pairwise
 * (a merge yields every `STEP` items). Returns a new array.
 */
export function* sortInSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
  let list = items.slice();
  for (let at = 0; at < list.length; at += STEP) {
    const run = list.slice(at, at + STEP).sort(compare);
    for (let offset = 0; offset < run.length; offset++) list[at + offset] = run[offset]!;
    yield;
  }
  for (let width = STEP; width < list.length; width *= 2) {
    const merged = new Array<T>(list.length);
    let out = 0;
    for (let left = 0; left < list.length; left += 2 * width) {
      const leftEnd = Math.min(left + width, list.length);
      const rightEnd = Math.min(left + 2 * width, list.length);
      let i = left;
      let j = leftEnd;
      while (i < leftEnd || j < rightEnd) {
        // Ties take the left run's item first: stable.
        merged[out++] = j >= rightEnd || (i < leftEnd && compare(list[i]!, list[j]!) <= 0) ? list[i++]! : list[j++]!;
        if (out % STEP === 0) yield;
      }
    }
    list = merged;
  }
  return list;
}
