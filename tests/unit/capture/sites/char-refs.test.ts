import { describe, expect, it } from 'vitest';
import { decodeCharRefs } from '@/utils/capture/sites/char-refs';

describe('decodeCharRefs', () => {
  it.each([
    ['Christopher D&#39;Mello', "Christopher D'Mello"],
    ['Ren&eacute; &amp; Zo&#235; &#x2014; &#X1F9EA;', 'René & Zoë — 🧪'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>'],
    // Once: a reference escaped twice becomes the reference, not the character.
    ['&amp;lt;T&amp;gt; &amp;amp;', '&lt;T&gt; &amp;'],
    // A bare ampersand, an unknown name, a known name at the start of an unknown one, no semicolon, a
    // name HTML 4 did not have: as written.
    ['R&D, AT&T; &bogus; &notit; &copy 2020 &NotNestedLessLess;', 'R&D, AT&T; &bogus; &notit; &copy 2020 &NotNestedLessLess;'],
    ['&notin; &hellip; &euro; &lang;x&rang; &nbsp;&apos;', '∉ … € ⟨x⟩ \u00a0\''],
    // Numbers as HTML reads them: windows-1252 for 128–159, U+FFFD for none or a surrogate.
    ['a&#10;b &#150; &#0; &#xD800; &#x110000;', 'a\nb – \uFFFD \uFFFD \uFFFD'],
  ])('%s → %s', (text, expected) => {
    expect(decodeCharRefs(text)).toBe(expected);
  });

  it('leaves what is not a string as it is', () => {
    const record = { name: 'x' };
    expect(decodeCharRefs(record)).toBe(record);
    expect(decodeCharRefs(undefined)).toBeUndefined();
    expect(decodeCharRefs(42)).toBe(42);
  });
});
