import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LibraryChange, onLibraryChange } from '@/utils/library/feed/feed';
import { PaperdexDB } from '@/utils/library/schema';
import { exportLibrary, importLibraryFile } from '@/utils/library/io';
import { checkHeader, EXPORT_VERSION, migratePaper, oldestReadable, type PaperMigration } from '@/utils/library/io/json-format';
import { MAX_IMPORT_BYTES, readImportText } from '@/utils/library/io/read-text';
import { recordCapture } from '@/utils/capture/record-capture';
import { FUTURE_SKEW_MS, sanitizeCapturedPaper } from '@/utils/paper/sanitize';
import { setNote } from '@/utils/library/user-actions';
import { daily, fillSampleLibrary, storedPaper, T0, withoutUpdatedAt } from '../../support/sample-library';

let source: PaperdexDB;
let target: PaperdexDB;
beforeEach(() => {
  source = new PaperdexDB(`src-${Math.random()}`);
  target = new PaperdexDB(`dst-${Math.random()}`);
});
afterEach(async () => {
  await source.delete();
  await target.delete();
});

async function exportText(db: PaperdexDB, ids?: string[]): Promise<string> {
  const { blob } = await exportLibrary(db, { format: 'json', now: T0 + 10 * 3_600_000, ...(ids ? { ids } : {}) });
  return blob.text();
}

