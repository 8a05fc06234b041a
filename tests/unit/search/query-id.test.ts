import { describe, expect, it } from 'vitest';
import { arxivIdFromQuery } from '@/utils/search/query-id';

describe('arxivIdFromQuery', () => {
  it.each([
    ['2501.01234', '2501.01234'],
    ['2501.01234v2', '2501.01234'],
    ['  2501.01234  ', '2501.01234'],
    ['arXiv:2501.01234', '2501.01234'],
    ['ARXIV: 2501.01234v3'.replace(' ', ''), '2501.01234'],
    ['https://arxiv.org/abs/2501.01234v2', '2501.01234'],
    ['http://arxiv.org/abs/2501.01234', '2501.01234'],
    ['https://export.arxiv.org/abs/2501.01234', '2501.01234'],
    ['arxiv.org/pdf/2501.01234.pdf', '2501.01234'],
    ['https://arxiv.org/pdf/2501.01234v1', '2501.01234'],
    ['https://arxiv.org/html/2501.01234v1/', '2501.01234'],
    ['https://arxiv.org/abs/2501.01234?context=cs#abstract', '2501.01234'],
    ['https://huggingface.co/papers/2501.01234', '2501.01234'],
    ['huggingface.co/papers/2501.01234/', '2501.01234'],
    ['https://hf.co/papers/2501.01234', '2501.01234'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['https://arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001'],
  ])('%s → %s', (query, id) => {
    expect(arxivIdFromQuery(query)).toBe(id);
  });

  it.each([
    [''],
    ['diffusion'],
    ['2501.0123'],
    ['2501.01234 diffusion'],
    ['https://huggingface.co/papers'],
    ['https://huggingface.co/papers/date/2025-01-02'],
    ['https://example.com/abs/2501.01234'],
    ['https://arxiv.org/list/cs.LG/recent'],
    ['javascript:2501.01234'],
    ['ftp://arxiv.org/abs/2501.01234'],
    ['https://arxiv.org.evil.com/abs/2501.01234'],
    ['https://arxiv.org/abs/%E0%A4%A'],
    ['x'.repeat(2000)],
  ])('%j is not an id', (query) => {
    expect(arxivIdFromQuery(query)).toBeUndefined();
  });
});
