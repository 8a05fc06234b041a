/**
 * Bookkeeping for "exactly one control per card": which cards on the page have a control, which need one,
 * and which controls belong to cards that left (or now show another paper). Independent of the control
 * itself, so it is tested on plain documents.
 */
import type { PageCard } from '../../capture/sites/site-adapter';

export interface Mounted<Host> {
  id: string;
  element: Element;
  host: Host;
}

export interface Reconciled<Host> {
  /** Cards that need a control, in page order. */
  add: PageCard[];
  /** Controls to remove: their card left the page, shows another paper now, or lost its control. */
  remove: Mounted<Host>[];
}

/**
 * Compares the cards listed now with the controls mounted (keyed by card element). A control stays when
 * its card is still listed with the same paper and the control is still attached; `isAttached` says so.
 * Elements listed twice keep the first.
 */
export function reconcile<Host>(
  mounted: ReadonlyMap<Element, Mounted<Host>>,
  cards: readonly PageCard[],
  isAttached: (entry: Mounted<Host>) => boolean,
): Reconciled<Host> {
  const add: PageCard[] = [];
  const remove: Mounted<Host>[] = [];
  const listed = new Set<Element>();
  for (const card of cards) {
    if (listed.has(card.element)) continue;
    listed.add(card.element);
    const entry = mounted.get(card.element);
    if (entry && entry.id === card.id && isAttached(entry)) continue;
    if (entry) remove.push(entry);
    add.push(card);
  }
  for (const [element, entry] of mounted) if (!listed.has(element)) remove.push(entry);
  return { add, remove };
}
