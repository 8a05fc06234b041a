/**
 * Long imports and exports give the page back between slices of work so it never freezes: `nextTask`
 * resolves in a new task (a MessageChannel message, which background tabs do not throttle the way they
 * throttle timers), and `TimeSlicer` says when a slice has run long enough.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** A slice of work no longer than `budgetMs`, then a new task. */
export class TimeSlicer {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs = 12) {}

  /** Yields to the page when the current slice has used its budget. */
  async maybeYield(): Promise<void> {
    if (performance.now() - this.sliceStart < this.budgetMs) return;
    await nextTask();
    this.sliceStart = performance.now();
  }
}
