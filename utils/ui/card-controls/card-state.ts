/**
 * What a card's control shows, from the library's answer. Pure, so the label and the "seen before this
 * visit" rule are tested without a browser.
 */
import type { PaperState } from '../../messaging/messages';
import { seenAgo } from '../shared/seen-time';

export interface SeenBefore {
  count: number;
  firstAt: number;
  lastAt: number;
}

export interface CardState {
  saved: boolean;
  tags: string[];
  read: boolean;
  /** The sightings before this visit: `null` when the paper was new to the library, undefined until known. */
  seenBefore?: SeenBefore | null;
}

export const EMPTY_CARD_STATE: Readonly<CardState> = { saved: false, tags: [], read: false };

/**
 * Folds a fresh answer into a card's view. The seen history is taken from the first answer only (asked
 * before this visit's capture was sent): later answers include this visit and would mark every card.
 */
export function nextCardState(previous: CardState | undefined, state: PaperState | undefined): CardState {
  const seenBefore =
    previous?.seenBefore !== undefined
      ? previous.seenBefore
      : state
        ? { count: state.seenCount, firstAt: state.firstSeenAt, lastAt: state.lastSeenAt }
        : null;
  return { saved: state?.saved ?? false, tags: state?.tags ?? [], read: state?.read ?? false, seenBefore };
}

/**
 * "seen just now", "seen 3 days ago · 4×": the sightings before this visit, in the popup's words (its
 * relative time, then the count when more than one); empty for a paper new to the library.
 */
export function seenLabel(view: CardState, now: number): string {
  const seen = view.seenBefore;
  if (!seen || seen.count < 1) return '';
  return `seen ${seenAgo(seen.lastAt, now)}${seen.count > 1 ? ` · ${seen.count}×` : ''}`;
}

/** Whether the card's paper was seen on an earlier visit. */
export function isSeenBefore(view: CardState | undefined): boolean {
  return !!view?.seenBefore && view.seenBefore.count > 0;
}

/** Whether the dim-seen option fades this card: seen before, and not saved or tagged (kept papers stay in full view). */
export function isDimmed(view: CardState | undefined): boolean {
  return isSeenBefore(view) && !view!.saved && view!.tags.length === 0;
}
