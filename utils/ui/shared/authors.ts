/**
 * "Ada Lovelace, Alan Turing, Grace Hopper +4": the first few authors and how many more. `total` is
 * the paper's author count when `authors` holds only the first few (a result row).
 */
export function shortAuthors(authors: readonly string[] | undefined, shown = 3, total?: number): string {
  const names = (authors ?? []).map((name) => name.trim()).filter(Boolean);
  const more = Math.max(0, (total ?? names.length) - shown);
  return more > 0 ? `${names.slice(0, shown).join(', ')} +${more}` : names.slice(0, shown).join(', ');
}
