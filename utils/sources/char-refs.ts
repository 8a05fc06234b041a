/**
 * HTML character references (`&#39;`, `&#x2014;`, `&amp;`, `&eacute;`) in text that a site escaped
 * before putting it in JSON (HF's island strings: `Christopher D&#39;Mello`), decoded once into the
 * characters they name. Nothing here ever parses markup: only a lone reference, matched by
 * `CHAR_REF` (no `<` can be in it), reaches the browser's parser, inside a `textarea` (whose content is
 * text) of an inert document (`DOMParser`: no scripts, no loads) that is not the page's. `&lt;b&gt;` becomes the text `<b>`, and
 * `&amp;lt;` becomes `&lt;`, not `<`.
 */

// A reference as an escaping server writes it: always with its semicolon. A bare `&` (`R&D`, `AT&T;`)
// is left alone.
const CHAR_REF = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/** Decoded references, kept: pages repeat the same few (`&#39;`, `&amp;`). */
const known = new Map<string, string>();
const KNOWN_MAX = 500;
let parser: DOMParser | undefined;

/** The browser's own decoding of one reference (the full HTML list of named references), or the reference unchanged. */
function decodeOne(ref: string): string {
  let value = known.get(ref);
  if (value !== undefined) return value;
  parser ??= new DOMParser();
  // The `.` keeps a line feed (`&#10;`) from being taken for the one a textarea drops after its tag.
  const decoded = parser.parseFromString(`<textarea>.${ref}</textarea>`, 'text/html').querySelector('textarea')?.value;
  value = decoded?.startsWith('.') ? decoded.slice(1) : ref;
  // The parser also reads a known name at the start of an unknown one (`&notit;` → `¬it;`): that is
  // not a reference, so it stays as written. Only `&semi;` itself decodes to a text ending in `;`.
  if (value.endsWith(';') && ref !== '&semi;') value = ref;
  if (known.size >= KNOWN_MAX) known.clear();
  known.set(ref, value);
  return value;
}

/** `text` with each character reference in it decoded, once; anything that is not a string is returned as is. */
export function decodeCharRefs<T>(text: T): T | string {
  if (typeof text !== 'string' || !text.includes('&')) return text;
  return text.replace(CHAR_REF, decodeOne);
}
