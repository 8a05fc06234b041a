/**
 * The library page's App in happy-dom over a fake-indexeddb library: the table is windowed, selection
 * follows click / Shift / Ctrl, bulk actions and delete + undo write the library, the seen-date range
 * filters, export gets the selection and shows its progress, import errors are shown in an alert, and
 * page text stays text.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryIO } from '@/components/library-page/actions';
import { App } from '@/entrypoints/library/App';
import { queueCapture } from '@/utils/capture/record-capture';
import { PaperdexDB } from '@/utils/library/schema';
import { keepNoteDraft } from '@/utils/library/drafts/note-drafts';
import { keepTagDraft } from '@/utils/library/drafts/tag-drafts';
import type { PaperRecord } from '@/utils/paper/record';
import { dayKey, placeLabel } from '@/utils/ui/shared/seen-time';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { failWritesAsOnAFullDisk } from '../../support/full-disk';
import { isolating } from '../../support/isolated';
import { DAY, paper, T0 } from '../../support/paper-records';
import { writtenElsewhere } from '../../support/change-contract';

const SIZE = 300;
const id = (at: number) => `2401.${String(at).padStart(5, '0')}`;

let db: PaperdexDB;
let root: HTMLElement;
let io: { exportLibrary: ReturnType<typeof vi.fn<LibraryIO['exportLibrary']>>; importLibraryFile: ReturnType<typeof vi.fn<LibraryIO['importLibraryFile']>> };

beforeEach(async () => {
  db = new PaperdexDB(`app-${Math.random()}`);
  // Newest first by id order reversed: paper 299 was seen last.
  await db.papers.bulkPut(
    Array.from({ length: SIZE }, (_, at) =>
      paper(id(at), { title: at === 7 ? '<img src=x onerror=alert(1)> Seven' : `Paper number ${at}`, lastSeenAt: T0 + at * DAY, updatedAt: T0 + at }),
    ),
  );
  root = document.createElement('div');
  document.body.append(root);
  io = {
    exportLibrary: vi.fn<LibraryIO['exportLibrary']>(async (_db, options) => ({ blob: new Blob(['x']), fileName: 'paperdex-selection.json', count: options.ids?.length ?? SIZE })),
    importLibraryFile: vi.fn<LibraryIO['importLibraryFile']>(async () => ({ ok: false, error: 'line 3: not a paper id' })),
  };
  URL.createObjectURL = vi.fn(() => 'blob:fake');
  URL.revokeObjectURL = vi.fn();
});
afterEach(async () => {
  vi.useRealTimers();
  localStorage.clear();
  await act(() => render(null, root));
  root.remove();
  db.close();
  await db.delete();
});

async function until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; DOM: ${root.innerHTML.slice(0, 800)}`);
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
}

const rows = () => [...root.querySelectorAll<HTMLElement>('.rows [role="row"]')];
const status = () => root.querySelector('.toolbar [role="status"]')?.textContent;
const button = (name: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === name);
const click = (element: Element, init: MouseEventInit = {}) => act(() => void element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init })));

async function mount(): Promise<void> {
  await act(() => render(<App db={db} io={io} />, root));
  await until(() => status() === `${SIZE} papers`, 'the whole library');
}

describe('library App', () => {
  it('renders only the rows in view, newest first, with page text as text', async () => {
    await mount();
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().length).toBeLessThan(40);
    expect(rows()[0]!.dataset.id).toBe(id(SIZE - 1));
    expect(root.querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).toBe(String(SIZE + 1));
    // Sort by title, A→Z: the hostile title sorts first ("<") and is shown as text.
    await click(root.querySelector('button[title="Sort by title"]')!);
    await until(() => rows()[0]?.dataset.id === id(7), 'title order');
    expect(rows()[0]!.querySelector('.title')!.textContent).toBe('<img src=x onerror=alert(1)> Seven');
    expect(root.querySelector('img')).toBeNull();
  });

  it('selects with click, Shift and Ctrl, tags the selection, deletes it and undoes that', async () => {
    await mount();
    const [a, , , d, e] = rows();
    await click(a!);
    await click(d!, { shiftKey: true });
    await click(e!, { ctrlKey: true });
    await until(() => root.textContent?.includes('5 papers selected'), 'the selection');
    const chosen = [SIZE - 1, SIZE - 2, SIZE - 3, SIZE - 4, SIZE - 5].map(id);

    const tag = root.querySelector<HTMLInputElement>('input[aria-label="Tag for the selected papers"]')!;
    tag.value = 'Reading Group';
    await act(() => void tag.dispatchEvent(new Event('input', { bubbles: true })));
    await act(() => void tag.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await until(() => root.textContent?.includes('Tag: 5 papers changed.'), 'the tag notice');
    expect((await db.papers.where('tags').equals('reading-group').primaryKeys()).sort()).toEqual([...chosen].sort());
    await until(() => root.querySelector('.tag-list')?.textContent?.includes('#reading-group5'), 'the tag in the sidebar');

    // The bulk bar's export takes the selection, and says so.
    await click(button('Export 5 selected')!);
    await until(() => io.exportLibrary.mock.calls.length === 1, 'the export');
    expect([...(io.exportLibrary.mock.calls[0]![1].ids ?? [])].sort()).toEqual([...chosen].sort());
    // With every paper of the library, so a selection's BibTeX keys are those of a whole export.
    const context = [...io.exportLibrary.mock.calls[0]![1].citationContext!()];
    expect(context).toHaveLength(SIZE);
    expect(context.find((paper) => paper.id === id(7))).toEqual({ id: id(7), title: '<img src=x onerror=alert(1)> Seven', firstAuthor: 'Ada Lovelace' });

    const before = await db.papers.bulkGet(chosen);
    await click(button('Delete')!);
    await until(() => status() === `${SIZE - 5} papers`, 'the delete');
    expect(await db.papers.bulkGet(chosen)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(await db.removedPapers.count()).toBe(5);
    await click(button('Undo')!);
    await until(() => status() === `${SIZE} papers`, 'the undo');
    const after = await db.papers.bulkGet(chosen);
    expect(after.map((p) => ({ ...p, updatedAt: 0 }))).toEqual(before.map((p) => ({ ...p, updatedAt: 0 })));
  });

  it('opening a paper is not selecting it: no bulk bar, and the library export still takes every paper', async () => {
    await mount();
    await click(rows()[1]!);
    await until(() => root.querySelector('.detail h2')?.textContent === `Paper number ${SIZE - 2}`, 'the paper view');
    expect(root.querySelector('[role="toolbar"][aria-label="Selected papers"]')).toBeNull();
    expect(rows().filter((row) => row.getAttribute('aria-selected') === 'true')).toEqual([]);
    expect(rows()[1]!.classList.contains('active')).toBe(true);
    await click(button(`Export library (${SIZE})`)!);
    await until(() => io.exportLibrary.mock.calls.length === 1, 'the export');
    expect(io.exportLibrary.mock.calls[0]![1].ids).toBeUndefined();
    await until(() => root.querySelector('.data .success')?.textContent === `Exported the library (${SIZE} papers) to paperdex-selection.json.`, 'the outcome');
    // A Ctrl-click selects (and the paper view follows the row clicked); the bulk bar exports that.
    await click(rows()[3]!, { ctrlKey: true });
    await until(() => root.textContent?.includes('1 paper selected'), 'the selection');
    await until(() => root.querySelector('.detail h2')?.textContent === `Paper number ${SIZE - 4}`, 'the paper view following');
    expect(button(`Export library (${SIZE})`)).toBeDefined();
    await click(button('Export 1 selected')!);
    await until(() => io.exportLibrary.mock.calls.length === 2, 'the second export');
    expect(io.exportLibrary.mock.calls[1]![1].ids).toEqual([id(SIZE - 4)]);
  });

  it('one current row: arrows move it, the open paper view follows it, the selection stays apart', async () => {
    await mount();
    const grid = root.querySelector<HTMLElement>('[role="grid"]')!;
    const key = (name: string) => act(() => void grid.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true })));
    await click(rows()[0]!);
    await until(() => root.querySelector('.detail h2')?.textContent === `Paper number ${SIZE - 1}`, 'the paper view');
    await key('x');
    await key('ArrowDown');
    await key('ArrowDown');
    await until(() => root.querySelector('.detail h2')?.textContent === `Paper number ${SIZE - 3}`, 'the paper view following');
    expect(rows().filter((row) => row.classList.contains('active')).map((row) => row.dataset.id)).toEqual([id(SIZE - 3)]);
    expect(grid.getAttribute('aria-activedescendant')).toBe(`paper-row-${id(SIZE - 3)}`);
    expect(rows().filter((row) => row.getAttribute('aria-selected') === 'true').map((row) => row.dataset.id)).toEqual([id(SIZE - 1)]);
  });

  it('filters by status and shows the paper view with its note', async () => {
    await db.papers.update(id(10), { savedAt: T0 });
    await db.papers.update(id(20), { savedAt: T0 });
    await mount();
    await click([...root.querySelectorAll('[aria-label="Status"] button')].find((b) => b.textContent === 'Saved')!);
    await until(() => status() === `2 papers of ${SIZE}`, 'the saved filter');
    expect(rows().map((row) => row.dataset.id)).toEqual([id(20), id(10)]);
    await click(rows()[0]!);
    const note = await until(() => root.querySelector<HTMLTextAreaElement>('#paper-note'), 'the paper view');
    expect(root.querySelector('.detail .abstract')!.textContent).toBe(`Abstract of ${id(20)}.`);
    note.value = 'Read before Friday';
    await act(() => void note.dispatchEvent(new Event('input', { bubbles: true })));
    await act(() => void note.dispatchEvent(new FocusEvent('blur')));
    await until(async () => true, 'a tick');
    await vi.waitFor(async () => expect((await db.papers.get(id(20)))!.note).toBe('Read before Friday'));
  });

  it('a note typed just before the tab is hidden or closed is stored at once, not after the typing pause', async () => {
    await mount();
    await click(rows()[0]!);
    const note = await until(() => root.querySelector<HTMLTextAreaElement>('#paper-note'), 'the paper view');
    // No timer fires from here on: only the page's own events can store the note.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const stored = async (expected: string) => {
      for (let turn = 0; turn < 500 && (await db.papers.get(id(SIZE - 1)))?.note !== expected; turn++) await new Promise((resolve) => setImmediate(resolve));
      return (await db.papers.get(id(SIZE - 1)))?.note;
    };
    const type = (text: string) => act(() => {
      note.value = text;
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });

    await type('Closing the tab right now');
    window.dispatchEvent(new Event('pagehide'));
    expect(await stored('Closing the tab right now')).toBe('Closing the tab right now');

    await type('Switching to another tab');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      expect(await stored('Switching to another tab')).toBe('Switching to another tab');
    } finally {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    }
    // Stored, so no draft is left behind for the next page to recover.
    expect(Object.keys(localStorage).filter((key) => key.startsWith('paperdex:note-draft:'))).toEqual([]);
  });

  it('a note typed on a page that closed before storing it is saved when the library opens, and a newer note is not overwritten', async () => {
    await db.papers.update(id(5), { note: 'Old note' });
    await db.papers.update(id(6), { note: 'Old note' });
    await db.papers.update(id(8), { note: 'Already saved' });
    // What a closed page's paper view left (the same function keeps it at each keystroke).
    keepNoteDraft({ id: id(5), text: 'Old note, and what I typed as the tab closed', base: 'Old note' });
    keepNoteDraft({ id: id(8), text: 'Already saved', base: '' });
    await mount();
    await until(() => root.textContent?.includes('Saved the note you were typing on “Paper number 5” when the library page closed.'), 'the recovery notice');
    expect((await db.papers.get(id(5)))!.note).toBe('Old note, and what I typed as the tab closed');
    expect((await db.papers.get(id(8)))!.note).toBe('Already saved');
    expect(Object.keys(localStorage).filter((key) => key.startsWith('paperdex:note-draft:'))).toEqual([]);
    await act(() => render(null, root));

    // The note was changed elsewhere after the typing began: both texts are kept, and the page says so.
    keepNoteDraft({ id: id(6), text: 'Typed on the closed page', base: 'Old note' });
    await db.papers.update(id(6), { note: 'Changed in another tab' });
    await mount();
    await until(() => root.textContent?.includes('The note on “Paper number 6” changed after you typed in it on a page that closed: both texts are kept in the note.'), 'the notice');
    expect((await db.papers.get(id(6)))!.note).toBe('Changed in another tab\n\nTyped on the closed page');
  });

  it('captures a stopped worker left queued are in the library as soon as the page opens', async () => {
    const listing = { site: 'hf' as const, kind: 'daily' as const, label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11' };
    await queueCapture(db, { listing, papers: [{ id: '2501.00001', title: 'Queued and never merged', links: {} }], problems: [] });
    // No background answers here: the page merges them itself.
    await act(() => render(<App db={db} io={io} />, root));
    await until(() => status() === `${SIZE + 1} papers`, 'the queued paper');
    expect(await db.papers.get('2501.00001')).toMatchObject({ title: 'Queued and never merged' });
    expect(await db.pendingCaptures.count()).toBe(0);
  });

  it('a tag typed on a page that closed before adding it is added when the library opens, and said so', async () => {
    keepTagDraft(id(9), 'Reading Group');
    await mount();
    await until(() => root.textContent?.includes('Added #reading-group to “Paper number 9”: you had typed it when a Paperdex page closed.'), 'the notice');
    expect((await db.papers.get(id(9)))!.tags).toEqual(['reading-group']);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('paperdex:tag-draft:'))).toEqual([]);
  });

  it('shows page text isolated in the table, the paper view and the tag list (direction controls stored by an older version reorder nothing around them)', async () => {
    const title = 'Invoice \u202egnp.exe';
    const label = 'Daily \u202e2026-03-11';
    await db.papers.put(
      paper('2501.00002', {
        title,
        authors: ['\u202eEve Mallory'],
        abstract: 'An \u202eabstract',
        tags: ['قراءة'],
        seenOn: [{ site: 'hf', kind: 'daily', label, url: 'https://huggingface.co/papers/date/2026-03-11', lastAt: T0, count: 1 }],
        lastSeenAt: T0 + 999 * DAY,
        updatedAt: T0 + 10_000,
      }),
    );
    await act(() => render(<App db={db} io={io} />, root));
    const row = await until(() => rows().find((element) => element.dataset.id === '2501.00002'), 'the row');
    expect(isolating(row, title)).toBeDefined();
    expect(isolating(row, '\u202eEve Mallory')).toBeDefined();
    expect(isolating(row, '#قراءة')).toBeDefined();
    expect(isolating(root.querySelector('.tag-list')!, 'قراءة')).toBeDefined();
    await click(row);
    const detail = await until(() => root.querySelector('.detail h2') && root.querySelector('.detail'), 'the paper view');
    expect(isolating(detail.querySelector('h2')!, title)).toBeDefined();
    // The label as shown (its date in Paperdex's format), still isolated.
    for (const text of ['\u202eEve Mallory', 'An \u202eabstract', 'قراءة', placeLabel(label)]) expect(isolating(detail, text), text).toBeDefined();
  });

  it('keys: arrows move, Space selects, Enter opens the paper, Esc clears the selection', async () => {
    await mount();
    const grid = root.querySelector<HTMLElement>('[role="grid"]')!;
    const key = (name: string, init: KeyboardEventInit = {}) =>
      act(() => void grid.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...init })));
    await key('ArrowDown');
    await key('ArrowDown');
    expect(grid.getAttribute('aria-activedescendant')).toBe(`paper-row-${id(SIZE - 2)}`);
    await key(' ');
    await key('ArrowDown');
    await key(' ');
    await until(() => root.textContent?.includes('2 papers selected'), 'two selected');
    await key('Enter');
    await until(() => root.querySelector('.detail h2')?.textContent === `Paper number ${SIZE - 3}`, 'the paper view');
    await key('Escape');
    await until(() => !root.querySelector('[role="toolbar"][aria-label="Selected papers"]'), 'no selection');
    await key('a', { ctrlKey: true });
    await until(() => root.textContent?.includes(`${SIZE} papers selected`), 'all selected');
  });

  it('stays live: papers written elsewhere appear, change and go without a reload', async () => {
    await mount();
    await writtenElsewhere(db, ['2501.00001'], () => db.papers.put(paper('2501.00001', { title: 'Captured in another tab', lastSeenAt: T0 + 999 * DAY, updatedAt: T0 + 10_000 })));
    await until(() => status() === `${SIZE + 1} papers` && rows()[0]?.dataset.id === '2501.00001', 'the new paper on top');
    await writtenElsewhere(db, [id(SIZE - 1)], () => db.papers.update(id(SIZE - 1), { tags: ['from-popup'], updatedAt: T0 + 10_001 }));
    await until(() => root.querySelector('.tag-list')?.textContent?.includes('#from-popup1'), 'the tag from elsewhere');
    await writtenElsewhere(db, ['2501.00001'], async () => {
      await db.papers.delete('2501.00001');
      await db.removedPapers.put({ id: '2501.00001', at: T0 + 10_002 });
    });
    await until(() => status() === `${SIZE} papers` && rows()[0]?.dataset.id === id(SIZE - 1), 'the deleted paper gone');
  });

  it("searches the page's own rows, and a paper written elsewhere after a search is found by the next", async () => {
    await mount();
    const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    const type = (text: string) =>
      act(() => {
        search.focus();
        search.value = text;
        search.dispatchEvent(new Event('input', { bubbles: true }));
      });
    await type('number 123');
    await until(() => rows()[0]?.dataset.id === id(123), 'the hit for "number 123"');
    await writtenElsewhere(db, ['2501.00002'], () => db.papers.put(paper('2501.00002', { title: 'Zeolite catalysts in another tab', lastSeenAt: T0 + 999 * DAY, updatedAt: T0 + 10_000 })));
    await until(() => status() === '0 matches' || status()?.endsWith('matches'), 'the search still shown');
    await type('zeolite');
    await until(() => rows().length === 1 && rows()[0]?.dataset.id === '2501.00002', 'the paper written after the first search');
  });

  it('"Select all matching" during a search takes every match, not only the best 200 listed', async () => {
    await mount();
    const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    await act(() => {
      search.focus();
      search.value = 'number';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    // Every paper but the hostile-titled one is "Paper number N".
    await until(() => status() === `${SIZE - 1} matches, best 200 shown`, 'the search status');
    await click(button(`Select all ${SIZE - 1} matching`)!);
    await until(() => root.textContent?.includes(`${SIZE - 1} papers selected`), 'the selection');

    const tag = root.querySelector<HTMLInputElement>('input[aria-label="Tag for the selected papers"]')!;
    tag.value = 'numbered';
    await act(() => void tag.dispatchEvent(new Event('input', { bubbles: true })));
    await act(() => void tag.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await until(() => root.textContent?.includes(`Tag: ${SIZE - 1} papers changed.`), 'the tag notice');
    const tagged = await db.papers.where('tags').equals('numbered').primaryKeys();
    expect(tagged).toHaveLength(SIZE - 1);
    expect(tagged).not.toContain(id(7));
  });

  it('a failed import is shown in an alert', async () => {
    await mount();
    const input = root.querySelector<HTMLInputElement>('input[type="file"][aria-label="Import"]')!;
    const file = new File(['2401.00001\nnot an id'], 'ids.txt', { type: 'text/plain' });
    Object.defineProperty(input, 'files', { value: [file] });
    await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    const alert = await until(() => root.querySelector('[role="alert"]'), 'the alert');
    expect(alert.textContent).toBe('ids.txt was not imported: line 3: not a paper id. Your library is unchanged.');
  });

  it('an import shows its progress while it runs, then what it did', async () => {
    let finish!: () => void;
    io.importLibraryFile.mockImplementation(async (_db, _file, options) => {
      options?.onProgress?.(0, 0, 'reading');
      options?.onProgress?.(12_500, 50_000, 'writing');
      await new Promise<void>((resolve) => (finish = resolve));
      return { ok: true, kind: 'paperdex-json', added: 50_000, updated: 0, unchanged: 0 };
    });
    await mount();
    const input = root.querySelector<HTMLInputElement>('input[type="file"][aria-label="Import"]')!;
    Object.defineProperty(input, 'files', { value: [new File(['{}'], 'big.json', { type: 'application/json' })] });
    await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    const progress = await until(() => root.querySelector<HTMLElement>('.progress'), 'the progress');
    expect(progress.textContent).toBe('Importing big.json… 12,500 / 50,000');
    expect(progress.querySelector('progress')!.value).toBe(12_500);
    expect(input.disabled).toBe(true);
    await act(() => finish());
    await until(() => root.querySelector('.success'), 'the outcome');
    expect(root.querySelector('.progress')).toBeNull();
    expect(root.querySelector('.success')!.textContent).toMatch(/50,000 added/);
    expect(input.disabled).toBe(false);
  });
});

// The tests below get 15 s: a 5 s wait that runs out then says what it waited for, not just that the test timed out.
const ROOM = { timeout: 15_000 };

describe('library App: bulk bar undoing marks', () => {
  // The six newest papers are saved, read and tagged; the top three get selected and the next three
  // not, so a change that leaks past the selection (or misses part of it) shows.
  const marked = Array.from({ length: 6 }, (_, at) => id(SIZE - 1 - at));
  const chosen = marked.slice(0, 3);

  const row = (paperId: string) => root.querySelector<HTMLElement>(`.rows [role="row"][data-id="${paperId}"]`)!;
  /** What a row shows of a paper's marks: the ★ and ✓ flags and the tag chips. */
  const marks = (paperId: string) => ({
    saved: row(paperId).querySelector('.flag.saved') !== null,
    read: row(paperId).querySelector('.flag.read') !== null,
    tags: row(paperId).querySelector('.c-tags')!.textContent,
  });
  const shownMarks = () => marked.map(marks);

  /** Marks the six, opens the page, selects the top three; resolves to the library as it was then. */
  async function selectTopThree(): Promise<PaperRecord[]> {
    for (const paperId of marked) await db.papers.update(paperId, { savedAt: T0, readAt: T0, tags: ['keep', 'other'] });
    await mount();
    await click(rows()[0]!);
    await click(rows()[2]!, { shiftKey: true });
    await until(() => root.textContent?.includes('3 papers selected'), 'the selection');
    expect(shownMarks()).toEqual(marked.map(() => ({ saved: true, read: true, tags: '#keep#other' })));
    return db.papers.toArray();
  }

  /** The selected papers are `change`d (with a later updatedAt); every other paper is exactly as it was. */
  async function expectOnlyChosen(before: PaperRecord[], change: (record: PaperRecord) => PaperRecord): Promise<void> {
    const after = new Map((await db.papers.toArray()).map((record) => [record.id, record]));
    expect(after.size).toBe(before.length);
    for (const record of before) {
      const now = after.get(record.id)!;
      if (!chosen.includes(record.id)) {
        expect(now).toEqual(record);
        continue;
      }
      expect(now.updatedAt).toBeGreaterThan(record.updatedAt);
      expect({ ...now, updatedAt: 0 }).toEqual({ ...change(record), updatedAt: 0 });
    }
  }

  /** The six rows' marks with `changes` on the selected three only. */
  const expectedMarks = (changes: Partial<ReturnType<typeof marks>>) => marked.map((paperId) => ({ saved: true, read: true, tags: '#keep#other', ...(chosen.includes(paperId) ? changes : {}) }));

  it('"Unsave" unsaves exactly the selected papers', ROOM, async () => {
    const before = await selectTopThree();
    await click(button('Unsave')!);
    await until(() => root.textContent?.includes('Unsave: 3 papers changed.'), 'the notice');
    await until(() => JSON.stringify(shownMarks()) === JSON.stringify(expectedMarks({ saved: false })), 'the rows without ★');
    await expectOnlyChosen(before, ({ savedAt: _, ...record }) => record);
  });

  it('"Mark unread" marks exactly the selected papers unread', ROOM, async () => {
    const before = await selectTopThree();
    await click(button('Mark unread')!);
    await until(() => root.textContent?.includes('Mark unread: 3 papers changed.'), 'the notice');
    await until(() => JSON.stringify(shownMarks()) === JSON.stringify(expectedMarks({ read: false })), 'the rows without ✓');
    await expectOnlyChosen(before, ({ readAt: _, ...record }) => record);
  });

  it('"Remove tag…" takes that tag, and only it, off exactly the selected papers', ROOM, async () => {
    const before = await selectTopThree();
    const remove = root.querySelector<HTMLSelectElement>('select[aria-label="Remove a tag from the selected papers"]')!;
    expect([...remove.options].map((option) => option.textContent)).toEqual(['Remove tag…', '#\u2068keep\u2069', '#\u2068other\u2069']);
    await act(() => {
      remove.value = 'keep';
      remove.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => root.textContent?.includes('Remove #keep: 3 papers changed.'), 'the notice');
    await until(() => JSON.stringify(shownMarks()) === JSON.stringify(expectedMarks({ tags: '#other' })), 'the rows without #keep');
    await expectOnlyChosen(before, (record) => ({ ...record, tags: ['other'] }));
    // The reading list in the sidebar counts the papers still carrying it.
    await until(() => root.querySelector('.tag-list')?.textContent?.includes('#keep3'), 'the #keep count');
  });
});