describe('JSON export → import', () => {
  it('gives the identical library in an empty profile (updatedAt is the time of the import)', async () => {
    const library = await fillSampleLibrary(source);
    const progress: [number, number][] = [];
    const exported = await exportLibrary(source, { format: 'json', now: T0, onProgress: (done, total) => progress.push([done, total]) });
    expect(exported.count).toBe(4);
    expect(exported.fileName).toBe('paperdex-library-2026-03-11.json');
    expect(progress.at(-1)).toEqual([4, 4]);
    const text = await exported.blob.text();
    const parsed = JSON.parse(text) as { format: string; version: number; count: number; papers: unknown[] };
    expect(parsed).toMatchObject({ format: 'paperdex-library', version: 1, count: 4 });
    expect(parsed.papers).toEqual(library);
    // One paper per line, between a header line and a closing line.
    expect(text.split('\n')).toHaveLength(4 + 3);

    const now = T0 + 24 * 3_600_000;
    const report = await importLibraryFile(target, exported.blob, { fileName: exported.fileName, now });
    expect(report).toEqual({ ok: true, kind: 'paperdex-json', added: 4, updated: 0, unchanged: 0 });
    const imported = await target.papers.orderBy('id').toArray();
    expect(withoutUpdatedAt(imported)).toEqual(withoutUpdatedAt(library));
    expect(imported.every((record) => record.updatedAt === now)).toBe(true);
  });

  it('every note the user can type comes back as stored: blank, control characters, at the length limit', async () => {
    const library = await fillSampleLibrary(source);
    const ids = library.map((record) => record.id);
    const typed = ['   \n\t ', 'bell\u0007 and nul\u0000 gone,\ttab and\r\nlines kept', `${'é'.repeat(19_999)}xyz`, ' padded '];
    for (const [at, note] of typed.entries()) await setNote(source, ids[at]!, note, T0 + 1);
    const stored = await source.papers.orderBy('id').toArray();
    // What was typed is stored as the note it will be: blanks are no note, stray control bytes dropped.
    expect(stored.map((record) => record.note)).toEqual([undefined, 'bell and nul gone,\ttab and\r\nlines kept', `${'é'.repeat(19_999)}x`, ' padded ']);

    await importLibraryFile(target, new Blob([await exportText(source)]), { fileName: 'library.json', now: T0 + 2 });
    expect(withoutUpdatedAt(await target.papers.orderBy('id').toArray())).toEqual(withoutUpdatedAt(stored));
  });

  it('importing the same file twice changes nothing the second time (no updatedAt bump)', async () => {
    await fillSampleLibrary(source);
    const text = await exportText(source);
    await importLibraryFile(target, text, { now: T0 + 1e7 });
    const before = await target.papers.orderBy('id').toArray();
    const again = await importLibraryFile(target, text, { now: T0 + 2e7 });
    expect(again).toEqual({ ok: true, kind: 'paperdex-json', added: 0, updated: 0, unchanged: 4 });
    expect(await target.papers.orderBy('id').toArray()).toEqual(before);
    // Into the library it came from: nothing changes either.
    const sourceBefore = await source.papers.orderBy('id').toArray();
    expect(await importLibraryFile(source, text)).toMatchObject({ ok: true, unchanged: 4, updated: 0, added: 0 });
    expect(await source.papers.orderBy('id').toArray()).toEqual(sourceBefore);
  });

  it('exports only a selection, skipping unknown ids', async () => {
    await fillSampleLibrary(source);
    const { count, fileName, blob } = await exportLibrary(source, { format: 'json', ids: ['2403.10002', '2403.10001', '9999.99999'], now: T0 });
    expect(count).toBe(2);
    expect(fileName).toBe('paperdex-selection-2026-03-11.json');
    const parsed = JSON.parse(await blob.text()) as { papers: { id: string }[] };
    expect(parsed.papers.map((paper) => paper.id)).toEqual(['2403.10001', '2403.10002']);
  });

  it('an empty library exports a valid file that imports as nothing', async () => {
    const text = await exportText(source);
    expect(JSON.parse(text)).toMatchObject({ count: 0, papers: [] });
    expect(await importLibraryFile(target, text)).toEqual({ ok: true, kind: 'paperdex-json', added: 0, updated: 0, unchanged: 0 });
  });

  it('reads a reformatted export (pretty-printed by another tool) the same way', async () => {
    const library = await fillSampleLibrary(source);
    const pretty = JSON.stringify(JSON.parse(await exportText(source)), null, 2);
    // Parsed a paper at a time, never the whole text in one JSON.parse (which would hold the page).
    const parse = vi.spyOn(JSON, 'parse');
    expect(await importLibraryFile(target, pretty)).toMatchObject({ ok: true, added: 4 });
    expect(parse.mock.calls.some(([text]) => text.length >= pretty.length / 2)).toBe(false);
    parse.mockRestore();
    expect(withoutUpdatedAt(await target.papers.orderBy('id').toArray())).toEqual(withoutUpdatedAt(library));
  });

  it('a file larger than one write step: new papers added, known ones merged, only re-imported papers lose their tombstone', async () => {
    // 1,200 papers (three write steps of 500); the library already holds every third one, saved there.
    const ids = Array.from({ length: 1_200 }, (_, at) => `2403.${String(10_000 + at).padStart(5, '0')}`);
    const paper = (id: string) => ({ id, title: `Paper ${id}`, links: {} });
    await recordCapture(source, { listing: daily, papers: ids.map(paper), problems: [] }, T0);
    const text = await exportText(source);
    const known = ids.filter((_, at) => at % 3 === 0);
    await recordCapture(target, { listing: daily, papers: known.map(paper), problems: [] }, T0 + 1_000);
    await target.papers.where('id').anyOf(known).modify({ savedAt: T0 + 2_000 });
    // Tombstones: one for a paper the file brings back, one for a paper it doesn't hold.
    await target.removedPapers.bulkPut([{ id: ids[1]!, at: T0 }, { id: '2501.00001', at: T0 }]);

    const report = await importLibraryFile(target, text, { now: T0 + 1e7 });
    expect(report).toEqual({ ok: true, kind: 'paperdex-json', added: 800, updated: 400, unchanged: 0 });
    expect(await target.papers.count()).toBe(1_200);
    expect(await target.papers.where('savedAt').above(0).primaryKeys()).toEqual(known);
    expect(await target.papers.get(ids[0]!)).toMatchObject({ firstSeenAt: T0, lastSeenAt: T0 + 1_000, savedAt: T0 + 2_000 });
    expect(await target.removedPapers.toCollection().primaryKeys()).toEqual(['2501.00001']);
  });

  it('reports progress while reading and writing', async () => {
    await fillSampleLibrary(source);
    const phases = new Set<string>();
    let last: [number, number] = [0, 0];
    await importLibraryFile(target, await exportText(source), {
      onProgress: (done, total, phase) => {
        phases.add(phase);
        last = [done, total];
      },
    });
    expect(phases).toContain('writing');
    expect(last).toEqual([4, 4]);
  });
});

