/**
 * Bidirectional formatting controls in untrusted text: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). A module of its own: notes and tags (which the
 * popup bundles) need it without the rest of `sanitize.ts`.
 */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Removes bidirectional controls. Stored text loses them rather than keeping them escaped or balanced: in a
 * title, author or note they do nothing a reader needs (each view shows page text isolated, with its
 * direction taken from its own letters), while one unbalanced override reverses whatever follows it, in
 * our views and in every tool that opens an export (a CSV cell, a BibTeX title), which we can't isolate.
 */
export function stripBidiControls(text: string): string {
  BIDI_CONTROL.lastIndex = 0;
  return BIDI_CONTROL.test(text) ? text.replace(BIDI_CONTROL, '') : text;
}

/**
 * Page or user text inside a plain-text label that can hold no element (a select's option): first-strong
 * isolate … pop directional isolate, what `<bdi>` does elsewhere, so an Arabic or Hebrew tag can't carry
 * the label's count or punctuation into its own direction.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
