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

export function suggestTags(typed: string, counts: readonly TagCount[], exclude: readonly string[] = [], limit = 6): string[] {
  const skip = new Set(exclude);
  const candidates = counts.filter(({ tag }) => !skip.has(tag));
  const wanted = normalizeTag(typed);
  if (!wanted) return typed.trim() ? [] : candidates.slice(0, limit).map(({ tag }) => tag);
  const rank = (tag: string): number => {
    if (tag === wanted) return 0;
    if (tag.startsWith(wanted)) return 1;
    if (tag.includes(`-${wanted}`)) return 2;
    if (tag.includes(wanted)) return 3;
    return -1;
  };
  return candidates
    .map((entry, order) => ({ tag: entry.tag, rank: rank(entry.tag), order }))
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map(({ tag }) => tag);
}