describe('import merge rules', () => {
  it('a paper repeated far apart in a large file is merged into one record, counted once', async () => {
    const papers: Record<string, unknown>[] = Array.from({ length: 1200 }, (_, at) => ({ ...GOOD_PAPER, id: `2403.${String(20000 + at)}` }));
    // The same paper again in a later write step, with another tag, a later sighting and a note.
    papers.push({ ...GOOD_PAPER, id: '2403.20003', tags: ['later'], lastSeenAt: T0 + 5_000, note: 'from the end' });
    papers.splice(10, 0, { ...GOOD_PAPER, id: '2403.20003', tags: ['early'], savedAt: T0 + 1_000 });
    const now = T0 + 1e7;
    expect(await importLibraryFile(target, lineFile(papers), { now })).toEqual({ ok: true, kind: 'paperdex-json', added: 1200, updated: 0, unchanged: 0 });
    expect(await target.papers.get('2403.20003')).toMatchObject({
      tags: ['early', 'later'],
      firstSeenAt: T0,
      lastSeenAt: T0 + 5_000,
      savedAt: T0 + 1_000,
      note: 'from the end',
      updatedAt: now,
    });
    // The same file again: nothing changes.
    const before = await target.papers.orderBy('id').toArray();
    expect(await importLibraryFile(target, lineFile(papers), { now: now + 1 })).toEqual({ ok: true, kind: 'paperdex-json', added: 0, updated: 0, unchanged: 1200 });
    expect(await target.papers.orderBy('id').toArray()).toEqual(before);
  });


  it('merges with the library: union of tags, earliest first-seen, latest last-seen, user fields kept', async () => {
    await fillSampleLibrary(source);
    const text = await exportText(source);
    // The target knows one paper already, seen earlier and later, with its own tag, note and read mark.
    await target.papers.put({
      id: '2403.10001',
      title: 'Sheaf Neural Networks for Heterophilic Graphs',
      links: { hf: 'https://huggingface.co/papers/2403.10001' },
      firstSeenAt: T0 - 86_400_000,
      lastSeenAt: T0 + 30 * 86_400_000,
      seenCount: 9,
      seenOn: [{ site: 'hf', kind: 'trending', label: 'Trending', url: 'https://huggingface.co/papers/trending', lastAt: T0 + 30 * 86_400_000, count: 9 }],
      sites: ['hf'],
      tags: ['mine'],
      readAt: T0,
      note: 'My own note.',
      updatedAt: T0 + 30 * 86_400_000,
    });
    const report = await importLibraryFile(target, text, { now: T0 + 40 * 86_400_000 });
    expect(report).toMatchObject({ ok: true, added: 3, updated: 1, unchanged: 0 });
    const merged = (await target.papers.get('2403.10001'))!;
    const exported = (await source.papers.get('2403.10001'))!;
    expect(merged.tags).toEqual(['mine', 'reading-group', 'graphs']);
    expect(merged.firstSeenAt).toBe(T0 - 86_400_000);
    expect(merged.lastSeenAt).toBe(T0 + 30 * 86_400_000);
    expect(merged.seenCount).toBe(9);
    expect(merged.seenOn.map((place) => place.label)).toEqual(['Trending', 'cs.LG new', 'Daily 2026-03-11']);
    expect(merged.sites).toEqual(['hf', 'arxiv']);
    expect(merged.savedAt).toBe(exported.savedAt);
    expect(merged.readAt).toBe(T0);
    expect(merged.note).toBe(`My own note.\n\n${exported.note}`);
    // Page fields: the richer abstract and the links of both copies.
    expect(merged.abstract).toBe(exported.abstract);
    expect(merged.links).toEqual(exported.links);
    expect(merged.updatedAt).toBe(T0 + 40 * 86_400_000);
    // And a second import is a no-op.
    expect(await importLibraryFile(target, text)).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: 4 });
  });

  it('a paper saved by id in the file never erases the title the library has', async () => {
    await source.papers.put({ id: '2403.10001', title: '', links: { arxiv: 'https://arxiv.org/abs/2403.10001' }, firstSeenAt: T0 + 9e6, lastSeenAt: T0 + 9e6, seenCount: 0, seenOn: [], sites: [], tags: [], savedAt: T0 + 9e6, updatedAt: T0 + 9e6 });
    await fillSampleLibrary(target);
    const before = (await target.papers.get('2403.10001'))!;
    await importLibraryFile(target, await exportText(source));
    const after = (await target.papers.get('2403.10001'))!;
    expect(after.title).toBe(before.title);
    expect(after.abstract).toBe(before.abstract);
    expect(after.savedAt).toBe(Math.min(before.savedAt!, T0 + 9e6));
  });

  it('a paper that appears twice in a file is merged with itself', async () => {
    await fillSampleLibrary(source);
    const parsed = JSON.parse(await exportText(source)) as { papers: Record<string, unknown>[] };
    const first = parsed.papers[0]!;
    parsed.papers.push({ ...first, tags: ['extra'], lastSeenAt: T0 + 99e6 });
    expect(await importLibraryFile(target, JSON.stringify(parsed))).toMatchObject({ ok: true, added: 4 });
    const record = (await target.papers.get(first.id as string))!;
    expect(record.tags).toEqual(['reading-group', 'graphs', 'extra']);
    expect(record.lastSeenAt).toBe(T0 + 99e6);
    // The same in the line layout Paperdex writes (read line by line, then the whole file first).
    const lines = lineFile([...parsed.papers]);
    const again = new PaperdexDB(`dup-${Math.random()}`);
    expect(await importLibraryFile(again, lines, { now: T0 + 1e8 })).toEqual({ ok: true, kind: 'paperdex-json', added: 4, updated: 0, unchanged: 0 });
    expect(withoutUpdatedAt(await again.papers.orderBy('id').toArray())).toEqual(withoutUpdatedAt(await target.papers.orderBy('id').toArray()));
    await again.delete();
  });
});

