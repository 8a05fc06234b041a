/**
 * Tells when elements come within reach of the viewport (two screens above or below), once each.
 *
 * Why: a control inline in a card's title makes the browser lay that line out again. Mounting all 2,000
 * of a big arXiv listing made every mounting slice's frame a long task (50–75 ms of layout, pre-paint and
 * paint each; traced loads of `npm run bench -- controls`). Cards far from the screen get their control
 * when the user scrolls towards them, a few per frame.
 */
export interface NearWatch {
  /** Calls `near` once `element` is within reach (at once, in the observer's next callback, if it already is). */
  watch(element: Element, near: () => void): void;
  /** Forgets every element still waiting (the card list changed, or the controls stopped). */
  clear(): void;
  /** Elements still waiting. */
  waiting(): number;
}

/** Within two viewport heights above or below. */
export const NEAR_MARGIN = '200% 0px';

export function nearViewportWatch(Observer: typeof IntersectionObserver = IntersectionObserver): NearWatch {
  const waiting = new Map<Element, () => void>();
  const observer = new Observer(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const near = waiting.get(entry.target);
        observer.unobserve(entry.target);
        waiting.delete(entry.target);
        near?.();
      }
    },
    { rootMargin: NEAR_MARGIN },
  );
  return {
    watch(element, near) {
      waiting.set(element, near);
      observer.observe(element);
    },
    clear() {
      waiting.clear();
      observer.disconnect();
    },
    waiting: () => waiting.size,
  };
}
