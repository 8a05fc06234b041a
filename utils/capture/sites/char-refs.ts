/**
 * HTML character references (`&#39;`, `&#x2014;`, `&amp;`, `&eacute;`) in text that a site escaped
 * before putting it in JSON (HF's island strings: `Christopher D&#39;Mello`), decoded once into the
 * characters they name. Pure string work: no markup is ever parsed, so `&lt;b&gt;` becomes the text
 * `<b>`, and `&amp;lt;` becomes `&lt;`, not `<`.
 *
 * Named references: HTML 4's 252 (Latin-1, symbols and Greek, and the special ones such as `&mdash;`),
 * what escaping servers write, plus `&apos;`; values as HTML5 defines them. A name outside that list
 * stays as written, as does anything without its semicolon (`R&D`, `AT&T`).
 */

/** Names of U+00A0…U+00FF, in order. */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 ' +
  'sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc ' +
  'Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve ' +
  'Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute ' +
  'acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ' +
  'ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** `name:hex code point` for the rest. */
const OTHERS =
  'quot:22 amp:26 apos:27 lt:3c gt:3e OElig:152 oelig:153 Scaron:160 scaron:161 Yuml:178 circ:2c6 ' +
  'tilde:2dc ensp:2002 emsp:2003 thinsp:2009 zwnj:200c zwj:200d lrm:200e rlm:200f ndash:2013 mdash:2014 ' +
  'lsquo:2018 rsquo:2019 sbquo:201a ldquo:201c rdquo:201d bdquo:201e dagger:2020 Dagger:2021 ' +
  'permil:2030 lsaquo:2039 rsaquo:203a euro:20ac fnof:192 Alpha:391 Beta:392 Gamma:393 Delta:394 ' +
  'Epsilon:395 Zeta:396 Eta:397 Theta:398 Iota:399 Kappa:39a Lambda:39b Mu:39c Nu:39d Xi:39e ' +
  'Omicron:39f Pi:3a0 Rho:3a1 Sigma:3a3 Tau:3a4 Upsilon:3a5 Phi:3a6 Chi:3a7 Psi:3a8 Omega:3a9 alpha:3b1 ' +
  'beta:3b2 gamma:3b3 delta:3b4 epsilon:3b5 zeta:3b6 eta:3b7 theta:3b8 iota:3b9 kappa:3ba lambda:3bb ' +
  'mu:3bc nu:3bd xi:3be omicron:3bf pi:3c0 rho:3c1 sigmaf:3c2 sigma:3c3 tau:3c4 upsilon:3c5 phi:3c6 ' +
  'chi:3c7 psi:3c8 omega:3c9 thetasym:3d1 upsih:3d2 piv:3d6 bull:2022 hellip:2026 prime:2032 Prime:2033 ' +
  'oline:203e frasl:2044 weierp:2118 image:2111 real:211c trade:2122 alefsym:2135 larr:2190 uarr:2191 ' +
  'rarr:2192 darr:2193 harr:2194 crarr:21b5 lArr:21d0 uArr:21d1 rArr:21d2 dArr:21d3 hArr:21d4 ' +
  'forall:2200 part:2202 exist:2203 empty:2205 nabla:2207 isin:2208 notin:2209 ni:220b prod:220f ' +
  'sum:2211 minus:2212 lowast:2217 radic:221a prop:221d infin:221e ang:2220 and:2227 or:2228 cap:2229 ' +
  'cup:222a int:222b there4:2234 sim:223c cong:2245 asymp:2248 ne:2260 equiv:2261 le:2264 ge:2265 ' +
  'sub:2282 sup:2283 nsub:2284 sube:2286 supe:2287 oplus:2295 otimes:2297 perp:22a5 sdot:22c5 ' +
  'lceil:2308 rceil:2309 lfloor:230a rfloor:230b lang:27e8 rang:27e9 loz:25ca spades:2660 clubs:2663 ' +
  'hearts:2665 diams:2666';

let named: Map<string, string> | undefined;

function namedReferences(): Map<string, string> {
  if (named) return named;
  named = new Map(LATIN1.split(' ').map((name, i) => [name, String.fromCharCode(0xa0 + i)]));
  for (const pair of OTHERS.split(' ')) {
    const [name, hex] = pair.split(':') as [string, string];
    named.set(name, String.fromCodePoint(parseInt(hex, 16)));
  }
  return named;
}

/** What HTML makes of `&#128;`…`&#159;`: the windows-1252 characters (0 where it keeps the code point). */
const C1 = [
  0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178,
];

/** A numeric reference's character, as HTML decodes it (no character, or a surrogate, gives U+FFFD). */
function numeric(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  if (code >= 0x80 && code <= 0x9f) return String.fromCodePoint(C1[code - 0x80] || code);
  return String.fromCodePoint(code);
}

const CHAR_REF = /&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]{1,8}));/g;

function decodeOne(ref: string, decimal?: string, hex?: string, name?: string): string {
  if (decimal) return numeric(Number(decimal));
  if (hex) return numeric(parseInt(hex, 16));
  return namedReferences().get(name!) ?? ref;
}

/** `text` with each character reference in it decoded, once; anything that is not a string is returned as is. */
export function decodeCharRefs<T>(text: T): T | string {
  if (typeof text !== 'string' || !text.includes('&')) return text;
  return text.replace(CHAR_REF, decodeOne);
}