const GOOD_PAPER = storedPaper({ id: '2403.10001', title: 'A paper' });
const file = (papers: unknown[], header: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'paperdex-library', version: 1, exportedAt: new Date(T0).toISOString(), count: papers.length, ...header, papers });
const lineFile = (papers: unknown[]) =>
  `{"format":"paperdex-library","version":1,"exportedAt":"2026-03-11T09:00:00.000Z","count":${papers.length},"papers":[\n${papers.map((paper) => JSON.stringify(paper)).join(',\n')}\n]}\n`;

describe('bad files change nothing and say what and where', () => {
  const utf16 = (text: string) => {
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let at = 0; at < text.length; at++) bytes[2 + at * 2] = text.charCodeAt(at);
    return new Blob([bytes]);
  };
  const utf16NoBom = (text: string) => new Blob([new Uint8Array([...text].flatMap((char) => [char.charCodeAt(0), 0]))]);
  const truncated = lineFile([GOOD_PAPER, { ...GOOD_PAPER, id: '2403.10002' }]).slice(0, -40);

  it.each<[string, Blob | string, RegExp, string?]>([
    ['empty file', '', /the file is empty/],
    ['whitespace only', '  \n\n ', /the file is empty/],
    ['another JSON object', '{"hello": "world"}', /^not a Paperdex export \(it is JSON, but not a library saved by Paperdex\)$/],
    ['a JSON list', '[{"id":"2403.10001"}]', /not a Paperdex export \(a JSON list/],
    ['a newer version', file([GOOD_PAPER], { version: 9 }), /^version 9 is newer than this extension/],
    ['a version that is not a number', file([GOOD_PAPER], { version: '1' }), /not a Paperdex export \(its format version is 1, not a number\)/],
    ['no papers list', JSON.stringify({ format: 'paperdex-library', version: 1 }), /not a Paperdex export \(it has no list of papers\)/],
    ['truncated JSON (line layout)', truncated, /the file is not valid JSON \(truncated\?\)/],
    ['truncated JSON (one line)', file([GOOD_PAPER]).slice(0, -10), /the file is not valid JSON \(truncated\?\)/],
    ['a .json file that is not JSON', 'hello', /not valid JSON/, 'library.json'],
    ['a paper without id', lineFile([GOOD_PAPER, { ...GOOD_PAPER, id: undefined }]), /^paper 2: it has no arXiv id/],
    ['a paper with a bad id', lineFile([GOOD_PAPER, GOOD_PAPER, { ...GOOD_PAPER, id: '<script>' }]), /^paper 3: "<script>" is not an arXiv id/],
    ['a paper that is not an object', file([GOOD_PAPER, 'oops']), /^paper 2: not a paper record/],
    ['a bad time', lineFile([{ ...GOOD_PAPER, firstSeenAt: 'yesterday' }]), /^paper 1: its first-seen date is not a valid date/],
    ['a time from another era', lineFile([{ ...GOOD_PAPER, lastSeenAt: 1e18 }]), /^paper 1: its last-seen date is not a valid date/],
    ['a bad savedAt', lineFile([{ ...GOOD_PAPER, savedAt: -5 }]), /^paper 1: its saved date is not a valid date/],
    ['tags that are not a list', lineFile([{ ...GOOD_PAPER, tags: 'a,b' }]), /^paper 1: its tags are not a list/],
    ['a negative seen count', lineFile([{ ...GOOD_PAPER, seenCount: -1 }]), /^paper 1: its seen count is not a whole number/],
    ['a title that is not text', lineFile([{ ...GOOD_PAPER, title: 42 }]), /^paper 1: its title is not text/],
    ['an id list with a bad line', '2403.10001\n# comment\nnot-an-id\n', /^line 3: not a paper id \(“not-an-id”\)/],
    ['an id list with a URL of another site', 'https://example.com/abs/2403.10001', /^line 1: not a paper id/],
    ['UTF-16 with a byte-order mark', utf16(file([GOOD_PAPER])), /UTF-16/],
    ['UTF-16 without a byte-order mark', utf16NoBom(file([GOOD_PAPER])), /UTF-16/],
    ['binary', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48])]), /binary/],
    ['a mostly-zero binary file', new Blob([new Uint8Array(64 * 1024).fill(7, 1000, 1010)]), /^the file is binary, not a Paperdex export/],
    ['a mostly-zero binary file behind a UTF-16 byte-order mark', new Blob([new Uint8Array([0xff, 0xfe]), new Uint8Array(8192)]), /^the file is binary, not a Paperdex export/],
    ['Latin-1 text', new Blob([new Uint8Array([0x32, 0x34, 0x30, 0x33, 0x2e, 0x31, 0x30, 0x30, 0x30, 0x31, 0x0a, 0x23, 0x20, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72])]), /not UTF-8/],
  ])('%s', async (_name, input, expected, fileName) => {
    const library = await fillSampleLibrary(target);
    const report = await importLibraryFile(target, input, fileName ? { fileName } : {});
    expect(report.ok).toBe(false);
    expect(report.ok ? '' : report.error).toMatch(expected);
    expect(await target.papers.orderBy('id').toArray()).toEqual(library);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const big = { size: MAX_IMPORT_BYTES + 1, arrayBuffer: () => Promise.reject(new Error('must not be read')) } as unknown as Blob;
    const report = await importLibraryFile(target, big);
    expect(report).toEqual({ ok: false, error: 'the file is too large (256 MB; the limit is 256 MB)' });
    expect(await readImportText('x'.repeat(11), 10)).toMatchObject({ ok: false, error: expect.stringMatching(/too large/) });
  });

  it('a paper at fault after many good ones still changes nothing (all or nothing)', async () => {
    const papers = Array.from({ length: 1200 }, (_, at) => ({ ...GOOD_PAPER, id: `2403.${String(20000 + at)}` }));
    papers.push({ ...GOOD_PAPER, id: 'nope' });
    const report = await importLibraryFile(target, lineFile(papers));
    expect(report).toEqual({ ok: false, error: 'paper 1201: "nope" is not an arXiv id' });
    expect(await target.papers.count()).toBe(0);
  });

  it('a line-layout file cut off after many written papers is refused and rolled back', async () => {
    // Papers are written while the file is read; the missing end is only found after several steps.
    const library = await fillSampleLibrary(target);
    const papers = Array.from({ length: 1200 }, (_, at) => ({ ...GOOD_PAPER, id: `2403.${String(20000 + at)}` }));
    const text = lineFile(papers);
    for (const cut of [text.slice(0, -4), text.slice(0, text.lastIndexOf('\n', text.length - 10))]) {
      const report = await importLibraryFile(target, cut);
      expect(report).toMatchObject({ ok: false, error: expect.stringMatching(/^the file is not valid JSON \(truncated\?\)/) });
      expect(await target.papers.orderBy('id').toArray()).toEqual(library);
    }
  });

  it('a bad paper after many good ones leaves a full library unchanged, tombstones too', async () => {
    const library = await fillSampleLibrary(target);
    await target.removedPapers.put({ id: '2403.20005', at: T0 });
    const papers = Array.from({ length: 1200 }, (_, at) => ({ ...GOOD_PAPER, id: `2403.${String(20000 + at)}` }));
    papers.splice(900, 0, { ...GOOD_PAPER, id: '2403.20001', seenCount: -1 });
    expect(await importLibraryFile(target, lineFile(papers))).toEqual({ ok: false, error: 'paper 901: its seen count is not a whole number' });
    expect(await target.papers.orderBy('id').toArray()).toEqual(library);
    expect(await target.removedPapers.toCollection().primaryKeys()).toEqual(['2403.20005']);
  });

  it.each([
    ['a put in the middle of the import', 'put'],
    ['the last write, a tombstone through Dexie', 'bulkDelete'],
  ] as const)('a failed write rolls back the whole import, and posts no change: %s', async (_name, failing) => {
    const library = await fillSampleLibrary(target);
    // The last paper of the file was deleted once: the import drops its tombstone in its last step.
    await target.removedPapers.put({ id: '2403.22999', at: T0 });
    const papers = Array.from({ length: 3000 }, (_, at) => ({ ...GOOD_PAPER, id: `2403.${String(20000 + at)}` }));
    const heard: LibraryChange[] = [];
    const stop = onLibraryChange((change) => heard.push(change));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const restore: (() => void)[] = [];
    if (failing === 'put') {
      // (fake-indexeddb's store; the import puts papers with the store's own put)
      const put = IDBObjectStore.prototype.put;
      let puts = 0;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (this.name === 'papers' && ++puts === 1_200) throw new Error('disk full');
        return put.apply(this, args);
      };
      restore.push(() => (IDBObjectStore.prototype.put = put));
    } else {
      const original = target.removedPapers.bulkDelete.bind(target.removedPapers);
      target.removedPapers.bulkDelete = (() => {
        throw new Error('disk full');
      }) as typeof original;
      restore.push(() => (target.removedPapers.bulkDelete = original));
    }
    const report = await importLibraryFile(target, lineFile(papers));
    for (const undo of restore) undo();
    stop();
    expect(report).toMatchObject({ ok: false, error: expect.stringMatching(/could not be written \(nothing was changed\): disk full/) });
    expect(logged).toHaveBeenCalled();
    expect(await target.papers.orderBy('id').toArray()).toEqual(library);
    expect(await target.removedPapers.toCollection().primaryKeys()).toEqual(['2403.22999']);
    expect(heard).toEqual([]);
  });

  it.each([10, 1200])('open pages learn of an import of %i papers (a reader told by the change feed sees its first paper)', async (size) => {
    const papers = Array.from({ length: size }, (_, at) => ({ ...GOOD_PAPER, id: `2403.${String(20000 + at)}` }));
    const seen: number[] = [];
    const heard: LibraryChange[] = [];
    const stop = onLibraryChange((change) => {
      heard.push(change);
      void target.papers.where('id').equals('2403.20000').count().then((count) => seen.push(count));
    });
    expect(await importLibraryFile(target, lineFile(papers))).toMatchObject({ ok: true, added: size });
    await vi.waitFor(() => expect(seen.at(-1)).toBe(1));
    stop();
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ kind: 'papers', user: true });
    expect(heard[0]!.kind === 'papers' && heard[0]!.ids.length).toBe(size);
  });
});

