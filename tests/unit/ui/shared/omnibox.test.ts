import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { recordCapture } from '@/utils/capture/record-capture';
import { saveById } from '@/utils/library/save-by-id';
import { PaperdexDB } from '@/utils/library/schema';
import {
  describePaper,
  escapeOmniboxXml,
  OmniboxSearch,
  QUICK_SCAN,
  QUICK_WAIT_MS,
  omniboxSuggestions,
  omniboxTarget,
  openInTab,
  registerOmnibox,
  type OpenTabsApi,
} from '@/utils/ui/omnibox';
import type { Listing } from '@/utils/paper/record';
import { storedPaper } from '../../support/sample-library';
import { LibraryIndex } from '@/utils/search/library-index';

const listing: Listing = { site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers/date/2026-03-11' };
const T0 = Date.UTC(2026, 2, 11, 9);

let db: PaperdexDB;
beforeEach(async () => {
  fakeBrowser.reset();
  db = new PaperdexDB(`omni-${Math.random()}`);
  await recordCapture(db, {
    listing,
    papers: [
      { id: '2403.10001', title: 'Sheaf Neural Networks & <Heterophilic> Graphs', authors: ['Farid Ahmadi', 'Jörg Müller'], links: { hf: 'https://huggingface.co/papers/2403.10001' } },
      { id: '2403.10002', title: 'Koopman Operators for Diffusion Policy Learning', authors: ['Mei Tanaka'], links: { arxiv: 'https://arxiv.org/abs/2403.10002' } },
      { id: '2403.10003', title: 'A paper with a javascript link', authors: ['X Y'], links: { hf: 'javascript:alert(1)' } },
    ],
    problems: [],
  }, T0);
});
afterEach(async () => {
  await db.delete();
});

/**
 * `count` papers seen a second apart, newest first (the first at `newest`), each titled `title(at)`
 * and linked to its HF page.
 */
function seenPapers(count: number, title: (at: number) => string, newest = T0) {
  return Array.from({ length: count }, (_, at) => {
    const id = `2404.${String(10000 + at)}`;
    return storedPaper({ id, title: title(at), links: { hf: `https://huggingface.co/papers/${id}` }, firstSeenAt: newest - at * 1000, lastSeenAt: newest - at * 1000 });
  });
}

const tabs = (): OpenTabsApi & { create: ReturnType<typeof vi.fn>; update: ReturnType<typeof vi.fn> } => ({
  create: vi.fn(() => Promise.resolve(undefined)),
  update: vi.fn(() => Promise.resolve(undefined)),
});

describe('omnibox text', () => {
  it('escapes Chrome suggestion markup', () => {
    expect(escapeOmniboxXml(`<b>"Tom" & 'Jerry'</b>\u0001`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;');
  });

  it('describes a paper: title, authors, id; markup only for Chrome', () => {
    const paper = { id: '2403.10001', title: 'A & B <c>', authors: ['One', 'Two', 'Three', 'Four'], links: {} };
    expect(describePaper(paper, true)).toBe('A &amp; B &lt;c&gt; <dim>— One, Two, Three +1 · 2403.10001</dim>');
    expect(describePaper(paper, false)).toBe('A & B <c> — One, Two, Three +1 · 2403.10001');
    expect(describePaper({ id: '2501.00042', title: '', links: {} }, false)).toBe('arXiv 2501.00042 — 2501.00042');
  });

  it('drops direction controls a title or author stored by an older version holds (the address bar cannot isolate them)', () => {
    const paper = { id: '2403.10001', title: 'Invoice \u202egnp.exe', authors: ['\u2067Eve\u2069'], links: {} };
    expect(describePaper(paper, false)).toBe('Invoice gnp.exe — Eve · 2403.10001');
    expect(describePaper(paper, true)).toBe('Invoice gnp.exe <dim>— Eve · 2403.10001</dim>');
  });
});

describe('omnibox search', () => {
  it.each([
    ['sheaf', ['2403.10001']],
    ['koopman diffusion', ['2403.10002']],
    ['muller', ['2403.10001']],
    ['2403.10002', ['2403.10002']],
    ['https://arxiv.org/abs/2403.10001v2', ['2403.10001']],
    ['nothing like it', []],
  ])('before the index is ready (quick search): %j', async (text, ids) => {
    const search = new OmniboxSearch(db);
    vi.spyOn(search, 'warm').mockReturnValue(new Promise(() => undefined));
    expect((await search.search(text)).map((paper) => paper.id)).toEqual(ids);
    expect(search.ready).toBe(false);
  });

  it('the quick search looks at the most recently seen papers only, a page at a time', async () => {
    const records = seenPapers(QUICK_SCAN + 100, (at) => (at === 1_000 ? 'Zebrafish Activity Maps' : at === QUICK_SCAN + 50 ? 'Zebrafish Too Old' : `Paper number ${at}`));
    await db.papers.bulkPut(records);
    const search = new OmniboxSearch(db);
    expect((await search.quickSearch('zebrafish', 6)).map((paper) => paper.title)).toEqual(['Zebrafish Activity Maps']);
    expect(await search.quickSearch('paper number', 6)).toHaveLength(6);
  });

  it('the quick search reads the recent papers once: later keystrokes match in memory, and a paper written meanwhile is found', async () => {
    const records = seenPapers(QUICK_SCAN + 100, (at) => (at === 1_200 ? 'Zebrafish Activity Maps' : `Paper number ${at}`));
    await db.papers.bulkPut(records);
    const search = new OmniboxSearch(db);
    const queries = vi.spyOn(db.papers, 'orderBy');
    const pages = vi.spyOn(db.papers, 'bulkGet');
    expect(await search.quickSearch('z', 6)).toHaveLength(1);
    // The rest of the recent papers is read after the answer, a page at a time: the first page and the
    // recent ids from the lastSeenAt index, then the other pages by key.
    await vi.waitFor(() => expect(pages).toHaveBeenCalledTimes(Math.ceil((QUICK_SCAN - 50) / 250)));
    expect(queries).toHaveBeenCalledTimes(2);
    queries.mockClear();
    pages.mockClear();
    for (const typed of ['ze', 'zeb', 'zebra', 'zebrafish a']) {
      expect((await search.quickSearch(typed, 6)).map((paper) => paper.title)).toEqual(['Zebrafish Activity Maps']);
    }
    expect(queries).not.toHaveBeenCalled();
    expect(pages).not.toHaveBeenCalled();
    // A capture changes the library: the next keystroke reads it again and finds the new paper.
    await recordCapture(db, { listing, papers: [{ id: '2403.10009', title: 'Zebrafish Connectomes', links: {} }], problems: [] }, T0 + 5_000);
    expect((await search.quickSearch('zebrafish', 6))[0]?.title).toBe('Zebrafish Connectomes');
    await vi.waitFor(async () => expect((await search.quickSearch('zebrafish', 6)).map((paper) => paper.title)).toEqual(['Zebrafish Connectomes', 'Zebrafish Activity Maps']));
  });

  it('entering the keyword starts reading the recent papers: the keystrokes after find them in memory', async () => {
    const records = seenPapers(QUICK_SCAN + 100, (at) => (at === 1_400 ? 'Zebrafish Activity Maps' : `Paper number ${at}`));
    await db.papers.bulkPut(records);
    const search = new OmniboxSearch(db);
    const queries = vi.spyOn(db.papers, 'orderBy');
    const pages = vi.spyOn(db.papers, 'bulkGet');
    search.prefetch();
    await vi.waitFor(() => expect(pages).toHaveBeenCalledTimes(Math.ceil((QUICK_SCAN - 50) / 250)));
    queries.mockClear();
    pages.mockClear();
    expect((await search.quickSearch('zebra', 6)).map((paper) => paper.title)).toEqual(['Zebrafish Activity Maps']);
    expect(queries).not.toHaveBeenCalled();
    expect(pages).not.toHaveBeenCalled();
  });

  it('a paper gone between reading the recent ids and its page leaves no gap or repeat in what is read next', async () => {
    const records = seenPapers(600, (at) => (at === 299 ? 'Zebrafish Activity Maps' : `Paper number ${at}`));
    await db.papers.bulkPut(records);
    const search = new OmniboxSearch(db);
    // The first page read by key (papers 50-299) finds its first paper gone, as after a delete the worker
    // was not told of.
    const bulkGet = db.papers.bulkGet.bind(db.papers);
    let pages = 0;
    let gone: string | undefined;
    vi.spyOn(db.papers, 'bulkGet').mockImplementation((async (keys: string[]) => {
      const rows = await bulkGet(keys);
      if (pages++ > 0) return rows;
      gone = keys[0];
      return [undefined, ...rows.slice(1)];
    }) as typeof db.papers.bulkGet);
    search.prefetch();
    await vi.waitFor(() => expect(pages).toBe(3));
    await vi.waitFor(async () => expect(await search.quickSearch('paper number', 1_000)).toHaveLength(598));
    // Every paper once, newest first: the one gone is skipped, none is read twice.
    const ids = (await search.quickSearch('paper number', 1_000)).map((paper) => paper.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(records.filter((record, at) => record.id !== gone && at !== 299).map((record) => record.id));
    expect((await search.quickSearch('zebrafish', 6)).map((paper) => paper.id)).toEqual(['2404.10299']);
  });

  it('a keystroke with matches does not wait for a slow read: it answers with the newest, and the next one has them all', async () => {
    const records = seenPapers(600, (at) => (at === 10 || at === 400 ? `Zebrafish study ${at}` : `Paper number ${at}`));
    await db.papers.bulkPut(records);
    const search = new OmniboxSearch(db);
    // Every page after the first (50 papers, read by key) takes far longer than a keystroke may wait.
    const bulkGet = db.papers.bulkGet.bind(db.papers);
    vi.spyOn(db.papers, 'bulkGet').mockImplementation((async (keys: string[]) => {
      const rows = await bulkGet(keys);
      await new Promise((resolve) => setTimeout(resolve, 20 * QUICK_WAIT_MS));
      return rows;
    }) as typeof db.papers.bulkGet);
    expect((await search.quickSearch('zebrafish', 6)).map((paper) => paper.title)).toEqual(['Zebrafish study 10']);
    await vi.waitFor(async () => expect((await search.quickSearch('zebrafish', 6)).map((paper) => paper.title)).toEqual(['Zebrafish study 10', 'Zebrafish study 400']), { timeout: 5_000 });
  });

  it('with the index: typos and ranking, and papers written since it loaded', async () => {
    const search = new OmniboxSearch(db);
    await search.warm();
    expect(search.ready).toBe(true);
    expect((await search.search('koopmann difusion')).map((paper) => paper.id)[0]).toBe('2403.10002');
    await recordCapture(db, { listing, papers: [{ id: '2403.10009', title: 'Tropical Geometry of Routing', links: {} }], problems: [] }, T0 + 1000);
    expect((await search.search('tropical')).map((paper) => paper.id)).toEqual(['2403.10009']);
  });

  it('with the index, a suggestion of a paper with many authors says how many more', async () => {
    await recordCapture(db, { listing, papers: [{ id: '2403.10010', title: 'Crowded Author Lists', authors: ['A One', 'B Two', 'C Three', 'D Four', 'E Five'], links: {} }], problems: [] }, T0 + 1000);
    const search = new OmniboxSearch(db);
    await search.warm();
    const answer = await omniboxSuggestions(search, 'crowded author', false);
    expect(answer.suggestions).toEqual([{ content: '2403.10010', description: 'Crowded Author Lists — A One, B Two, C Three +2 · 2403.10010' }]);
  });

  it('with the index, typing reads nothing from the library; a write it was not told of is found after the recheck interval', async () => {
    const search = new OmniboxSearch(db, { recheckAfterMs: 200 });
    await search.warm();
    const reads = [vi.spyOn(db.papers, 'where'), vi.spyOn(db.papers, 'bulkGet'), vi.spyOn(db.papers, 'get')];
    for (const typed of ['k', 'ko', 'koop', 'koopman']) expect((await search.search(typed)).map((paper) => paper.id)).toEqual(['2403.10002']);
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    // Another context's plain IndexedDB connection: no Dexie signal reaches this one.
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(db.name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const known = (await db.papers.get('2403.10002'))!;
    const record = { ...known, id: '2403.10011', title: 'Koopman Spectra of Hidden Writes', updatedAt: known.updatedAt + 1 };
    await new Promise<void>((resolve, reject) => {
      const tx = raw.transaction('papers', 'readwrite');
      tx.objectStore('papers').put(record);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    raw.close();
    expect((await search.search('koopman spectra')).map((paper) => paper.id)).not.toContain('2403.10011');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await search.search('koopman spectra')).map((paper) => paper.id)[0]).toBe('2403.10011');
  });

  it('the worker stores the index it had to build, so the next start restores it', async () => {
    const search = new OmniboxSearch(db);
    await search.warm();
    await vi.waitFor(async () => expect(await db.searchIndex.get('words')).toBeDefined());
    const restored = await LibraryIndex.open(db);
    expect(restored.size).toBe(3);
  });

  it('suggestions carry the id as content, and say what Enter does', async () => {
    const search = new OmniboxSearch(db);
    await search.warm();
    const answer = await omniboxSuggestions(search, 'sheaf', true);
    expect(answer.suggestions).toEqual([{ content: '2403.10001', description: 'Sheaf Neural Networks &amp; &lt;Heterophilic&gt; Graphs <dim>— Farid Ahmadi, Jörg Müller · 2403.10001</dim>' }]);
    expect(answer.defaultDescription).toBe('Open “Sheaf Neural Networks &amp; &lt;Heterophilic&gt; Graphs”, the best match in Paperdex for <match>sheaf</match>');
    expect((await omniboxSuggestions(search, 'qqqq <zzzz>', true)).defaultDescription).toBe('No paper in your Paperdex library matches <match>qqqq &lt;zzzz&gt;</match>');
    expect((await omniboxSuggestions(search, '2501.00001', false))).toEqual({ suggestions: [], defaultDescription: 'Open https://arxiv.org/abs/2501.00001' });
  });

  it.each([
    ['2403.10001', 'https://huggingface.co/papers/2403.10001'],
    ['2403.10002', 'https://arxiv.org/abs/2403.10002'],
    ['2403.10003', 'https://arxiv.org/abs/2403.10003'], // its javascript: link is never opened
    ['2501.00001', 'https://arxiv.org/abs/2501.00001'], // not in the library: arXiv
    ['https://huggingface.co/papers/2403.10002', 'https://huggingface.co/papers/2403.10002'],
    ['arxiv.org/pdf/2403.10001v3.pdf', 'https://huggingface.co/papers/2403.10001'],
    ['koopman', 'https://arxiv.org/abs/2403.10002'], // words: the best match
    ['quantum chromodynamics', undefined],
  ])('Enter on %j opens %s', async (text, url) => {
    const search = new OmniboxSearch(db);
    await search.warm();
    expect(await omniboxTarget(search, text)).toBe(url);
  });

  it('a paper saved by id (no title yet) is found by its id', async () => {
    await saveById(db, [{ id: '2501.00042' }], T0);
    const search = new OmniboxSearch(db);
    await search.warm();
    const answer = await omniboxSuggestions(search, 'arXiv:2501.00042', false);
    expect(answer.suggestions).toEqual([{ content: '2501.00042', description: 'arXiv 2501.00042 — 2501.00042' }]);
  });
});

describe('opening a paper', () => {
  it.each([
    ['currentTab', 'update', undefined],
    ['newForegroundTab', 'create', true],
    ['newBackgroundTab', 'create', false],
  ] as const)('%s', async (disposition, method, active) => {
    const api = tabs();
    await openInTab(api, 'https://arxiv.org/abs/2403.10001', disposition);
    expect(api[method]).toHaveBeenCalledWith(active === undefined ? { url: 'https://arxiv.org/abs/2403.10001' } : { url: 'https://arxiv.org/abs/2403.10001', active });
  });
});

/** A library where one paper is older than the `QUICK_SCAN` most recently seen ones. */
async function libraryWithAnOldPaper(): Promise<void> {
  await db.papers.bulkPut(
    seenPapers(QUICK_SCAN + 20, (at) => (at === QUICK_SCAN + 10 ? 'Zebrafish Activity Maps' : `Paper number ${at}`), T0 + 10_000),
  );
}

/** `registerOmnibox` on a fake omnibox: its listeners, and what it told the address bar. */
function registered() {
  const listeners: Record<string, (...args: never[]) => void> = {};
  const event = (name: string) => ({ addListener: (listener: (...args: never[]) => void) => void (listeners[name] = listener) });
  const setDefaultSuggestion = vi.fn();
  const api = tabs();
  const browserApi = {
    ...fakeBrowser,
    omnibox: { onInputStarted: event('started'), onInputChanged: event('changed'), onInputEntered: event('entered'), onInputCancelled: event('cancelled'), setDefaultSuggestion },
    tabs: api,
  } as unknown as typeof fakeBrowser;
  const search = registerOmnibox(db, browserApi, true)!;
  return {
    search,
    api,
    setDefaultSuggestion,
    start: listeners.started as () => void,
    change: listeners.changed as unknown as (text: string, suggest: (s: unknown) => void) => void,
    enter: listeners.entered as unknown as (text: string, disposition: string) => void,
    cancel: listeners.cancelled as () => void,
  };
}

describe('registerOmnibox', () => {
  /** In a just-started worker, the keyword and then the word only the old paper has, answered once. */
  async function typeTheOldPapersWord() {
    await libraryWithAnOldPaper();
    const omnibox = registered();
    omnibox.start();
    const suggest = vi.fn();
    omnibox.change('zebrafish', suggest);
    await vi.waitFor(() => expect(suggest).toHaveBeenCalledTimes(1));
    return { omnibox, suggest };
  }

  it('a paper older than the recent ones: not "no match" at first, then suggested once the index is in', async () => {
    const { omnibox, suggest } = await typeTheOldPapersWord();
    expect(omnibox.search.ready).toBe(false);
    expect(suggest.mock.calls[0]![0]).toEqual([]);
    expect(omnibox.setDefaultSuggestion).toHaveBeenLastCalledWith({ description: 'Looking through your whole Paperdex library for <match>zebrafish</match>…' });
    // Typing paused: the index comes in and the same text is answered again, from the whole library.
    await vi.waitFor(() => expect(suggest).toHaveBeenCalledTimes(2), { timeout: 5_000 });
    expect(suggest.mock.calls[1]![0]).toEqual([expect.objectContaining({ content: `2404.${10000 + QUICK_SCAN + 10}` })]);
    // Chrome keeps the first list given for a keystroke but shows this line as it changes: it names the paper.
    expect(omnibox.setDefaultSuggestion).toHaveBeenLastCalledWith({ description: 'Open “Zebrafish Activity Maps”, the best match in Paperdex for <match>zebrafish</match>' });
  });

  it('an input that ended before the index came in is not answered again', async () => {
    const { omnibox, suggest } = await typeTheOldPapersWord();
    omnibox.cancel();
    await vi.waitFor(() => expect(omnibox.search.ready).toBe(true), { timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(suggest).toHaveBeenCalledTimes(1);
  });

  it('Enter before the index is in, on words only an older paper has, opens that paper', async () => {
    await libraryWithAnOldPaper();
    const omnibox = registered();
    omnibox.start();
    omnibox.enter('zebrafish activity', 'currentTab');
    await vi.waitFor(() => expect(omnibox.api.update).toHaveBeenCalledWith({ url: `https://huggingface.co/papers/2404.${10000 + QUICK_SCAN + 10}` }), { timeout: 5_000 });
  });

  it('answers the latest keystroke and opens the chosen paper', async () => {
    const { api, setDefaultSuggestion, ...listeners } = registered();
    listeners.start();
    const suggest = vi.fn();
    listeners.change('koop', suggest);
    listeners.change('sheaf', suggest);
    await vi.waitFor(() => expect(suggest).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(suggest).toHaveBeenCalledTimes(1);
    expect(suggest.mock.calls[0]![0]).toEqual([expect.objectContaining({ content: '2403.10001' })]);
    expect(setDefaultSuggestion).toHaveBeenCalledWith({ description: 'Open “Sheaf Neural Networks &amp; &lt;Heterophilic&gt; Graphs”, the best match in Paperdex for <match>sheaf</match>' });
    listeners.enter('2403.10002', 'newBackgroundTab');
    await vi.waitFor(() => expect(api.create).toHaveBeenCalledWith({ url: 'https://arxiv.org/abs/2403.10002', active: false }));
    await vi.waitFor(async () => expect(await db.searchIndex.get('words')).toBeDefined());
  });
});
