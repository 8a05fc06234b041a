import 'fake-indexeddb/auto';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperdexDB } from '@/utils/library/schema';
import { exportLibrary } from '@/utils/library/io';
import { asciiKeyPart, baseCitationKey, bibtexFields, citationKeys, escapeLatex, paperYear } from '@/utils/library/io/bibtex';
import { CSV_COLUMNS, csvCell, csvHeader, csvRow } from '@/utils/library/io/csv';
import { rowCitationSources, toTableRow } from '@/utils/ui/library-page/table-rows';
import type { PaperRecord } from '@/utils/paper/record';
import { fillSampleLibrary, storedPaper, T0 } from '../../support/sample-library';

let db: PaperdexDB;
beforeEach(() => {
  db = new PaperdexDB(`io-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('BibTeX', () => {
  it('writes a file a maintained BibTeX parser reads back to the same text', async () => {
    const library = await fillSampleLibrary(db);
    const { blob, fileName, count } = await exportLibrary(db, { format: 'bibtex', now: T0 });
    expect(fileName).toBe('paperdex-library-2026-03-11.bib');
    expect(count).toBe(4);
    const text = await blob.text();
    const parsed = parseBibtex(text, { english: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(4);
    const byEprint = new Map(parsed.entries.map((entry) => [entry.fields.eprint, entry]));
    for (const paper of library) {
      const entry = byEprint.get(paper.id)!;
      expect(entry.type).toBe('misc');
      expect(entry.fields.archiveprefix).toBe('arXiv');
      expect(entry.fields.url).toBe(`https://arxiv.org/abs/${paper.id}`);
      expect(entry.fields.title).toBe(paper.title || undefined);
    }
    const sheaf = byEprint.get('2403.10001')!;
    expect(sheaf.key).toBe('ahmadi2024sheaf');
    expect(sheaf.fields.primaryclass).toBe('cs.LG');
    expect(sheaf.fields.year).toBe('2024');
    expect(sheaf.fields.author).toEqual([
      { firstName: 'Farid', lastName: 'Ahmadi' },
      { firstName: 'Sigríður', lastName: 'Ólafsdóttir' },
      { firstName: 'Jörg', lastName: 'Müller' },
    ]);
    // Special characters survive: $ & % { } in the abstract.
    expect(sheaf.fields.abstract).toContain('100% more $math$ & {braces}');
    expect([...(sheaf.fields.keywords as string[])].sort()).toEqual(['graphs', 'reading-group']);
    const old = byEprint.get('hep-th/9901001')!;
    expect(old.fields.primaryclass).toBe('hep-th');
    expect(old.fields.year).toBe('1999');
    expect(old.fields.title).toBe('Old Style Strings_and~Things #1');
    // "Anderson and Company" is one author, not two.
    expect(old.fields.author).toEqual([{ name: 'Anderson and Company' }, { name: 'Smith, Jr.' }]);
    // A paper saved by id and never seen: no title, no author, still a valid entry.
    expect(byEprint.get('2501.00042')!.key).toBe('arxiv_2501_00042');
  });

  it.each([
    ['plain', 'plain'],
    ['50% & $5 #1 a_b', '50\\% \\& \\$5 \\#1 a\\_b'],
    ['{unbalanced', '\\textbraceleft{}unbalanced'],
    ['back\\slash ^ ~ < >', 'back\\textbackslash{}slash \\textasciicircum{} \\textasciitilde{} \\textless{} \\textgreater{}'],
    ['line\nbreak\u0000here', 'line break here'],
    ['Müller – “quotes”', 'Müller – “quotes”'],
  ])('escapes %j', (input, expected) => {
    expect(escapeLatex(input)).toBe(expected);
  });

  it('hostile and unbalanced text still parses', () => {
    const hostile = storedPaper({ id: '2401.00001', title: '}@misc{evil, title={x}} {{{', abstract: '\\end{document} \\input{/etc/passwd} %comment', authors: ['} and {'] });
    const entry = `@misc{k,\n${bibtexFields(hostile)}`;
    const parsed = parseBibtex(entry, { english: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]!.fields.title).toBe(hostile.title);
  });

  it('citation keys: ASCII, deterministic, unique; the oldest id keeps the bare key', () => {
    expect(asciiKeyPart('Ólafsdóttir')).toBe('olafsdottir');
    expect(asciiKeyPart('Groß Łukasz Øster')).toBe('grosslukaszoster');
    expect(baseCitationKey(storedPaper({ id: '1706.03762', title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], publishedAt: '2017-06-12T00:00:00.000Z' }))).toBe('vaswani2017attention');
    expect(baseCitationKey(storedPaper({ id: '2501.00001', title: 'On the Theory of Everything', authors: ['Nguyễn, Văn A'] }))).toBe('nguyen2025theory');
    expect(baseCitationKey(storedPaper({ id: '2501.00001', title: '', authors: [] }))).toBe('arxiv_2501_00001');
    expect(paperYear({ id: 'math.GT/0309136' })).toBe(2003);

    const papers = [
      { id: '2402.00002', base: 'smith2024graphs', year: 2024 },
      { id: '2401.00001', base: 'smith2024graphs', year: 2024 },
      { id: '2403.00003', base: 'smith2024graphs', year: 2024 },
      { id: '2404.00004', base: 'smith2024graphsb', year: 2024 },
      { id: '2405.00005', base: 'jones2024x', year: 2024 },
    ];
    const keys = citationKeys(papers);
    expect(Object.fromEntries(keys)).toEqual({
      '2401.00001': 'smith2024graphs',
      '2402.00002': 'smith2024graphsc', // `…b` is another paper's own key
      '2403.00003': 'smith2024graphsd',
      '2404.00004': 'smith2024graphsb',
      '2405.00005': 'jones2024x',
    });
    expect(citationKeys([...papers].reverse())).toEqual(keys);
    expect(new Set(keys.values()).size).toBe(papers.length);
  });
});

