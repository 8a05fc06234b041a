import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordCapture } from '@/utils/capture/record-capture';
import { saveById, savedStub } from '@/utils/library/save-by-id';
import { PaperdexDB } from '@/utils/library/schema';
import { importLibraryFile } from '@/utils/library/io';
import { MAX_ID_LINES, paperRefFromLine, parseIdList } from '@/utils/library/io/id-list';
import { daily, T0 } from '../../support/sample-library';

let db: PaperdexDB;
beforeEach(() => {
  db = new PaperdexDB(`ids-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('parseIdList', () => {
  it('reads ids and arXiv / HF URLs, skipping blank lines and comments, once each', () => {
    const text = [
      '# my reading list',
      '2403.10001',
      '',
      '  arXiv:2403.10002v3  ',
      'https://arxiv.org/abs/2403.10003v2',
      'arxiv.org/pdf/2403.10004.pdf',
      'https://huggingface.co/papers/2403.10005',
      'https://arxiv.org/html/2403.10006v1',
      'hep-th/9901001',
      '2403.10001',
      '\t# indented comment',
    ].join('\r\n');
    const parsed = parseIdList(text);
    expect(parsed).toEqual({
      ok: true,
      lines: 11,
      papers: [
        { id: '2403.10001', hf: false },
        { id: '2403.10002', hf: false },
        { id: '2403.10003', hf: false },
        { id: '2403.10004', hf: false },
        { id: '2403.10005', hf: true },
        { id: '2403.10006', hf: false },
        { id: 'hep-th/9901001', hf: false },
      ],
    });
  });

  it.each([
    ['2403.10001\n2403.1000\n', 'line 2: not a paper id (“2403.1000”)'],
    ['\n\nhttps://example.org/abs/2403.10001', 'line 3: not a paper id (“https://example.org/abs/2403.10001”)'],
    ['2403.10001 2403.10002', 'line 1: not a paper id (“2403.10001 2403.10002”)'],
    ['javascript:alert(1)', 'line 1: not a paper id (“javascript:alert(1)”)'],
    ['# only comments\n\n', 'the file lists no paper ids'],
  ])('%j → %s', (text, error) => {
    expect(parseIdList(text)).toEqual({ ok: false, error });
  });
});

describe('saveById', () => {
  it('creates saved stubs for unknown papers and saves known ones, in one go', async () => {
    await recordCapture(db, { listing: daily, papers: [{ id: '2403.10001', title: 'Known', links: {} }, { id: '2403.10002', title: 'Saved', links: {} }], problems: [] }, T0);
    await saveById(db, [{ id: '2403.10002' }], T0 + 1);
    const before = (await db.papers.get('2403.10002'))!;
    const result = await saveById(db, [{ id: '2403.10001' }, { id: '2403.10002' }, { id: '2501.00042', hf: true }, { id: '2501.00042' }], T0 + 100);
    expect(result).toEqual({ created: 1, saved: 1, alreadySaved: 1 });
    expect((await db.papers.get('2403.10001'))!).toMatchObject({ title: 'Known', savedAt: T0 + 100 });
    expect(await db.papers.get('2403.10002')).toEqual(before);
    expect(await db.papers.get('2501.00042')).toEqual(savedStub({ id: '2501.00042', hf: true }, T0 + 100));
    expect(await db.papers.get('2501.00042')).toMatchObject({
      title: '',
      links: { arxiv: 'https://arxiv.org/abs/2501.00042', pdf: 'https://arxiv.org/pdf/2501.00042', hf: 'https://huggingface.co/papers/2501.00042' },
      seenCount: 0,
      savedAt: T0 + 100,
    });
  });

  it('a later capture fills in the real title, abstract and authors, and keeps it saved', async () => {
    await saveById(db, [{ id: '2403.10001' }], T0);
    await recordCapture(db, { listing: daily, papers: [{ id: '2403.10001', title: 'The Real Title', abstract: 'Abstract.', authors: ['A B'], links: { hf: 'https://huggingface.co/papers/2403.10001' } }], problems: [] }, T0 + 1000);
    const record = (await db.papers.get('2403.10001'))!;
    expect(record).toMatchObject({ title: 'The Real Title', abstract: 'Abstract.', authors: ['A B'], savedAt: T0, seenCount: 1, sites: ['hf'], firstSeenAt: T0, lastSeenAt: T0 + 1000 });
    expect(record.links).toEqual({ arxiv: 'https://arxiv.org/abs/2403.10001', pdf: 'https://arxiv.org/pdf/2403.10001', hf: 'https://huggingface.co/papers/2403.10001' });
  });

  it('removes the tombstone of a paper deleted earlier', async () => {
    await db.removedPapers.put({ id: '2403.10001', at: T0 });
    await saveById(db, [{ id: '2403.10001' }], T0 + 1);
    expect(await db.removedPapers.count()).toBe(0);
  });
});

describe('id-list import', () => {
  it('saves the listed papers and reports what it did; a second import changes nothing', async () => {
    await recordCapture(db, { listing: daily, papers: [{ id: '2403.10001', title: 'Known', links: {} }], problems: [] }, T0);
    const list = '# to read\nhttps://arxiv.org/abs/2403.10001\nhttps://huggingface.co/papers/2403.10009\n';
    expect(await importLibraryFile(db, new Blob([list]), { fileName: 'list.txt', now: T0 + 5 })).toEqual({
      ok: true, kind: 'id-list', added: 1, updated: 1, unchanged: 0, saved: 2,
    });
    const before = await db.papers.toArray();
    expect(await importLibraryFile(db, list, { now: T0 + 10 })).toEqual({ ok: true, kind: 'id-list', added: 0, updated: 0, unchanged: 2, saved: 2 });
    expect(await db.papers.toArray()).toEqual(before);
  });

  it('a list with a UTF-8 byte-order mark and CRLF lines is read', async () => {
    const bytes = new TextEncoder().encode('\ufeff2403.10001\r\n2403.10002\r\n');
    expect(await importLibraryFile(db, new Blob([bytes]))).toMatchObject({ ok: true, kind: 'id-list', added: 2 });
  });
});

describe('the line limit', () => {
  const n = (count: number) => count.toLocaleString('en-US');
  /** `count` distinct new-style ids (100,000 a month), one per line, no newline after the last. */
  const id = (at: number) => `${2403 + Math.floor(at / 100_000)}.${String(at % 100_000).padStart(5, '0')}`;
  const ids = (count: number) => Array.from({ length: count }, (_, at) => id(at)).join('\n');

  it('a list of more lines than the limit is refused, saying how many lines it has and may have, and changes nothing', async () => {
    await recordCapture(db, { listing: daily, papers: [{ id: '2403.00000', title: 'Known', links: {} }], problems: [] }, T0);
    const before = await db.papers.toArray();
    // Every line is a good id (the first MAX_ID_LINES are read in the next test): only the count refuses it.
    const text = ids(MAX_ID_LINES + 1);
    expect(paperRefFromLine(id(MAX_ID_LINES))).toEqual({ id: id(MAX_ID_LINES), hf: false });
    const error = `the list has ${n(MAX_ID_LINES + 1)} lines (at most ${n(MAX_ID_LINES)})`;
    expect(parseIdList(text)).toEqual({ ok: false, error });
    expect(await importLibraryFile(db, new Blob([text]), { fileName: 'ids.txt', now: T0 + 5 })).toEqual({ ok: false, error });
    expect(await db.papers.toArray()).toEqual(before);
    expect(await db.removedPapers.count()).toBe(0);
  });

  it('a list of exactly the limit is read and imported', async () => {
    const text = ids(MAX_ID_LINES);
    const parsed = parseIdList(text);
    expect(parsed.ok && { lines: parsed.lines, papers: parsed.papers.length, last: parsed.papers.at(-1) }).toEqual({
      lines: MAX_ID_LINES,
      papers: MAX_ID_LINES,
      last: { id: id(MAX_ID_LINES - 1), hf: false },
    });
    // As an editor saves it, with a line break after the last line: still that many lines.
    const saved = parseIdList(`${text}\n`);
    expect(saved.ok && saved.lines).toBe(MAX_ID_LINES);
    // Importing (and so saving) 100k papers is too slow for a unit test: the import gets a list of the
    // same length that is mostly blank lines, which count as lines all the same.
    const padded = ['2403.10001', 'https://huggingface.co/papers/2403.10002', ...Array<string>(MAX_ID_LINES - 2).fill('')].join('\n');
    expect(await importLibraryFile(db, new Blob([padded]), { fileName: 'ids.txt', now: T0 })).toEqual({ ok: true, kind: 'id-list', added: 2, updated: 0, unchanged: 0, saved: 2 });
    expect((await db.papers.toArray()).map((paper) => [paper.id, paper.savedAt])).toEqual([
      ['2403.10001', T0],
      ['2403.10002', T0],
    ]);
  });
});
