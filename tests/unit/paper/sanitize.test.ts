import { describe, expect, it } from 'vitest';
import { cleanMultilineText, cleanText, githubUrl, LIMITS, safeHttpUrl, sanitizeCapturedPaper } from '@/utils/paper/sanitize';

describe('safeHttpUrl', () => {
  it.each([
    ['https://example.org/x', 'https://example.org/x'],
    ['http://example.org', 'http://example.org/'],
    ['/papers/2501.01234', undefined],
    ['javascript:alert(1)', undefined],
    ['JAVASCRIPT:alert(1)', undefined],
    [' javascript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript:msgbox', undefined],
    ['file:///etc/passwd', undefined],
    ['https://user:pass@example.org/', undefined],
    ['', undefined],
    [42, undefined],
    [`https://example.org/${'a'.repeat(3000)}`, undefined],
  ])('%j → %j', (value, expected) => {
    expect(safeHttpUrl(value)).toBe(expected);
  });

  it.each([
    'https://github.com/openai/CLIP',
    'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.01234.png',
    'https://example.org/a/b?x=1&y=2',
    'https://example.org:8443/p/it%27s',
    'https://Example.org/UPPER',
    'https://example.org/a b',
    'https://example.org/a#frag',
    'https://example.org/../x',
    'https://example.org/./x',
    'https://example.org/a/%2e%2E/x',
    'https://example.org/a/..',
    'https://example.org/a/.?q',
    'https://example.org:443/x',
    'http://example.org:80/x',
    'http://0x7f.1/x',
    'http://127.0.0.1/x',
    'https://xn--bcher-kva.example/x',
  ])('agrees with the URL parser on %s', (value) => {
    expect(safeHttpUrl(value)).toBe(new URL(value).href);
  });

  it('resolves relative links against a base', () => {
    expect(safeHttpUrl('/papers/2501.01234', 'https://huggingface.co/papers')).toBe('https://huggingface.co/papers/2501.01234');
  });
});

describe('githubUrl', () => {
  it('turns a bare owner/repo into a GitHub URL', () => {
    expect(githubUrl('openai/CLIP')).toBe('https://github.com/openai/CLIP');
  });
  it('drops non-http links', () => {
    expect(githubUrl('data:text/html,x')).toBeUndefined();
  });
});

describe('cleanMultilineText', () => {
  it('keeps paragraph breaks and collapses the rest of the whitespace', () => {
    expect(cleanMultilineText('First  line\nwraps.\n\n\nSecond\tparagraph. ', 100)).toBe('First line wraps.\n\nSecond paragraph.');
  });
});

describe('cleanText', () => {
  it.each([
    ['already clean text', 'A clean title', 'A clean title'],
    ['runs of spaces, tabs and newlines', '  A\t title\n\nwith   gaps ', 'A title with gaps'],
    ['no-break and zero-width spaces', 'A\u00a0title\u200bhere', 'A title here'],
    ['control characters', 'A\u0000title\u0007', 'A title'],
    ['only whitespace', ' \n\t ', undefined],
  ])('%s', (_name, value, expected) => {
    expect(cleanText(value, 100)).toBe(expected);
  });

  it('cuts a megabyte of text to the limit without reading all of it', () => {
    expect(cleanText('word '.repeat(200_000), 50)).toHaveLength(50);
  });
});

describe('sanitizeCapturedPaper', () => {
  const base = { id: '2501.01234', title: 'A title', links: {} };

  it('keeps the HF, arXiv and PDF links only when they go to those sites', () => {
    const paper = sanitizeCapturedPaper({
      ...base,
      links: { hf: 'https://evil.example/papers/2501.01234', arxiv: 'https://arxiv.org.evil.example/abs/2501.01234', pdf: 'https://huggingface.co/pdf/2501.01234', project: 'https://project.example/' },
    });
    expect(paper?.links).toEqual({ project: 'https://project.example/' });
    const good = { hf: 'https://huggingface.co/papers/2501.01234', arxiv: 'https://arxiv.org/abs/2501.01234', pdf: 'https://arxiv.org/pdf/2501.01234v2' };
    expect(sanitizeCapturedPaper({ ...base, links: good })?.links).toEqual(good);
  });

  it('keeps markup in titles as literal text', () => {
    const paper = sanitizeCapturedPaper({ ...base, title: '<img src=x onerror="alert(1)"> <b>Bold</b>' });
    expect(paper?.title).toBe('<img src=x onerror="alert(1)"> <b>Bold</b>');
  });

  it('bounds every long field', () => {
    const paper = sanitizeCapturedPaper({
      ...base,
      title: 't'.repeat(5_000),
      abstract: 'word '.repeat(60_000),
      authors: Array.from({ length: 150 }, (_, i) => `Author ${i}`),
    })!;
    expect(paper.title.length).toBe(LIMITS.title);
    expect(paper.abstract!.length).toBe(LIMITS.abstract);
    expect(paper.abstract!.endsWith('…')).toBe(true);
    expect(paper.authors).toHaveLength(LIMITS.authors);
  });

  it('drops non-http links and keeps the rest', () => {
    const paper = sanitizeCapturedPaper({
      ...base,
      links: { project: 'javascript:alert(1)', github: 'data:text/html,x', hf: 'https://huggingface.co/papers/2501.01234' },
    })!;
    expect(paper.links).toEqual({ hf: 'https://huggingface.co/papers/2501.01234' });
  });

  it('takes the version out of a versioned id', () => {
    expect(sanitizeCapturedPaper({ ...base, id: '2501.01234v3' })).toMatchObject({ id: '2501.01234', version: 3 });
  });

  it.each([
    ['no id', { title: 'x', links: {} }],
    ['a non-arXiv id', { id: 'not-an-id', title: 'x', links: {} }],
    ['an empty title', { id: '2501.01234', title: '  ', links: {} }],
    ['a title that is not text', { id: '2501.01234', title: { html: '<b>' }, links: {} }],
    ['an array', [base]],
    ['null', null],
  ])('rejects a card with %s', (_name, value) => {
    expect(sanitizeCapturedPaper(value)).toBeUndefined();
  });

  it.each([
    ['cs.LG', 'cs.LG'],
    ['hep-th', 'hep-th'],
    ['math.AP', 'math.AP'],
    ['astro-ph.CO', 'astro-ph.CO'],
    ['cond-mat.stat-mech', 'cond-mat.stat-mech'],
    [' q-bio.NC ', 'q-bio.NC'],
    ['Machine Learning (cs.LG)', undefined],
    ['<b>cs.LG</b>', undefined],
    ['cs.LG; cs.AI', undefined],
    ['a'.repeat(40), undefined],
    [42, undefined],
  ])('primary category %j is kept as %j', (value, expected) => {
    const paper = sanitizeCapturedPaper({ ...base, primaryCategory: value })!;
    expect(paper.primaryCategory).toBe(expected);
  });

  it('ignores counts and dates that are not what they claim', () => {
    const paper = sanitizeCapturedPaper({ ...base, upvotes: -3, comments: 'many', publishedAt: 'yesterday' })!;
    expect(paper).not.toHaveProperty('upvotes');
    expect(paper).not.toHaveProperty('comments');
    expect(paper).not.toHaveProperty('publishedAt');
  });
});
