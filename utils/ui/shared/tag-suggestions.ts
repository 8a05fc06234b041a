/**
 * Autocomplete for the tag field: existing tags that start with what was typed come first, then tags
 * that contain it (at a word start first), most used first within each; tags the paper already has are
 * left out. With nothing typed, the most used tags.
 */
import { normalizeTag } from '../../paper/tags';

export interface TagCount {
  tag: string;
  count: number;
}

/** How well `tag` matches the normalized `wanted`: 0 exact, 1 prefix, 2 word start, 3 anywhere, -1 not at all. */
function matchRank(tag: string, wanted: string): number {
  if (tag === wanted) return 0;
  if (tag.startsWith(wanted)) return 1;
  if (tag.includes(`-${wanted}`)) return 2;
  if (tag.includes(wanted)) return 3;
  return -1;
}

/** `tags` that match `wanted`, best match first, then in their given order. */
function ranked(tags: readonly string[], wanted: string): string[] {
  return tags
    .map((tag, order) => ({ tag, rank: matchRank(tag, wanted), order }))
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ tag }) => tag);
}

export function suggestTags(typed: string, counts: readonly TagCount[], exclude: readonly string[] = [], limit = 6): string[] {
  const skip = new Set(exclude);
  const candidates = counts.filter(({ tag }) => !skip.has(tag)).map(({ tag }) => tag);
  const wanted = normalizeTag(typed);
  if (!wanted) return typed.trim() ? [] : candidates.slice(0, limit);
  return ranked(candidates, wanted).slice(0, limit);
}

/**
 * A row of the tag field's list: a library tag to add (`existing`), a matching tag the paper already has
 * (`added`: shown so the user sees why it isn't offered, not pickable), or the typed text as a new tag
 * (`create`: said explicitly, so a partial "#to" is never added in place of "#to-read" unawares).
 */
export type TagOption = { kind: 'existing' | 'added' | 'create'; tag: string };

/** The tag field's list: library tags to add, then the paper's own matching tags, then "Create #typed" when that tag is new. */
export function tagOptions(typed: string, counts: readonly TagCount[], has: readonly string[], limit = 6): TagOption[] {
  const existing = suggestTags(typed, counts, has, limit).map((tag): TagOption => ({ kind: 'existing', tag }));
  const wanted = normalizeTag(typed);
  if (!wanted) return existing;
  const added = ranked(has, wanted)
    .slice(0, limit)
    .map((tag): TagOption => ({ kind: 'added', tag }));
  const known = has.includes(wanted) || existing.some((option) => option.tag === wanted);
  return [...existing, ...added, ...(known ? [] : [{ kind: 'create', tag: wanted } satisfies TagOption])];
}