describe('library App: seen dates', () => {
  const dateInput = (name: string) => [...root.querySelectorAll('label')].find((label) => label.textContent?.trim() === name)!.querySelector('input')!;
  const setDate = (input: HTMLInputElement, value: string) =>
    act(() => {
      input.value = value;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });

  it('"Seen from" / "Seen until" list the papers seen in the range, both days included; clearing them lists all again', ROOM, async () => {
    // Paper N was last seen N days after T0 and first seen at T0; paper 250 was first seen on day 101
    // as well: seen in the range, though last seen after it.
    await db.papers.update(id(250), { firstSeenAt: T0 + 101 * DAY });
    await mount();
    const from = dateInput('Seen from');
    const to = dateInput('Seen until');
    // Days as the date inputs give them (local days, as the page reads them).
    await setDate(from, dayKey(T0 + 100 * DAY));
    await setDate(to, dayKey(T0 + 102 * DAY));
    await until(() => status() === `4 papers of ${SIZE}`, 'the range');
    expect(rows().map((row) => row.dataset.id)).toEqual([id(250), id(102), id(101), id(100)]);
    expect([from.value, to.value]).toEqual([dayKey(T0 + 100 * DAY), dayKey(T0 + 102 * DAY)]);

    // Open at the end: everything seen from day 100 on.
    await setDate(to, '');
    await until(() => status() === `${SIZE - 100} papers of ${SIZE}`, 'the range without its end');
    expect(rows()[0]!.dataset.id).toBe(id(SIZE - 1));

    await setDate(from, '');
    await until(() => status() === `${SIZE} papers`, 'the whole library again');
    expect(root.querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).toBe(String(SIZE + 1));
    expect([from.value, to.value]).toEqual(['', '']);
  });
});

