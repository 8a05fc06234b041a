/**
 * The popup's App rendered with Preact in happy-dom over a fake-indexeddb library: what it shows, what
 * its controls and keys write, and that page text stays text.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/entrypoints/popup/App';
import { writeThroughBackground, type WritePaper } from '@/entrypoints/popup/write-paper';
import type { PaperChange } from '@/utils/messaging/messages';
import { handleMessage, type HandleOptions } from '@/utils/messaging/handle-message';
import { PaperdexDB } from '@/utils/library/schema';
import { PlainLibraryDb, NO_LIBRARY, openLibraryConnection } from '@/utils/ui/popup/plain-library-db';
import { deletePapers } from '@/utils/library/bulk-actions';
import { saveById } from '@/utils/library/save-by-id';
import { addTag, setRead, setSaved } from '@/utils/library/user-actions';
import type { PaperRecord } from '@/utils/paper/record';
import { shortAuthors } from '@/utils/ui/shared/authors';
import { parseFirstScreen, firstScreenText } from '@/utils/ui/popup/first-screen';
import { LibraryIndex } from '@/utils/search/library-index';
import { keepTagDraft } from '@/utils/library/drafts/tag-drafts';
import { type ResultRow, toResultRow } from '@/utils/search/result-row-table';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type StorageHealth, StorageHealthMonitor } from '@/utils/library/storage/storage-health';
import { SYNC_SETTINGS_KEY } from '@/utils/library/sync/sync-store';
import { failWritesAsOnAFullDisk } from '../../support/full-disk';
import { paperTitled, seedRecords } from '../../support/seed-library';
import { writtenElsewhere } from '../../support/change-contract';

const HOUSEHOLDER = 'Householder Projector for Unsupervised Latent Semantics Discovery';
const TJEPA = 'T-JEPA: Augmentation-Free Self-Supervised Learning for Tabular Data';
const NOW = Date.now();

/** Seed papers seen over the last few days (most recent first), with links on the T-JEPA paper. */
function library(): PaperRecord[] {
  return seedRecords().map((record, at) => ({
    ...record,
    lastSeenAt: NOW - at * 3 * 3_600_000,
    updatedAt: NOW - at * 3 * 3_600_000,
    seenOn: [{ site: 'hf', kind: 'daily', label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11', lastAt: NOW, count: 1 }],
    links: record.title === TJEPA ? { hf: `https://huggingface.co/papers/${record.id}`, arxiv: `https://arxiv.org/abs/${record.id}`, github: 'javascript:alert(1)' } : {},
  }));
}

/** Stands in for the browser's: the test says when the end of the list comes into view. */
class FakeIntersectionObserver {
  static observers = new Set<FakeIntersectionObserver>();
  private targets: Element[] = [];
  constructor(private readonly callback: (entries: { isIntersecting: boolean; target: Element }[]) => void) {}
  observe(target: Element) {
    this.targets.push(target);
    FakeIntersectionObserver.observers.add(this);
  }
  disconnect() {
    FakeIntersectionObserver.observers.delete(this);
  }
  static scrollToEnd() {
    for (const observer of [...FakeIntersectionObserver.observers]) observer.callback(observer.targets.map((target) => ({ isIntersecting: true, target })));
  }
}

let db: PaperdexDB;
/** The popup's own connection to the same database (Dexie seeds and checks it, as the background would). */
let store: PlainLibraryDb;
let root: HTMLElement;
let openUrl: ReturnType<typeof vi.fn<(url: string, active: boolean) => void>>;

beforeEach(async () => {
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  db = new PaperdexDB(`test-${Math.random()}`);
  await db.open();
  store = new PlainLibraryDb((await openLibraryConnection(db.name))!);
  root = document.createElement('div');
  document.body.append(root);
  openUrl = vi.fn<(url: string, active: boolean) => void>();
});
afterEach(async () => {
  localStorage.clear();
  await act(() => render(null, root));
  root.remove();
  vi.unstubAllGlobals();
  store.close();
  db.close();
  await db.delete();
});

/** The popup's writes go to the background's handler, over the test's database, as from the popup page. */
const POPUP_PAGE = { id: 'paperdex-test', url: 'chrome-extension://paperdex-test/popup.html' };
const throughBackground = (options?: HandleOptions) => writeThroughBackground((message) => handleMessage(db, message, POPUP_PAGE, POPUP_PAGE.id, Date.now(), options));

async function mount(writePaper: WritePaper = throughBackground()): Promise<void> {
  await act(() => render(<App library={store} openIndex={(source) => LibraryIndex.open(source)} openUrl={openUrl} writePaper={writePaper} />, root));
}

async function until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; DOM: ${root.innerHTML.slice(0, 500)}`);
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
}

const $ = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector);
const search = () => $<HTMLInputElement>('input[type="search"][aria-label="Search papers"]')!;
const list = () => $('[role="list"][aria-label="Papers"]');
const items = () => [...root.querySelectorAll<HTMLElement>('[role="listitem"]')];
const titles = () => items().map((item) => item.querySelector('h2')?.textContent);
const itemTitled = (title: string) => items().find((item) => item.querySelector('h2')?.textContent === title);
const filterButton = (label: string) => [...root.querySelectorAll<HTMLButtonElement>('[role="group"][aria-label="Show"] button')].find((button) => button.textContent === label)!;

async function type(query: string): Promise<void> {
  const input = search();
  input.value = query;
  await act(() => void input.dispatchEvent(new Event('input', { bubbles: true })));
  await until(() => list()?.getAttribute('data-query') === query && list()?.getAttribute('aria-busy') !== 'true', `results for ${query}`);
}

async function key(target: Element, keyName: string, init: KeyboardEventInit = {}): Promise<void> {
  await act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init })));
}

/** Every title of the list on screen, scrolling to its end (rows are rendered as the list scrolls). */
async function everyTitle(): Promise<string[]> {
  const total = Number(items()[0]?.getAttribute('aria-setsize') ?? 0);
  while (items().length < total) {
    const shown = items().length;
    await act(() => FakeIntersectionObserver.scrollToEnd());
    await until(() => items().length > shown, 'more rows');
  }
  return titles().map(String);
}

async function stored(id: string): Promise<PaperRecord> {
  return (await db.papers.get(id))!;
}

describe('popup App', () => {
  it('shows the snapshot at once, then the library’s list, and keeps a snapshot of it', async () => {
    const records = library();
    await db.papers.bulkPut(records);
    const snapshot = parseFirstScreen(firstScreenText([toResultRow({ ...records[5]!, title: 'From the last open' }), toResultRow(records[6]!)]))!;
    const shown = vi.fn<(papers: readonly ResultRow[]) => void>();
    // Rendered synchronously: the snapshot is on screen before any database read.
    render(<App library={store} openIndex={(source) => LibraryIndex.open(source)} openUrl={openUrl} snapshot={snapshot} onRecentShown={shown} />, root);
    expect(titles()).toEqual(['From the last open', records[6]!.title]);
    expect(list()?.getAttribute('data-source')).toBe('snapshot');
    expect(shown).not.toHaveBeenCalled();
    await until(() => list()?.getAttribute('data-source') === null, 'the library’s list');
    expect(titles()[0]).toBe(records[0]!.title);
    expect(shown).toHaveBeenCalled();
    // The first list is read short (its first rows), then whole.
    await until(() => shown.mock.lastCall![0].length === 50, 'the whole recent list');
    expect(shown.mock.lastCall![0].map((paper) => paper.id)).toEqual(records.slice(0, 50).map((paper) => paper.id));
  });

  it('takes over text typed over the snapshot', async () => {
    await db.papers.bulkPut(library());
    const snapshot = parseFirstScreen(firstScreenText(library().slice(0, 3).map(toResultRow)))!;
    await act(() => render(<App library={store} openIndex={(source) => LibraryIndex.open(source)} openUrl={openUrl} snapshot={snapshot} initialQuery="housholder" />, root));
    expect(search().value).toBe('housholder');
    await until(() => list()?.getAttribute('data-query') === 'housholder' && list()?.getAttribute('aria-busy') !== 'true', 'the typed query’s results');
    expect(titles()[0]).toBe(HOUSEHOLDER);
  });

  it('first run: says what to do, with links to HF Papers and arXiv, and the search box has the focus', async () => {
    await mount();
    await until(() => root.textContent?.includes('Browse Hugging Face Papers or arXiv listings; the papers you see appear here.'), 'first-run text');
    for (const href of ['https://huggingface.co/papers', 'https://arxiv.org/list/cs.LG/recent']) {
      const link = $<HTMLAnchorElement>(`a[href="${href}"]`)!;
      expect(link.target).toBe('_blank');
      expect(link.rel).toBe('noopener noreferrer');
    }
    expect(document.activeElement).toBe(search());
  });

  it('first run before the background has created the library: the same first-run view', async () => {
    await act(() => render(<App library={NO_LIBRARY} openIndex={(source) => LibraryIndex.open(source)} openUrl={openUrl} />, root));
    await until(() => root.textContent?.includes('Browse Hugging Face Papers or arXiv listings; the papers you see appear here.'), 'first-run text');
    expect(document.activeElement).toBe(search());
  });

  it('lists recent papers by day, newest first, with short authors, where seen and saved state', async () => {
    const records = library();
    await db.papers.bulkPut(records);
    await setSaved(db, paperTitled(records, 'T-JEPA').id, true);
    await mount();
    await until(() => items().length > 0, 'recent papers');
    // A first screenful is rendered, then more as the list scrolls (once the whole list is read).
    await until(() => items()[0]!.getAttribute('aria-setsize') === '50', 'the whole recent list');
    expect(items()).toHaveLength(7);
    expect(titles()[0]).toBe(records[0]!.title);
    await act(() => FakeIntersectionObserver.scrollToEnd());
    await until(() => items().length === 37, 'more papers');
    await act(() => FakeIntersectionObserver.scrollToEnd());
    await until(() => items().length === 50, 'the 50 most recent papers');
    expect(titles()).toEqual(records.slice(0, 50).map((record) => record.title));
    await until(() => root.textContent?.includes('The 50 most recently seen. Search to find the others.'), 'the note on the recent list');
    expect(root.querySelector('.day')?.textContent).toBe('Today');
    const first = items()[0]!;
    expect(first.querySelector('.paper-authors')?.textContent).toBe(shortAuthors(records[0]!.authors));
    const many = items().find((item) => / \+\d+$/.test(item.querySelector('.paper-authors')?.textContent ?? ''));
    expect(many?.querySelector('.paper-authors')?.textContent).toMatch(/^[^,]+, [^,]+, [^,]+ \+\d+$/);
    expect(first.querySelector('.paper-seen')?.textContent).toContain('Daily Mar 11, 2026');
    const tjepa = itemTitled(TJEPA)!;
    expect(tjepa.querySelector('button[aria-label="Save"]')?.getAttribute('aria-pressed')).toBe('true');
    expect(items()[0]!.querySelector('button[aria-label="Save"]')?.getAttribute('aria-pressed')).toBe('false');
    expect($('[role="status"]')?.textContent).toBe(`${records.length} papers`);
  });

  it('searches as you type, through typos, and shows a clean empty state', async () => {
    await db.papers.bulkPut(library());
    await mount();
    await until(() => items().length > 0, 'recent papers');
    await type('housholder projektor');
    expect(titles()[0]).toBe(HOUSEHOLDER);
    expect(itemTitled(HOUSEHOLDER)!.querySelector('mark')?.textContent).toBe('Householder');
    await type('zzqxv wqkj');
    expect(items()).toHaveLength(0);
    expect(root.textContent).toContain('No papers match “zzqxv wqkj”');
    for (const query of ["'", '!', '^', '|', '=', 'x'.repeat(2_000), '🙂', '注意力机制']) {
      await type(query);
      expect(items().length > 0 || root.textContent!.includes('No papers match “')).toBe(true);
    }
  });

  it('keys: ↓ to the results, s saves, r marks read, t opens the tag field with autocomplete, Esc returns', async () => {
    const records = library();
    await db.papers.bulkPut(records);
    await addTag(db, records[5]!.id, 'to-read');
    await mount();
    await until(() => items().length > 0, 'recent papers');
    await key(search(), 'ArrowDown');
    expect(document.activeElement).toBe(items()[0]);
    await key(items()[0]!, 'ArrowDown');
    const second = items()[1]!;
    expect(document.activeElement).toBe(second);
    await key(second, 's');
    await until(() => second.querySelector('button[aria-label="Save"]')?.getAttribute('aria-pressed') === 'true', 'saved');
    expect((await stored(records[1]!.id)).savedAt).toEqual(expect.any(Number));
    await key(second, 'r');
    await until(() => second.querySelector('button[aria-label="Read"]')?.getAttribute('aria-pressed') === 'true', 'read');

    await key(second, 't');
    const field = await until(() => second.querySelector<HTMLInputElement>('input[aria-label="Add tag"]'), 'tag field');
    expect(document.activeElement).toBe(field);
    field.value = 'to';
    await act(() => void field.dispatchEvent(new Event('input', { bubbles: true })));
    const option = await until(() => second.querySelector('[role="option"]'), 'a suggestion');
    expect(option.textContent).toBe('#to-read');
    await key(field, 'ArrowDown');
    expect(field.getAttribute('aria-activedescendant')).toBe(option.id);
    await key(field, 'Enter');
    await until(() => second.querySelector('button[aria-label="Remove tag to-read"]'), 'the tag chip');
    expect((await stored(records[1]!.id)).tags).toEqual(['to-read']);
    await key(field, 'Escape');
    expect(second.querySelector('input[aria-label="Add tag"]')).toBeNull();
    expect(document.activeElement).toBe(second);

    // ↑ from the first result goes back to the search box; Esc there clears the query.
    await key(second, 'ArrowUp');
    await key(items()[0]!, 'ArrowUp');
    expect(document.activeElement).toBe(search());
  });

  it('roving tabindex: only the current result and its controls are Tab stops; ←/→ step through them', async () => {
    const records = library();
    await db.papers.bulkPut(records);
    await addTag(db, records[0]!.id, 'to-read');
    await mount();
    await until(() => items().length > 1, 'recent papers');
    const tabStops = () => [...root.querySelectorAll<HTMLElement>('.results button, .results a[href], .results li')].filter((element) => element.tabIndex >= 0);
    const first = items()[0]!;
    // The first row, its star, links, tag and read buttons and its tag chip; no other row's.
    expect(tabStops().every((element) => first.contains(element))).toBe(true);
    expect(tabStops().length).toBeGreaterThan(4);
    await key(search(), 'ArrowDown');
    const controls = [...first.querySelectorAll<HTMLElement>('button, a[href]')];
    await key(first, 'ArrowRight');
    expect(document.activeElement).toBe(controls[0]);
    await key(document.activeElement!, 'ArrowRight');
    expect(document.activeElement).toBe(controls[1]);
    await key(document.activeElement!, 'ArrowLeft');
    await key(document.activeElement!, 'ArrowLeft');
    expect(document.activeElement).toBe(first);
    await key(first, 'ArrowLeft');
    expect(document.activeElement).toBe(first.querySelector('button[aria-label="Remove tag to-read"]'));
    // ↓ makes the next row current: its controls become the Tab stops.
    await key(first, 'ArrowRight');
    await key(document.activeElement!, 'Escape');
    await key(search(), 'ArrowDown');
    await key(items()[0]!, 'ArrowDown');
    const second = items()[1]!;
    expect(document.activeElement).toBe(second);
    expect(tabStops().every((element) => second.contains(element))).toBe(true);
    expect(first.querySelector<HTMLElement>('button[aria-label="Save"]')!.tabIndex).toBe(-1);
    // Names for screen readers are unchanged.
    expect(second.querySelector('button[aria-label="Save"]')).not.toBeNull();
    expect(second.querySelector('button[aria-label="Add tag"]')).not.toBeNull();
  });

  it('a tag typed but not added is added when the field is left or the popup closes; Esc drops it', async () => {
    const records = library();
    await db.papers.bulkPut(records);
    await mount();
    await until(() => items().length > 0, 'recent papers');
    const first = items()[0]!;
    const id = first.dataset.id!;
    const typeTag = async (text: string) => {
      const field = await until(() => first.querySelector<HTMLInputElement>('input[aria-label="Add tag"]'), 'tag field');
      field.value = text;
      await act(() => void field.dispatchEvent(new Event('input', { bubbles: true })));
      return field;
    };
    const drafts = () => Object.keys(localStorage).filter((key) => key.startsWith('paperdex:tag-draft:'));

    // Typed, then the focus goes to the search box: added, and the field closes.
    await key(first, 't');
    const field = await typeTag('Left the field');
    expect(drafts()).toEqual([`paperdex:tag-draft:${id}`]);
    await act(() => void field.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: search() })));
    await until(() => first.querySelector('button[aria-label="Remove tag left-the-field"]'), 'the tag chip');
    expect((await stored(id)).tags).toEqual(['left-the-field']);
    expect(first.querySelector('input[aria-label="Add tag"]')).toBeNull();

    // Typed, then the popup closes (it does as soon as it loses focus): added.
    await key(first, 't');
    await typeTag('popup closed');
    await act(() => void window.dispatchEvent(new Event('pagehide')));
    await until(() => first.querySelector('button[aria-label="Remove tag popup-closed"]'), 'the second chip');
    expect((await stored(id)).tags).toEqual(['left-the-field', 'popup-closed']);
    expect(drafts()).toEqual([]);

    // Esc is the way to drop it.
    const dropped = await typeTag('never mind');
    await key(dropped, 'Escape');
    await act(() => void window.dispatchEvent(new Event('pagehide')));
    expect(first.querySelector('input[aria-label="Add tag"]')).toBeNull();
    expect((await stored(id)).tags).toEqual(['left-the-field', 'popup-closed']);
    expect(drafts()).toEqual([]);
  });

  it('a tag typed on a page that closed before adding it is added when the popup opens', async () => {
    const records = library();
    await db.papers.bulkPut(records);
    keepTagDraft(records[3]!.id, 'Typed As It Closed');
    await mount();
    await until(async () => true, 'a tick');
    await vi.waitFor(async () => expect((await stored(records[3]!.id)).tags).toEqual([...records[3]!.tags, 'typed-as-it-closed']));
    expect(Object.keys(localStorage).filter((key) => key.startsWith('paperdex:tag-draft:'))).toEqual([]);
  });

  it('Enter opens the highlighted result’s HF page in a new tab; Ctrl+S saves it from the search box', async () => {
    const records = library();
    await db.papers.bulkPut(records);
    await mount();
    await until(() => items().length > 0, 'recent papers');
    await type('tabluar jepa');
    expect(titles()[0]).toBe(TJEPA);
    await key(search(), 'Enter');
    const tjepa = paperTitled(records, 'T-JEPA');
    expect(openUrl).toHaveBeenCalledWith(`https://huggingface.co/papers/${tjepa.id}`, true);
    await key(search(), 's', { ctrlKey: true });
    await until(() => itemTitled(TJEPA)?.querySelector('button[aria-label="Save"]')?.getAttribute('aria-pressed') === 'true', 'saved');
    await key(search(), 'Escape');
    await until(() => list()?.getAttribute('data-query') === '', 'the recent list');
    expect(search().value).toBe('');
  });

  it('renders page text as text and never links a non-http(s) URL', async () => {
    const records = library();
    records[0] = {
      ...records[0]!,
      title: '<img src=x onerror="alert(1)"> <b>bold</b>',
      authors: ['<script>alert(1)</script>'],
      links: { hf: 'https://huggingface.co/papers/2401.00001', pdf: 'data:text/html,<b>x</b>', github: 'javascript:alert(1)' },
    };
    await db.papers.bulkPut(records);
    await mount();
    await until(() => items().length > 0, 'recent papers');
    expect(titles()[0]).toBe('<img src=x onerror="alert(1)"> <b>bold</b>');
    expect(root.querySelector('img, b, script')).toBeNull();
    // (the header's link to the library page is the extension's own page, not page data)
    const hrefs = [...list()!.querySelectorAll('a[href]')].map((link) => link.getAttribute('href'));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  });

  it('is live: a paper written while open appears, and a tag filter lists a reading list', async () => {
    const records = library();
    await db.papers.bulkPut(records);
    await mount();
    await until(() => $('[role="status"]')?.textContent === `${records.length} papers`, 'recent papers');
    const added: PaperRecord = { ...records[3]!, id: '2612.00001', title: 'Quokka: Marsupial Attention', lastSeenAt: NOW + 1_000, updatedAt: NOW + 1_000 };
    await act(() => writtenElsewhere(db, [added.id], () => db.papers.put(added)));
    await until(() => titles()[0] === added.title, 'the new paper on top');
    expect($('[role="status"]')?.textContent).toBe(`${records.length + 1} papers`);
    await type('quoka');
    expect(titles()[0]).toBe(added.title);

    await type('');
    await addTag(db, records[7]!.id, 'reading');
    const select = await until(() => $<HTMLSelectElement>('select[aria-label="Reading list (tag)"] option[value="reading"]')?.parentElement as HTMLSelectElement | undefined, 'the tag filter');
    select.value = 'reading';
    await act(() => void select.dispatchEvent(new Event('change', { bubbles: true })));
    await until(() => items().length === 1, 'one paper in the list');
    expect(titles()).toEqual([records[7]!.title]);
    expect($('[role="status"]')?.textContent).toBe('1 paper');
  });

  it('the Unread filter lists only unread papers, recent or searched, and the count follows', async () => {
    const records = library();
    await db.papers.bulkPut(records);
    // Read: the two most recent papers (the top of the recent list) and the Householder paper.
    const read = [records[0]!, records[1]!, paperTitled(records, HOUSEHOLDER)];
    for (const paper of read) await setRead(db, paper.id, true);
    const readTitles = read.map((paper) => paper.title);
    await mount();
    await until(() => $('[role="status"]')?.textContent === `${records.length} papers`, 'the whole library counted');
    expect(titles().slice(0, 2)).toEqual(readTitles.slice(0, 2));

    const unread = filterButton('Unread');
    await act(() => unread.click());
    await until(() => $('[role="status"]')?.textContent === `${records.length - read.length} papers`, 'the unread papers counted');
    expect(unread.getAttribute('aria-pressed')).toBe('true');
    expect(titles()[0]).toBe(records[2]!.title);
    expect(titles().filter((title) => readTitles.includes(title!))).toEqual([]);
    for (const item of items()) expect(item.querySelector('button[aria-label="Read"]')?.getAttribute('aria-pressed')).toBe('false');

    // Searching within the filter: the same hits, in the same order, less the read ones, and counted so.
    await act(() => filterButton('All').click());
    // ('unsupervised' has fewer hits than the popup lists, so every hit is on screen.)
    await type('unsupervised');
    await until(() => /^\d+ matches$/.test($('[role="status"]')?.textContent ?? ''), 'the hits counted');
    const hits = await everyTitle();
    expect($('[role="status"]')?.textContent).toBe(`${hits.length} matches`);
    const unreadHits = hits.filter((title) => !readTitles.includes(title));
    expect(unreadHits.length).toBeLessThan(hits.length); // read papers are among the hits
    expect(unreadHits.length).toBeGreaterThan(0);
    await act(() => unread.click());
    await until(() => $('[role="status"]')?.textContent === `${unreadHits.length} matches`, 'the unread hits counted');
    expect(await everyTitle()).toEqual(unreadHits);
  });

  it('a paper saved by id (no title yet) shows its id in place of the title, and is found by it', async () => {
    await db.papers.bulkPut(library());
    await saveById(db, [{ id: '2611.01234' }], NOW + 5_000);
    await mount();
    await until(() => titles()[0] === 'arXiv 2611.01234', 'the saved-by-id paper on top');
    const first = items()[0]!;
    expect(first.querySelector('.paper-seen')?.textContent).toContain('Added by id');
    expect(first.querySelector('button[aria-label="Save"]')?.getAttribute('aria-pressed')).toBe('true');
    expect(first.querySelector('.paper-title a')?.getAttribute('href')).toBe('https://arxiv.org/abs/2611.01234');
    await type('2611.01234');
    expect(titles()).toEqual(['arXiv 2611.01234']);
  });

  it('shows a save at once, keeps showing it until the list read from the library does, and undoes it, saying why, when the write fails', async () => {
    const records = library();
    await db.papers.bulkPut(records);
    const pending: { change: PaperChange; settle: (ok: boolean) => Promise<void> }[] = [];
    const background = throughBackground();
    const writePaper: WritePaper = (id, change) =>
      new Promise((resolve, reject) =>
        pending.push({
          change,
          settle: async (ok) => {
            if (ok) resolve(await background(id, change));
            else reject(new Error('the disk is full. Free some space on it, then try again'));
          },
        }),
      );
    await act(() => render(<App library={store} openIndex={(source) => LibraryIndex.open(source)} openUrl={openUrl} writePaper={writePaper} />, root));
    await until(() => items().length > 1, 'recent papers');
    const pressed = (at: number) => items()[at]!.querySelector('button[aria-label="Save"]')?.getAttribute('aria-pressed');

    // Shown before it is written; written, it stays shown (the list read from the library follows).
    await act(() => items()[0]!.querySelector<HTMLButtonElement>('button[aria-label="Save"]')!.click());
    expect(pressed(0)).toBe('true');
    expect(pending.map((write) => write.change)).toEqual([{ saved: true }]);
    expect((await stored(records[0]!.id)).savedAt).toBeUndefined();
    await act(() => pending[0]!.settle(true));
    expect((await stored(records[0]!.id)).savedAt).toEqual(expect.any(Number));
    for (let tick = 0; tick < 10; tick++) {
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
      expect(pressed(0)).toBe('true');
    }

    // Refused: the row shows the library's state again, and the reason is said at the top.
    await act(() => items()[1]!.querySelector<HTMLButtonElement>('button[aria-label="Save"]')!.click());
    expect(pressed(1)).toBe('true');
    expect($('.popup-failure')).toBeNull();
    await act(() => pending[1]!.settle(false));
    await until(() => pressed(1) === 'false', 'the save undone on screen');
    expect($('.popup-failure[role="alert"]')?.textContent).toContain('Not saved: the disk is full. Free some space on it, then try again.');
    expect((await stored(records[1]!.id)).savedAt).toBeUndefined();
    expect(pressed(0)).toBe('true');
  });

  it('a paper deleted elsewhere leaves the results of an open popup', async () => {
    await db.papers.bulkPut(library());
    await mount();
    await type('housholder projektor');
    expect(titles()[0]).toBe(HOUSEHOLDER);
    await act(() => deletePapers(db, [paperTitled(library(), HOUSEHOLDER).id]).then(() => undefined));
    await until(() => !titles().includes(HOUSEHOLDER), 'the deleted paper gone from the hits');
    await type('householder');
    expect(titles()).not.toContain(HOUSEHOLDER);
  });
});