describe('BibTeX keys of a selection', () => {
  const keysIn = (text: string) => Object.fromEntries([...text.matchAll(/^@misc\{([^,]+),[\s\S]*?eprint = \{([^}]+)\}/gm)].map((match) => [match[2], match[1]]));
  const papers = [
    storedPaper({ id: '2403.00001', title: 'Graphs Everywhere', authors: ['Ann Smith'] }),
    storedPaper({ id: '2403.00002', title: 'Graphs Again', authors: ['Ann Smith'] }),
    storedPaper({ id: '2403.00003', title: 'Graphs, Third Time', authors: ['Ann Smith'] }),
    storedPaper({ id: '2403.00004', title: 'Graphsb: a Paper Named Like a Suffix', authors: ['Ann Smith'] }),
    storedPaper({ id: '2403.00005', title: 'Something Else', authors: ['Bo Jones'] }),
  ];
  /** The library page's rows of the whole library, as it passes them (`rowCitationSources`). */
  const context = () => rowCitationSources(papers.map(toTableRow));

  it('a paper keeps, in a selection, the key it has in an export of the whole library', async () => {
    await db.papers.bulkPut(papers);
    const whole = keysIn(await (await exportLibrary(db, { format: 'bibtex', now: T0 })).blob.text());
    expect(whole).toEqual({
      '2403.00001': 'smith2024graphs',
      '2403.00002': 'smith2024graphsc', // b is the fourth paper's own key
      '2403.00003': 'smith2024graphsd',
      '2403.00004': 'smith2024graphsb',
      '2403.00005': 'jones2024something',
    });
    for (const ids of [['2403.00003'], ['2403.00002', '2403.00005'], ['2403.00004', '2403.00001']]) {
      const selection = keysIn(await (await exportLibrary(db, { format: 'bibtex', ids, now: T0, citationContext: context })).blob.text());
      expect(selection, ids.join()).toEqual(Object.fromEntries(ids.map((id) => [id, whole[id]])));
    }
    // Without the library's papers, only the selection's own collisions count: the third paper alone is bare.
    expect(keysIn(await (await exportLibrary(db, { format: 'bibtex', ids: ['2403.00003'], now: T0 })).blob.text())).toEqual({ '2403.00003': 'smith2024graphs' });
  });
});