describe('library App: export progress', () => {
  it('an export shows its progress while it runs, then that it is done', ROOM, async () => {
    // The export waits at each gate until the test opens it, so each state can be seen.
    let open!: () => void;
    const gate = () => new Promise<void>((resolve) => (open = resolve));
    io.exportLibrary.mockImplementation(async (_db, options) => {
      await gate();
      options.onProgress?.(120, SIZE);
      await gate();
      return { blob: new Blob(['@misc{}']), fileName: 'paperdex-library-2026-03-11.bib', count: SIZE };
    });
    await mount();
    const format = root.querySelector<HTMLSelectElement>('.data select[aria-label="Export format"]')!;
    format.value = 'bibtex';
    await act(() => void format.dispatchEvent(new Event('change', { bubbles: true })));
    await click(button(`Export library (${SIZE})`)!);
    expect(io.exportLibrary.mock.calls[0]![1]).toMatchObject({ format: 'bibtex' });
    expect(io.exportLibrary.mock.calls[0]![1].ids).toBeUndefined();
    const progress = await until(() => root.querySelector<HTMLElement>('.data .progress[role="status"]'), 'the progress');
    expect(progress.textContent).toBe(`Exporting the library as BibTeX… 0 / ${SIZE}`);
    expect(progress.querySelector('progress')!.max).toBe(SIZE);
    // No second export or import while one runs.
    expect([button(`Export library (${SIZE})`)!.disabled, format.disabled]).toEqual([true, true]);
    expect(root.querySelector<HTMLInputElement>('input[type="file"][aria-label="Import"]')!.disabled).toBe(true);

    await act(() => open());
    await until(() => progress.textContent === `Exporting the library as BibTeX… 120 / ${SIZE}`, 'the progress moving');
    expect(progress.querySelector('progress')!.value).toBe(120);
    expect(root.querySelector('.data .success')).toBeNull();

    await act(() => open());
    const done = await until(() => root.querySelector('.data .success'), 'the outcome');
    expect(done.textContent).toBe(`Exported the library (${SIZE} papers) to paperdex-library-2026-03-11.bib.`);
    expect(root.querySelector('.data .progress')).toBeNull();
    expect(URL.createObjectURL).toHaveBeenCalledTimes(1);
    expect([button(`Export library (${SIZE})`)!.disabled, format.disabled]).toEqual([false, false]);
  });
});