describe('popup App with storage trouble', () => {
  /** Plays the background: answers 'storage-health' with `health` and keeps what it was told. */
  function background(health: StorageHealth) {
    const told: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender: unknown, reply: (response: unknown) => void) => {
      told.push(message);
      reply({ ok: true, health });
      return true;
    });
    return told;
  }
  beforeEach(() => fakeBrowser.reset());

  /**
   * The popup over the test's library, its writes through a background that keeps the storage state (and
   * counts the failed writes it records); `told` holds what the popup sent besides its writes.
   */
  async function mountWithStorageState() {
    const records = library();
    await db.papers.bulkPut(records);
    const told = background({});
    const storage = new StorageHealthMonitor();
    const writeFailed = vi.spyOn(storage, 'writeFailed');
    await mount(throughBackground({ storage }));
    await until(() => items().length > 0, 'recent papers');
    return { records, told, storage, writeFailed };
  }
  /** Whether the popup told the background of a failure itself (a `storage-health` message with one). */
  const reported = (told: unknown[]) => told.filter((message) => (message as { failure?: unknown }).failure !== undefined);
  /** Lets a report the popup would send go out (it is sent without waiting). */
  const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

  it('a save the browser refuses (full disk) is said at the top in plain words, the library stays as it was, and the background that wrote records it, once', async () => {
    const { records, told, storage, writeFailed } = await mountWithStorageState();
    const undo = failWritesAsOnAFullDisk();
    await act(() => items()[0]!.querySelector<HTMLButtonElement>('button[aria-label="Save"]')!.click());
    const failure = await until(() => $('.popup-failure[role="alert"]'), 'the failure said');
    undo();
    expect(failure.textContent).toContain('Not saved: the disk is full. Free some space on it, then try again.');
    expect((await stored(records[0]!.id)).savedAt).toBeUndefined();
    expect(items()[0]!.querySelector('button[aria-label="Save"]')?.getAttribute('aria-pressed')).toBe('false');
    expect(storage.health.trouble?.reason).toBe('disk-full');
    await settle();
    // Recorded by the background's write, not reported again by the popup.
    expect(writeFailed).toHaveBeenCalledTimes(1);
    expect(reported(told)).toEqual([]);
  });

  it('a tag the browser refuses (full disk) is said under the field and recorded once, by the background', async () => {
    const { records, told, storage, writeFailed } = await mountWithStorageState();
    const first = items()[0]!;
    first.focus();
    await key(first, 't');
    const field = await until(() => first.querySelector<HTMLInputElement>('input[aria-label="Add tag"]'), 'tag field');
    field.value = 'later';
    await act(() => void field.dispatchEvent(new Event('input', { bubbles: true })));
    const undo = failWritesAsOnAFullDisk();
    await key(field, 'Enter');
    const error = await until(() => first.querySelector('.tag-error[role="alert"]'), 'the failure said');
    undo();
    expect(error.textContent).toBe('Tag not added: the disk is full. Free some space on it, then try again.');
    expect((await stored(records[0]!.id)).tags).toEqual([]);
    await settle();
    expect(writeFailed).toHaveBeenCalledTimes(1);
    expect(reported(told)).toEqual([]);
  });

  it('a storage failure of the popup’s own (not in the background’s answer) is said at the top and reported', async () => {
    await db.papers.bulkPut(library());
    const told = background({});
    // The write fails in the popup itself, with a storage error.
    await mount(async () => {
      throw new DOMException('The disk is full', 'QuotaExceededError');
    });
    await until(() => items().length > 0, 'recent papers');
    await act(() => items()[0]!.querySelector<HTMLButtonElement>('button[aria-label="Save"]')!.click());
    const failure = await until(() => $('.popup-failure[role="alert"]'), 'the failure said');
    expect(failure.textContent).toContain('Not saved: the disk is full. Free some space on it, then try again.');
    await until(() => reported(told).length === 1, 'the background told');
    expect(reported(told)).toEqual([{ type: 'storage-health', failure: 'disk-full' }]);
  });

  it('shows the background’s storage notice at the top, and follows it while open', async () => {
    await db.papers.bulkPut(library());
    background({ trouble: { reason: 'low-space', since: NOW, freeBytes: 20 * 1024 * 1024, floorBytes: 64 * 1024 * 1024 } });
    await mount();
    const notice = await until(() => $('.storage-notice[role="alert"]'), 'the storage notice');
    expect(notice.textContent).toMatch(/^Paperdex paused recording: the disk is almost full\. Only 20 MB free/);
    expect(root.querySelector('.popup')!.firstElementChild).toBe(notice);
    // Space back: the background's mirror says so, and the notice goes.
    await act(() => fakeBrowser.storage.session.set({ storageHealth: {} }));
    await until(() => !$('.storage-notice'), 'the notice gone');
  });
});

