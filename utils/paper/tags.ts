/**
 * Tags are the user's reading lists: short lowercase labels. Anything typed is folded into one, or
 * refused when nothing usable is left.
 */
import { stripBidiControls } from './bidi';

export const MAX_TAG_LENGTH = 40;
export const MAX_TAGS_PER_PAPER = 50;

/** What a user is told when a typed tag has nothing `normalizeTag` keeps (popup and card controls alike). */
export const TAG_NEEDS_LETTER = 'A tag needs a letter or a digit.';

/** `"  Reading List!! "` → `"reading-list"`; `undefined` when nothing usable is left. */
export function normalizeTag(raw: string): string | undefined {
  // Bidirectional controls go before folding: left in, each would split a word with a hyphen.
  const tag = stripBidiControls(raw)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_TAG_LENGTH)
    .replace(/-+$/, '');
  return tag || undefined;
}
