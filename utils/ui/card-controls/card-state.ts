/**
 * What a card's control shows, from the library's answer. Pure, so the label and the "seen before this
 * visit" rule are tested without a browser.
 */
import type { PaperState } from '../../messaging/messages';

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

const SAME_YEAR = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });
const OTHER_YEAR = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });

/** "Nov 12", or "Nov 12, 2025" for another year (local time). */
export function shortDate(at: number, now: number): string {
  const date = new Date(at);
  return (date.getFullYear() === new Date(now).getFullYear() ? SAME_YEAR : OTHER_YEAR).format(date);
}

/** "seen 3× · first Nov 12" for a paper seen before this visit; empty otherwise. */
export function seenLabel(view: CardState, now: number): string {
  const seen = view.seenBefore;
  if (!seen || seen.count < 1) return '';
  return `seen ${seen.count}× · first ${shortDate(seen.firstAt, now)}`;
}

/** Whether the dim-seen option dims this card: seen on an earlier visit. */
export function isSeenBefore(view: CardState | undefined): boolean {
  return !!view?.seenBefore && view.seenBefore.count > 0;
}

/** Tag suggestions for the entry: library tags the card doesn't have, matching what is typed, first by prefix. */
export function tagSuggestions(libraryTags: readonly string[], cardTags: readonly string[], typed: string, limit = 20): string[] {
  const query = typed.trim().toLowerCase();
  const candidates = libraryTags.filter((tag) => !cardTags.includes(tag) && (!query || tag.includes(query)));
  const prefix = candidates.filter((tag) => tag.startsWith(query));
  const rest = candidates.filter((tag) => !tag.startsWith(query));
  return [...prefix, ...rest].slice(0, limit);
}