describe('a file read from disk (bytes) in the line layout, decoded as it is written', () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  // Over 1 MB of multi-byte text: decoded in several pieces (512 kB each).
  const ABSTRACT = 'Þórdís Einarsdóttir, Jiří Černý, 学习 — a long abstract with “quotes” and ü. '.repeat(6);
  const manyPapers = () =>
    Array.from({ length: 2_500 }, (_, at) => ({ ...GOOD_PAPER, id: `2403.${String(20000 + at)}`, title: `Über ${at}: 模型 “${at}”`, abstract: ABSTRACT }));

  it('imports every paper of a large file with multi-byte text intact', async () => {
    const papers = manyPapers();
    const bytes = encode(lineFile(papers));
    expect(bytes.length).toBeGreaterThan(1_200_000);
    const report = await importLibraryFile(target, new Blob([bytes]), { fileName: 'paperdex.json', now: T0 + 5 });
    expect(report).toEqual({ ok: true, kind: 'paperdex-json', added: 2_500, updated: 0, unchanged: 0 });
    const stored = await target.papers.orderBy('id').toArray();
    expect(stored.map((paper) => [paper.id, paper.title, paper.abstract])).toEqual(papers.map((paper) => [paper.id, paper.title, ABSTRACT.trim()]));
  });

  it('a byte that is not UTF-8 far into the file refuses the import and changes nothing', async () => {
    const library = await fillSampleLibrary(target);
    const bytes = encode(lineFile(manyPapers()));
    // In the title of the last paper, "Ü" (C3 9C in UTF-8) as Latin-1 writes it (DC).
    const title = encode('"title":"Über 2499');
    const at = Buffer.from(bytes).lastIndexOf(Buffer.from(title)) + title.indexOf(0xc3);
    expect([...bytes.subarray(at, at + 2)]).toEqual([0xc3, 0x9c]);
    expect(at).toBeGreaterThan(bytes.length - 1_000);
    const broken = new Uint8Array([...bytes.subarray(0, at), 0xdc, ...bytes.subarray(at + 2)]);
    const report = await importLibraryFile(target, new Blob([broken]));
    expect(report).toEqual({ ok: false, error: 'the file is not UTF-8 text (another encoding, or binary): save it as UTF-8' });
    expect(await target.papers.orderBy('id').toArray()).toEqual(library);
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const bytes = encode(`\ufeff${lineFile([GOOD_PAPER])}`);
    expect(bytes[0]).toBe(0xef);
    expect(await importLibraryFile(target, new Blob([bytes]))).toMatchObject({ ok: true, added: 1 });
  });

  it('a reformatted file of several decoded pieces imports intact, parsed a piece at a time', async () => {
    const papers = manyPapers();
    const pretty = JSON.stringify(JSON.parse(lineFile(papers)), null, 2);
    const bytes = encode(pretty);
    expect(bytes.length).toBeGreaterThan(2_000_000);
    // Never one string of the whole text: every string sliced is at most a few pieces (1 MB of bytes each) long.
    const slice = vi.spyOn(String.prototype, 'slice');
    const report = await importLibraryFile(target, new Blob([bytes]), { fileName: 'paperdex.json', now: T0 + 5 });
    const longest = Math.max(...slice.mock.contexts.map((text) => String(text).length));
    slice.mockRestore();
    expect(report).toEqual({ ok: true, kind: 'paperdex-json', added: 2_500, updated: 0, unchanged: 0 });
    expect(longest).toBeLessThan(pretty.length / 2);
    const stored = await target.papers.orderBy('id').toArray();
    expect(stored.map((paper) => [paper.id, paper.title, paper.abstract])).toEqual(papers.map((paper) => [paper.id, paper.title, ABSTRACT.trim()]));
  });

  it('a reformatted file cut off is refused with the message of the whole-file read, nothing changed', async () => {
    const library = await fillSampleLibrary(target);
    const pretty = JSON.stringify(JSON.parse(lineFile(manyPapers())), null, 2);
    const report = await importLibraryFile(target, new Blob([encode(pretty.slice(0, pretty.length - 5_000))]));
    expect(report).toMatchObject({ ok: false, error: expect.stringMatching(/^the file is not valid JSON \(truncated\?\)/) });
    expect(await target.papers.orderBy('id').toArray()).toEqual(library);
  });

  it('a file cut off after many papers is refused and rolled back, with the message of the whole-file read', async () => {
    const library = await fillSampleLibrary(target);
    const text = lineFile(manyPapers());
    const report = await importLibraryFile(target, new Blob([encode(text.slice(0, text.lastIndexOf('\n', text.length - 10)))]));
    expect(report).toMatchObject({ ok: false, error: expect.stringMatching(/^the file is not valid JSON \(truncated\?\)/) });
    expect(await target.papers.orderBy('id').toArray()).toEqual(library);
  });
});

