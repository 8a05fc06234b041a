/**
 * Keeps the `k` entries with the largest keys out of a stream, in O(n log k): used to pick the best
 * candidates out of tens of thousands of matching papers, and the most frequent completions of a prefix.
 * Ties on the key go to the larger value (for papers: the more recently added one), so output is stable.
 */
export class TopK {
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  private count = 0;

  constructor(readonly k: number) {
    this.keys = new Float64Array(Math.max(1, k));
    this.values = new Int32Array(Math.max(1, k));
  }

  get size(): number {
    return this.count;
  }

  push(key: number, value: number): void {
    if (this.k <= 0) return;
    if (this.count < this.k) {
      this.keys[this.count] = key;
      this.values[this.count] = value;
      this.siftUp(this.count++);
    } else if (this.isBelow(this.keys[0]!, this.values[0]!, key, value)) {
      this.keys[0] = key;
      this.values[0] = value;
      this.siftDown(0);
    }
  }

  /** Values from the largest key to the smallest; empties the heap. */
  drainDescending(): number[] {
    const out = new Array<number>(this.count);
    for (let i = this.count - 1; i >= 0; i--) {
      out[i] = this.values[0]!;
      this.count--;
      if (this.count > 0) {
        this.keys[0] = this.keys[this.count]!;
        this.values[0] = this.values[this.count]!;
        this.siftDown(0);
      }
    }
    return out;
  }

  /** Is entry (ka, va) ranked below (kb, vb)? */
  private isBelow(ka: number, va: number, kb: number, vb: number): boolean {
    return ka < kb || (ka === kb && va < vb);
  }

  private siftUp(index: number): void {
    const { keys, values } = this;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.isBelow(keys[index]!, values[index]!, keys[parent]!, values[parent]!)) break;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const { keys, values } = this;
    for (;;) {
      const left = index * 2 + 1;
      if (left >= this.count) return;
      let smallest = left;
      const right = left + 1;
      if (right < this.count && this.isBelow(keys[right]!, values[right]!, keys[left]!, values[left]!)) {
        smallest = right;
      }
      if (!this.isBelow(keys[smallest]!, values[smallest]!, keys[index]!, values[index]!)) return;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const key = this.keys[a]!;
    this.keys[a] = this.keys[b]!;
    this.keys[b] = key;
    const value = this.values[a]!;
    this.values[a] = this.values[b]!;
    this.values[b] = value;
  }
}