describe('library App: writes the browser refuses (full disk)', () => {
  /** The message shown in `place` (an alert), once there is one. */
  const alertIn = (place: string) => until(() => root.querySelector(`${place} [role="alert"], ${place}[role="alert"]`)?.textContent, `an alert in ${place}`);
  let undo: (() => void) | undefined;
  afterEach(() => undo?.());
  beforeEach(() => fakeBrowser.reset());

  it('a bulk "Mark read" says so in plain words and leaves the library as it was', async () => {
    await mount();
    await click(rows()[0]!);
    await click(rows()[2]!, { shiftKey: true });
    await until(() => root.textContent?.includes('3 papers selected'), 'the selection');
    const before = await db.papers.toArray();
    undo = failWritesAsOnAFullDisk();
    await click(button('Mark read')!);
    expect(await alertIn('.notices')).toBe('Mark read failed: the disk is full. Free some space on it, then try again.');
    undo();
    expect(await db.papers.toArray()).toEqual(before);
  });

  it('in the paper view: a save and a note say so where they were made; the paper stays as it was and the note stays typed', async () => {
    await mount();
    await click(rows()[0]!);
    const note = await until(() => root.querySelector<HTMLTextAreaElement>('#paper-note'), 'the paper view');
    const before = await db.papers.get(id(SIZE - 1));
    undo = failWritesAsOnAFullDisk();
    await click([...root.querySelectorAll('.detail button')].find((b) => b.textContent === '☆ Save')!);
    expect(await alertIn('.detail')).toBe('Not saved: the disk is full. Free some space on it, then try again.');

    note.value = 'Read before Friday';
    await act(() => void note.dispatchEvent(new Event('input', { bubbles: true })));
    await act(() => void note.dispatchEvent(new FocusEvent('blur')));
    await until(() => root.querySelector('.note-state')?.textContent?.startsWith('The note was not saved'), 'the note failure');
    expect(root.querySelector('.note-state')!.textContent).toBe('The note was not saved: the disk is full. Free some space on it, then try again. What you typed is kept on this device and saved when the library opens next.');
    expect(note.value).toBe('Read before Friday');
    undo();
    expect(await db.papers.get(id(SIZE - 1))).toEqual(before);
  });

  it('shows the storage notice as a banner over every view', async () => {
    fakeBrowser.runtime.onMessage.addListener((_message: unknown, _sender: unknown, reply: (response: unknown) => void) => {
      reply({ ok: true, health: { trouble: { reason: 'disk-full', since: T0 } } });
      return true;
    });
    await mount();
    const banner = await until(() => root.querySelector('.storage-notice.banner[role="alert"]'), 'the banner');
    expect(banner.textContent).toMatch(/^Paperdex paused recording: the disk is full\. A write failed for lack of space; nothing was lost\./);
  });
});