describe('popup App: the one-time sync offer', () => {
  beforeEach(() => fakeBrowser.reset());
  const OFFER = "Use Paperdex on another computer? Sync your saved papers and tags through your browser's own sync.";
  const offer = () => [...root.querySelectorAll<HTMLElement>('.popup-suggest')].find((notice) => notice.textContent?.includes(OFFER));
  const storedSync = async () => (await fakeBrowser.storage.local.get(SYNC_SETTINGS_KEY))[SYNC_SETTINGS_KEY];
  /** Long enough for the offer to show if it were going to (the settings read resolves at once). */
  const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

  it('first run: offers sync, linking to the library’s Settings; dismissed, never again', async () => {
    await mount();
    const notice = await until(offer, 'the sync offer');
    const link = notice.querySelector<HTMLAnchorElement>('a')!;
    expect(link.textContent).toBe('Set up sync');
    expect(link.getAttribute('href')).toBe('/library.html#settings-sync');
    expect(link.target).toBe('_blank');
    await act(() => notice.querySelector<HTMLButtonElement>('button[aria-label="Don\'t offer sync again"]')!.click());
    await until(() => !offer(), 'the offer gone');
    expect(await storedSync()).toEqual({ enabled: false, offerDone: true });
    await act(() => render(null, root));
    await mount();
    await until(() => root.textContent?.includes('Your paper library is empty'), 'the first-run view');
    await settle();
    expect(offer()).toBeUndefined();
  });

  it('not while sync is on, and not once the library has papers', async () => {
    await fakeBrowser.storage.local.set({ [SYNC_SETTINGS_KEY]: { enabled: true } });
    await mount();
    await until(() => root.textContent?.includes('Your paper library is empty'), 'the first-run view');
    await settle();
    expect(offer()).toBeUndefined();
    await act(() => render(null, root));

    await fakeBrowser.storage.local.set({ [SYNC_SETTINGS_KEY]: { enabled: false } });
    await db.papers.bulkPut(library());
    await mount();
    await until(() => items().length > 0, 'recent papers');
    await settle();
    expect(offer()).toBeUndefined();
  });
});