describe('hostile strings are cleaned and bounded, not refused', () => {
  it('drops javascript: links, bounds huge fields, keeps markup as text, cleans tags and notes', async () => {
    const hostile = {
      ...GOOD_PAPER,
      title: '<img src=x onerror=alert(1)>\u0000 Title',
      abstract: 'A'.repeat(1_000_000),
      authors: Array.from({ length: 10_000 }, (_, at) => `Author ${at}`),
      links: { hf: 'javascript:alert(1)', arxiv: 'https://arxiv.org/abs/2403.10001', pdf: 'data:text/html,<b>x</b>', github: 'evil/repo' },
      thumbnail: 'javascript:alert(1)',
      seenOn: [
        { site: 'hf', kind: 'daily', label: 'ok', url: 'https://huggingface.co/papers', lastAt: T0, count: 1 },
        { site: 'hf', kind: 'daily', label: 'bad', url: 'javascript:alert(1)', lastAt: T0, count: 1 },
        { site: 'evil', kind: 'daily', label: 'bad', url: 'https://x.org', lastAt: T0, count: 1 },
      ],
      sites: ['hf', 'evil'],
      tags: ['<b>Bold</b>', 'ok', 'ok', 7, '!!!'],
      note: `${'n'.repeat(30_000)}`,
      primaryCategory: '<script>',
      extra: 'ignored',
    };
    expect(await importLibraryFile(target, lineFile([hostile]))).toMatchObject({ ok: true, added: 1 });
    const record = (await target.papers.get('2403.10001'))!;
    expect(record.title).toBe('<img src=x onerror=alert(1)> Title');
    expect(record.abstract!.length).toBeLessThanOrEqual(10_000);
    expect(record.authors).toHaveLength(100);
    expect(record.links).toEqual({ arxiv: 'https://arxiv.org/abs/2403.10001', github: 'https://github.com/evil/repo' });
    expect(record).not.toHaveProperty('thumbnail');
    expect(record).not.toHaveProperty('primaryCategory');
    expect(record).not.toHaveProperty('extra');
    expect(record.seenOn.map((place) => place.label)).toEqual(['ok']);
    expect(record.sites).toEqual(['hf']);
    expect(record.tags).toEqual(['b-bold-b', 'ok']);
    expect(record.note!.length).toBe(20_000);
  });
});

