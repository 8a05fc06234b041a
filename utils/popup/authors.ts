/** "Ada Lovelace, Alan Turing, Grace Hopper +4": the first few authors and how many more. */
export function shortAuthors(authors: readonly string[] | undefined, shown = 3): string {
  const names = (authors ?? []).map((name) => name.trim()).filter(Boolean);
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} +${names.length - shown}`;
}
