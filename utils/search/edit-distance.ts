/**
 * Bounded Damerau (optimal string alignment) distances for typo expansion. Both functions stop as soon
 * as the bound can no longer be met, since almost every candidate they see is a miss.
 */

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

function ensureRows(length: number): void {
  if (rowA.length >= length) return;
  rowA = new Int32Array(length * 2);
  rowB = new Int32Array(length * 2);
  rowC = new Int32Array(length * 2);
}

/** Damerau distance of `a` and `b` when it is ≤ `max`, otherwise `max + 1`. */
export function boundedDamerau(a: string, b: string, max: number): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  if (a === b) return 0;
  ensureRows(m + 1);
  // Columns over b; each column holds distances for every prefix of a.
  let beforePrev = rowA;
  let prev = rowB;
  let current = rowC;
  for (let i = 0; i <= m; i++) prev[i] = i;
  for (let j = 1; j <= n; j++) {
    const bj = b.charCodeAt(j - 1);
    current[0] = j;
    let columnMin = j;
    for (let i = 1; i <= m; i++) {
      const ai = a.charCodeAt(i - 1);
      let cost = prev[i - 1]! + (ai === bj ? 0 : 1);
      const deletion = prev[i]! + 1;
      const insertion = current[i - 1]! + 1;
      if (deletion < cost) cost = deletion;
      if (insertion < cost) cost = insertion;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const transposition = beforePrev[i - 2]! + 1;
        if (transposition < cost) cost = transposition;
      }
      current[i] = cost;
      if (cost < columnMin) columnMin = cost;
    }
    if (columnMin > max) return max + 1;
    const spare = beforePrev;
    beforePrev = prev;
    prev = current;
    current = spare;
  }
  const distance = prev[m]!;
  return distance <= max ? distance : max + 1;
}

/**
 * Distance between `typed` and the closest prefix of `word` whose last letter is the last letter typed,
 * when ≤ `max`, otherwise `max + 1`. "difu" is 1 from "diffu…" (diffusion) but does not match "dif…"
 * (different): the letter just typed is taken as meant, or every word sharing the first letters would
 * match a half-typed word.
 */
export function boundedPrefixDamerau(typed: string, word: string, max: number): number {
  const m = typed.length;
  if (m === 0) return 0;
  const n = Math.min(word.length, m + max);
  ensureRows(m + 1);
  const last = typed.charCodeAt(m - 1);
  let beforePrev = rowA;
  let prev = rowB;
  let current = rowC;
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = max + 1;
  for (let j = 1; j <= n; j++) {
    const bj = word.charCodeAt(j - 1);
    current[0] = j;
    let columnMin = j;
    for (let i = 1; i <= m; i++) {
      const ai = typed.charCodeAt(i - 1);
      let cost = prev[i - 1]! + (ai === bj ? 0 : 1);
      const deletion = prev[i]! + 1;
      const insertion = current[i - 1]! + 1;
      if (deletion < cost) cost = deletion;
      if (insertion < cost) cost = insertion;
      if (i > 1 && j > 1 && ai === word.charCodeAt(j - 2) && typed.charCodeAt(i - 2) === bj) {
        const transposition = beforePrev[i - 2]! + 1;
        if (transposition < cost) cost = transposition;
      }
      current[i] = cost;
      if (cost < columnMin) columnMin = cost;
    }
    if (bj === last && current[m]! < best) best = current[m]!;
    if (columnMin > max) break;
    const spare = beforePrev;
    beforePrev = prev;
    prev = current;
    current = spare;
  }
  return best;
}