/** A strict RFC 4180 reader for the test: CRLF rows, quoted fields with doubled quotes. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let at = 0;
  while (at < text.length) {
    let cell = '';
    if (text[at] === '"') {
      at++;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote < 0) throw new Error('unterminated quote');
        cell += text.slice(at, quote);
        at = quote + 1;
        if (text[at] === '"') {
          cell += '"';
          at++;
        } else break;
      }
    } else {
      const end = text.slice(at).search(/,|\r\n/);
      cell = end < 0 ? text.slice(at) : text.slice(at, at + end);
      if (/["\r\n]/.test(cell)) throw new Error(`bare quote or line break in ${JSON.stringify(cell)}`);
      at = end < 0 ? text.length : at + end;
    }
    row.push(cell);
    if (text[at] === ',') at++;
    else if (text.startsWith('\r\n', at)) {
      rows.push(row);
      row = [];
      at += 2;
    } else if (at < text.length) throw new Error(`unexpected ${JSON.stringify(text[at])} at ${at}`);
  }
  if (row.length) throw new Error('last row without CRLF');
  return rows;
}

describe('CSV', () => {
  it('is RFC 4180 with a BOM, one row per paper, fixed columns', async () => {
    const library = await fillSampleLibrary(db);
    const { blob, fileName } = await exportLibrary(db, { format: 'csv', now: T0 });
    expect(fileName).toBe('paperdex-library-2026-03-11.csv');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows = readCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(library.length + 1);
    const table = rows.slice(1).map((cells) => Object.fromEntries(CSV_COLUMNS.map((column, at) => [column, cells[at]])));
    const sheaf = table.find((row) => row.id === '2403.10001')!;
    expect(sheaf).toMatchObject({
      authors: 'Farid Ahmadi; Sigríður Ólafsdóttir; Jörg Müller',
      published: '2024-03-15',
      primary_category: 'cs.LG',
      tags: 'reading-group; graphs',
      note: 'Compare with GAT.\nLine two, "quoted".',
      first_seen: '2026-03-11T09:00:00Z',
      saved_at: '2026-03-11T12:00:00Z',
      read_at: '',
      code_url: 'https://github.com/a/b',
    });
    const hostile = table.find((row) => row.id === '2403.10002')!;
    // Formula injection neutralized.
    expect(hostile.title!.startsWith("'=HYPERLINK(")).toBe(true);
    expect(hostile.authors).toBe("'-Minus Person; @At Person");
    expect(rows.every((cells) => cells.length === CSV_COLUMNS.length)).toBe(true);
  });

  it.each<[string | number | undefined, string]>([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=1+1', `"'=1+1"`],
    ['+1', `"'+1"`],
    ['-1', `"'-1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['\rx', "\"'\rx\""],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['a; b', '"a; b"'],
    ['a-b = c', 'a-b = c'],
    [42, '42'],
    [undefined, ''],
  ])('cell %j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  // Cells a spreadsheet would run as formulas although they don't start with = + - @ themselves (OWASP).
  it.each<[string, string]>([
    ['a line feed first', '\n=cmd|" /C calc"!A0'],
    ['a line feed alone first', '\nplain'],
    ['a space first', ' =1+1'],
    ['many spaces first', `${' '.repeat(100)}@SUM(A1)`],
    ['spaces and line breaks first', ' \r\n \t+1'],
    ['a no-break space first', '\u00a0=1'],
    ['an ideographic space first', '\u3000=1'],
    ['a zero-width space first', '\u200b=1'],
    ['a byte-order mark first', '\ufeff=1'],
    ['a bidi control first', '\u202e=1'],
    ['a full-width equals sign', '＝HYPERLINK("http://evil.example")'],
    ['a full-width plus sign', '＋1'],
    ['a full-width hyphen-minus', '－1'],
    ['a full-width commercial at', '＠SUM(A1)'],
    ['a small equals sign', '\ufe66cmd'],
    ['a minus sign', '\u22121+1'],
    ['a space, then a full-width equals sign', ' ＝1'],
  ])('neutralizes a cell with %s: quoted, starting with an apostrophe', (_name, value) => {
    // (A bidirectional control is dropped from every cell.)
    expect(csvCell(value)).toBe(`"'${value.replace(/\u202e/g, '').replace(/"/g, '""')}"`);
  });

  it('a record stored with bidirectional controls (by an older version) exports without them, in CSV and BibTeX', () => {
    const record = storedPaper({ id: '2403.10098', title: 'Safe \u202eeltit\u202c here', authors: ['\u2067Eve\u2069 Mallory'], note: 'n\u200fote' });
    const cells = readCsv(csvHeader() + csvRow(record))[1]!;
    expect([cells[CSV_COLUMNS.indexOf('title')], cells[CSV_COLUMNS.indexOf('authors')], cells[CSV_COLUMNS.indexOf('note')]]).toEqual(['Safe eltit here', 'Eve Mallory', 'note']);
    const fields = bibtexFields(record);
    expect(fields).toContain('title = {Safe eltit here}');
    expect(fields).toContain('author = {Eve Mallory}');
  });

  it('every text column of a row is neutralized, not only the title', () => {
    const hostile = ' =1+1';
    const record = storedPaper({ id: '2403.10099', title: hostile, authors: [hostile], abstract: hostile, note: hostile, tags: ['ok'] });
    const cells = readCsv(csvHeader() + csvRow(record))[1]!;
    for (const column of ['title', 'authors', 'abstract', 'note'] as const) expect(cells[CSV_COLUMNS.indexOf(column)]).toBe(`'${hostile}`);
  });
});

describe('a library larger than a file part and a read page', () => {
  // 1,234 papers: 25 parts of the file and three pages of reads, the last of each partly filled.
  const ids = Array.from({ length: 1_234 }, (_, at) => `2404.${String(10_000 + at).padStart(5, '0')}`);
  beforeEach(async () => {
    await db.papers.bulkPut(ids.map((id, at) => storedPaper({ id, title: `Paper number ${at}`, authors: [`Ada Lovelace${at}`] })));
  });

  it('JSON: every paper once, in id order, in a file that parses', async () => {
    const { blob, count } = await exportLibrary(db, { format: 'json', now: T0 });
    expect(count).toBe(ids.length);
    const file = JSON.parse(await blob.text()) as { papers: PaperRecord[] };
    expect(file.papers.map((paper) => paper.id)).toEqual(ids);
  });

  it('CSV: one row per paper, in id order', async () => {
    const { blob } = await exportLibrary(db, { format: 'csv', now: T0 });
    const rows = readCsv(new TextDecoder().decode(await blob.arrayBuffer()));
    expect(rows.slice(1).map((cells) => cells[CSV_COLUMNS.indexOf('id')])).toEqual(ids);
  });

  it('BibTeX: one entry per paper, each with its own key and title', async () => {
    const { blob } = await exportLibrary(db, { format: 'bibtex', now: T0 });
    const parsed = parseBibtex(await blob.text(), { english: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((entry) => entry.fields.eprint)).toEqual(ids);
    expect(new Set(parsed.entries.map((entry) => entry.key)).size).toBe(ids.length);
    expect(parsed.entries.map((entry) => entry.fields.title)).toEqual(ids.map((_, at) => `Paper number ${at}`));
  });
});
