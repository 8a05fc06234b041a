import { describe, expect, it } from 'vitest';
import { shortAuthors } from '@/utils/ui/shared/authors';
import { highlightPieces } from '@/utils/ui/shared/highlight';
import { paperLinks, primaryLink } from '@/utils/ui/shared/links';
import { safeHttpUrl } from '@/utils/paper/sanitize';

describe('shortAuthors', () => {
  it.each([
    [undefined, ''],
    [[], ''],
    [['Ada Lovelace'], 'Ada Lovelace'],
    [['A', 'B', 'C'], 'A, B, C'],
    [['A', 'B', 'C', 'D'], 'A, B, C +1'],
    [['A', 'B', 'C', 'D', 'E', 'F', 'G'], 'A, B, C +4'],
    [[' A ', '', 'B'], 'A, B'],
    [Array.from({ length: 150 }, (_, at) => `Author ${at}`), 'Author 0, Author 1, Author 2 +147'],
  ])('%j → %j', (authors, expected) => {
    expect(shortAuthors(authors)).toBe(expected);
  });
});

describe('links', () => {
  it.each([
    ['https://arxiv.org/abs/2501.01234', 'https://arxiv.org/abs/2501.01234'],
    ['http://example.org/x', 'http://example.org/x'],
    ['javascript:alert(1)', undefined],
    ['JAVASCRIPT:alert(1)', undefined],
    ['data:text/html,<b>x</b>', undefined],
    ['vbscript:x', undefined],
    ['/papers/2501.01234', undefined],
    ['not a url', undefined],
    [42, undefined],
  ])('safeHttpUrl(%j) → %j', (url, expected) => {
    expect(safeHttpUrl(url)).toBe(expected);
  });

  it('lists the record links in a fixed order and drops anything not http(s)', () => {
    const links = paperLinks({
      links: { pdf: 'https://arxiv.org/pdf/2501.01234', github: 'javascript:alert(1)', hf: 'https://huggingface.co/papers/2501.01234', arxiv: 'https://arxiv.org/abs/2501.01234' },
    });
    expect(links.map((link) => [link.kind, link.label])).toEqual([
      ['hf', 'HF'],
      ['arxiv', 'arXiv'],
      ['pdf', 'PDF'],
    ]);
  });

  it('drops links with credentials or over 2,048 characters, as capture does (popup and library page)', () => {
    const long = `https://arxiv.org/abs/2501.01234?${'x'.repeat(2_048)}`;
    const links = paperLinks({
      links: { hf: 'https://user:secret@huggingface.co/papers/2501.01234', arxiv: long, pdf: 'https://arxiv.org/pdf/2501.01234', project: 'https://user@example.org/' },
    });
    expect(links.map((link) => link.kind)).toEqual(['pdf']);
    expect(primaryLink({ links: { hf: 'https://user:secret@huggingface.co/papers/1', arxiv: 'https://arxiv.org/abs/1' } })?.kind).toBe('arxiv');
  });

  it('opens the HF page first, else the arXiv page', () => {
    expect(primaryLink({ links: { arxiv: 'https://arxiv.org/abs/1', hf: 'https://huggingface.co/papers/1' } })?.kind).toBe('hf');
    expect(primaryLink({ links: { pdf: 'https://arxiv.org/pdf/1', arxiv: 'https://arxiv.org/abs/1' } })?.kind).toBe('arxiv');
    expect(primaryLink({ links: {} })).toBeUndefined();
  });
});

describe('highlightPieces', () => {
  const terms = new Set(['householder', 'projector', 'uber']);

  it('marks the words whose folded form matched, as plain strings', () => {
    expect(highlightPieces('Householder Projector for Latent', terms)).toEqual([
      { text: 'Householder', hit: true },
      { text: ' ', hit: false },
      { text: 'Projector', hit: true },
      { text: ' for Latent', hit: false },
    ]);
  });

  it('folds marks and case like the index', () => {
    expect(highlightPieces('Über-fast', terms)).toEqual([
      { text: 'Über', hit: true },
      { text: '-fast', hit: false },
    ]);
  });

  it('leaves markup as text', () => {
    const pieces = highlightPieces('<img src=x onerror="alert(1)"> projector', terms);
    expect(pieces.map((piece) => piece.text).join('')).toBe('<img src=x onerror="alert(1)"> projector');
    expect(pieces.at(-1)).toEqual({ text: 'projector', hit: true });
  });

  it('with no terms, one piece', () => {
    expect(highlightPieces('Anything', new Set())).toEqual([{ text: 'Anything', hit: false }]);
  });
});