describe('dates far in the future in an imported file', () => {
  it('are clamped to the time of the import, so papers seen afterwards come first in "recent"', async () => {
    const now = T0 + 30 * 24 * 3_600_000;
    const y2200 = Date.UTC(2200, 0, 1);
    const library = await fillSampleLibrary(target);
    const pinned = {
      ...GOOD_PAPER,
      id: '2403.30001',
      publishedAt: '2199-06-01T00:00:00.000Z',
      firstSeenAt: y2200,
      lastSeenAt: y2200,
      savedAt: y2200,
      readAt: y2200,
      updatedAt: y2200,
      seenOn: [{ site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers', lastAt: y2200, count: 1 }],
    };
    // A clock an hour ahead is within the skew (a day): kept as written.
    const ahead = { ...GOOD_PAPER, id: '2403.30002', lastSeenAt: now + 3_600_000 };
    expect(await importLibraryFile(target, lineFile([pinned, ahead]), { now })).toMatchObject({ ok: true, added: 2 });
    const stored = (await target.papers.get('2403.30001'))!;
    expect(stored).toMatchObject({ firstSeenAt: now, lastSeenAt: now, savedAt: now, readAt: now, updatedAt: now, publishedAt: new Date(now).toISOString() });
    expect(stored.seenOn[0]!.lastAt).toBe(now);
    const all = await target.papers.toArray();
    const latest = Math.max(...all.flatMap((record) => [record.firstSeenAt, record.lastSeenAt, record.savedAt ?? 0, record.readAt ?? 0, ...record.seenOn.map((place) => place.lastAt)]));
    expect(latest).toBeLessThanOrEqual(now + FUTURE_SKEW_MS);
    expect((await target.papers.get('2403.30002'))!.lastSeenAt).toBe(now + 3_600_000);

    // A paper seen two hours after the import is the most recent, above the one the file dated 2200.
    const later = sanitizeCapturedPaper({ id: library[0]!.id, title: library[0]!.title, links: {} })!;
    await recordCapture(target, { listing: daily, papers: [later], problems: [] }, now + 2 * 3_600_000);
    const recent = await target.papers.orderBy('lastSeenAt').reverse().primaryKeys();
    expect(recent.slice(0, 3)).toEqual([library[0]!.id, '2403.30002', '2403.30001']);
  });
});

describe('links in an imported file', () => {
  it('keep only listings on their own site, and HF/arXiv/PDF links to those sites', async () => {
    const paper = {
      ...GOOD_PAPER,
      links: { hf: 'https://evil.example/papers/2403.10001', arxiv: 'https://arxiv.org/abs/2403.10001', pdf: 'https://evil.example/x.pdf' },
      seenOn: [
        { site: 'hf', kind: 'daily', label: 'HF daily', url: 'https://huggingface.co/papers', lastAt: T0, count: 1 },
        { site: 'hf', kind: 'daily', label: 'Evil', url: 'https://evil.example/', lastAt: T0, count: 1 },
        { site: 'arxiv', kind: 'listing', label: 'Wrong site', url: 'https://huggingface.co/papers', lastAt: T0, count: 1 },
        { site: 'arxiv', kind: 'listing', label: 'cs.LG', url: 'https://arxiv.org/list/cs.LG/new', lastAt: T0, count: 1 },
      ],
    };
    expect(await importLibraryFile(target, lineFile([paper]))).toMatchObject({ ok: true, added: 1 });
    const record = (await target.papers.get('2403.10001'))!;
    expect(record.seenOn.map((place) => place.label).sort()).toEqual(['HF daily', 'cs.LG']);
    expect(record.links).toEqual({ arxiv: 'https://arxiv.org/abs/2403.10001' });
  });
});

describe('bidirectional controls in an imported file', () => {
  it('are dropped from titles, authors, notes, tags and listing labels', async () => {
    const spoofed = {
      ...GOOD_PAPER,
      title: 'Harmless \u202etitle\u202c',
      authors: ['\u2067Eve\u2069', 'Mal\u200elory'],
      abstract: 'An \u202babstract\u202c.',
      note: 'my \u202eeton\u202c\nline\u061c two',
      tags: ['to\u202eread'],
      seenOn: [{ site: 'hf', kind: 'daily', label: '\u202dDaily', url: 'https://huggingface.co/papers', lastAt: T0, count: 1 }],
    };
    expect(await importLibraryFile(target, lineFile([spoofed]))).toMatchObject({ ok: true, added: 1 });
    expect(await target.papers.get('2403.10001')).toMatchObject({
      title: 'Harmless title',
      authors: ['Eve', 'Mallory'],
      abstract: 'An abstract.',
      note: 'my eton\nline two',
      tags: ['toread'],
      seenOn: [expect.objectContaining({ label: 'Daily' })],
    });
  });
});

describe('format versions', () => {
  it('checks the header', () => {
    expect(checkHeader({ format: 'paperdex-library', version: EXPORT_VERSION, count: 3 })).toEqual({ ok: true, version: 1, count: 3 });
    expect(checkHeader({ format: 'other', version: 1 })).toMatchObject({ ok: false });
    expect(checkHeader({ format: 'paperdex-library', version: 0 })).toEqual({ ok: false, error: 'version 0 is too old for this extension (it reads versions 1 to 1)' });
    expect(checkHeader(null)).toMatchObject({ ok: false, error: expect.stringMatching(/not a Paperdex export/) });
  });

  it('runs each migration step from the file version up to the current one', () => {
    // As if the current version were 3 and versions 1 and 2 had been released before it.
    const migrations: Record<number, PaperMigration> = {
      1: (paper) => ({ ...(paper as object), renamedInV2: (paper as { old: string }).old }),
      2: (paper) => ({ ...(paper as object), addedInV3: true }),
    };
    expect(oldestReadable(migrations, 3)).toBe(1);
    expect(checkHeader({ format: 'paperdex-library', version: 1 }, migrations, 3)).toEqual({ ok: true, version: 1 });
    expect(checkHeader({ format: 'paperdex-library', version: 4 }, migrations, 3)).toMatchObject({ ok: false, error: expect.stringMatching(/^version 4 is newer/) });
    expect(migratePaper({ old: 'x' }, 1, migrations, 3)).toEqual({ old: 'x', renamedInV2: 'x', addedInV3: true });
    expect(migratePaper({ old: 'x' }, 2, migrations, 3)).toEqual({ old: 'x', addedInV3: true });
    expect(migratePaper({ old: 'x' }, 3, migrations, 3)).toEqual({ old: 'x' });
  });
});
