/**
 * Address-bar search: type `pd` and a space, then words, an author or an arXiv id; Paperdex suggests
 * papers from the library and Enter opens the chosen one (its HF page, else arXiv).
 *
 * Speed from a cold service worker: restoring the popup's stored word index in the worker takes far
 * longer than a keystroke at 50k papers (measured: `npm run bench -- omnibox`) and holds the worker's
 * thread meanwhile. So the first keystrokes are answered from a bounded query on the `lastSeenAt` index
 * (the most recently seen papers, matched on title, authors and id: what one types into an address bar
 * is usually a paper seen lately) and ids through the primary key; the index is restored when typing
 * pauses (`WARM_AFTER_PAUSE_MS`), and from then on suggestions come from it (typos, ranking). The text
 * typed when it comes in is answered again from it: Chrome ignores a second list for one keystroke, but
 * shows the new first line, which names the best match (Enter opens it); the next keystroke lists them all.
 * The quick search keeps what it read (a compact row per paper, its text folded once), reads the rest of
 * the recent papers a page at a time after answering, and matches later keystrokes in memory: a rare
 * word read all 1,500 full records at every keystroke (100-400 ms each in the bench at 50k papers).
 * A keystroke that has matches waits at most `QUICK_WAIT_MS` for pages still being read. The reading
 * starts when the user enters the keyword, before the first keystroke.
 */
import { arxivAbsUrl, hfPaperUrl } from '../paper/arxiv-id';
import { stripBidiControls } from '../paper/bidi';
import type { PaperdexDB } from '../library/schema';
import type { PaperRecord } from '../paper/record';
import { shortAuthors } from './shared/authors';
import { onLibraryChange } from '../library/feed/feed';
import { safeHttpUrl } from '../paper/sanitize';
import { IndexLifecycle } from '../search/index-lifecycle';
import { LibraryIndex } from '../search/library-index';
import { foldText } from '../search/normalize';
import { arxivIdFromQuery } from '../search/query-id';
import { browser } from 'wxt/browser';

/** Suggestions shown (Chrome shows up to about 6 extension suggestions). */
export const SUGGESTIONS = 6;
/** Recent papers the quick search looks at while the index loads. */
export const QUICK_SCAN = 1_500;
const QUICK_PAGE = 250;
/** The first page is small: it answers the first keystroke (one letter matches many papers) sooner. */
const FIRST_PAGE = 50;
/** How long a keystroke that already has matches waits for more recent papers to be read. */
export const QUICK_WAIT_MS = 25;
const MAX_QUERY = 200;
/** Typing pause after which the worker restores the full index. */
export const WARM_AFTER_PAUSE_MS = 700;
/**
 * Without a change signalled, how long the loaded index answers before it checks the library again
 * (a write the worker is not told of: another context's plain IndexedDB connection).
 */
export const RECHECK_AFTER_MS = 2_000;

export type Disposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab';

/**
 * What a suggestion needs of a paper (a full record or the search index's result row, which keeps the
 * first few authors and `authorCount`).
 */
export type OmniboxPaper = Pick<PaperRecord, 'id' | 'title' | 'authors' | 'links'> & { authorCount?: number };

export interface Suggestion {
  content: string;
  description: string;
}

/** Escapes text for Chrome's suggestion markup (XML: `<match>`, `<dim>`, `<url>`). */
export function escapeOmniboxXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char]!};`);
}

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The title a suggestion shows: a paper saved by id has none yet. The address bar can't isolate text, so
 * bidirectional controls stored by an older version are dropped here (as from authors below).
 */
function titleOf(record: OmniboxPaper): string {
  return stripBidiControls(record.title) || `arXiv ${record.id}`;
}

/** "Title — A. One, B. Two et al. · 2501.01234"; with Chrome's markup when `markup`. */
export function describePaper(record: OmniboxPaper, markup: boolean): string {
  const title = bounded(titleOf(record), 150);
  const details = [bounded(stripBidiControls(shortAuthors(record.authors, 3, record.authorCount)), 120), record.id].filter(Boolean).join(' · ');
  return markup ? `${escapeOmniboxXml(title)} <dim>— ${escapeOmniboxXml(details)}</dim>` : `${title} — ${details}`;
}

/** Where a paper opens: its HF page, else its arXiv page (only http(s) links), else arXiv by id. */
export function paperUrl(record: OmniboxPaper | undefined, id: string): string {
  return safeHttpUrl(record?.links.hf) ?? safeHttpUrl(record?.links.arxiv) ?? arxivAbsUrl(id);
}

/** A recently seen paper as the quick search keeps it: what a suggestion shows, and its folded text. */
interface RecentRow {
  paper: OmniboxPaper;
  text: string;
}

function recentRow(record: PaperRecord): RecentRow {
  const paper: OmniboxPaper = { id: record.id, title: record.title, authors: record.authors, links: record.links };
  return { paper, text: foldText(`${record.title} ${(record.authors ?? []).join(' ')} ${record.id}`) };
}

/** The library's search, as the service worker runs it: quick until the stored index is restored. */
export class OmniboxSearch {
  private index: LibraryIndex | undefined;
  private loading: Promise<LibraryIndex> | undefined;
  private readonly lifecycle = new IndexLifecycle(() => this.openIndex());
  /** The most recently seen papers read so far, newest first (at most `QUICK_SCAN`). */
  private recent: RecentRow[] = [];
  /** The ids of the `QUICK_SCAN` most recently seen papers, newest first (read once). */
  private recentIds: Promise<string[]> | undefined;
  /** How many of those the pages read so far covered (`recent` skips papers found gone). */
  private scanned = 0;
  /** Whether `recent` holds every paper the quick search looks at. */
  private recentComplete = false;
  /** The page read in flight, shared by the keystrokes that need it. */
  private reading: Promise<void> | undefined;
  /** Bumped when the library changes: a page read before then is dropped. */
  private generation = 0;
  /** Whether the library changed since the loaded index last caught up. */
  private indexBehind = true;
  private checkedAt = -Infinity;
  private readonly recheckAfterMs: number;

  constructor(
    private readonly db: PaperdexDB,
    options: { recheckAfterMs?: number } = {},
  ) {
    this.recheckAfterMs = options.recheckAfterMs ?? RECHECK_AFTER_MS;
    // Papers written or deleted (here or in another extension context: the change feed) make the kept
    // rows stale and the index behind.
    onLibraryChange((change) => {
      if (change.kind !== 'papers') return;
      this.indexBehind = true;
      this.forgetRecent();
    });
  }

  /**
   * Catches the index up with the library when it was told of a change, or has not checked for a while:
   * while one types, the keystrokes are answered from memory (a check per keystroke was an IndexedDB
   * round trip of 2-57 ms, median 10, in the bench at 50k papers).
   */
  private async catchUp(index: LibraryIndex): Promise<void> {
    if (!this.indexBehind && performance.now() - this.checkedAt < this.recheckAfterMs) return;
    // Cleared first: a change signalled while this refresh reads is caught by the next keystroke.
    this.indexBehind = false;
    try {
      await this.lifecycle.catchUp();
      this.checkedAt = performance.now();
    } catch (error) {
      this.indexBehind = true;
      throw error;
    }
  }

  private forgetRecent(): void {
    this.generation++;
    this.recent = [];
    this.recentIds = undefined;
    this.scanned = 0;
    this.recentComplete = false;
    this.reading = undefined;
  }

  /** Starts restoring the index (once); later calls do nothing. */
  warm(): Promise<LibraryIndex> {
    const start = performance.now();
    this.loading ??= this.lifecycle.open().then(
      (index) => {
        this.index = index;
        // Built from scratch (no stored index yet): stored at once, so the next start restores it.
        this.lifecycle.saveNow();
        this.forgetRecent();
        // Kept for `npm run bench -- omnibox` (cleared first, so nothing accumulates).
        performance.clearMeasures('paperdex:omnibox-index');
        performance.measure('paperdex:omnibox-index', { start, detail: { papers: index.size } });
        return index;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** Restores (or builds) the index; it has caught up with every change signalled before it began. */
  private openIndex(): Promise<LibraryIndex> {
    this.indexBehind = false;
    return LibraryIndex.open(this.db).then(
      (index) => {
        this.checkedAt = performance.now();
        return index;
      },
      (error: unknown) => {
        this.indexBehind = true;
        throw error;
      },
    );
  }

  /** Whether suggestions come from the full index yet. */
  get ready(): boolean {
    return this.index !== undefined;
  }

  /** Papers for the typed text, best first. */
  async search(text: string, limit = SUGGESTIONS): Promise<OmniboxPaper[]> {
    const query = text.trim().slice(0, MAX_QUERY);
    if (!query) return [];
    const id = arxivIdFromQuery(query);
    if (id) {
      const record = await this.db.papers.get(id);
      return record ? [record] : [];
    }
    if (this.index) {
      await this.catchUp(this.index);
      // The index's rows hold what a suggestion shows: no record is read (the read of the hits' records
      // was 10-60 ms of an answer in the bench at 50k papers).
      return this.index.searchRows(query, { limit }).hits.map((hit) => hit.record);
    }
    return this.quickSearch(query, limit);
  }

  /** The most recently seen papers whose title, authors or id contain every typed word. */
  async quickSearch(query: string, limit: number): Promise<OmniboxPaper[]> {
    const words = foldText(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    const hits: OmniboxPaper[] = [];
    let at = 0;
    // The rows kept, then more pages (newest first) until enough match: a common word needs one page.
    for (;;) {
      const rows = this.recent;
      for (; at < rows.length && hits.length < limit; at++) {
        if (words.every((word) => rows[at]!.text.includes(word))) hits.push(rows[at]!.paper);
      }
      if (hits.length >= limit || this.recentComplete) break;
      const generation = this.generation;
      const read = this.readMore();
      if (hits.length) {
        // Matches found are the newest, so they begin the full answer: when the next page is slow to come
        // (the read-ahead still under way on a busy machine), answer with them; the next keystroke has more.
        read.catch(() => undefined);
        const inTime = await Promise.race([read.then(() => true), new Promise<boolean>((resolve) => setTimeout(resolve, QUICK_WAIT_MS, false))]);
        if (!inTime) break;
      } else {
        await read;
      }
      if (generation !== this.generation) {
        // The library changed meanwhile: start over from the newest.
        hits.length = 0;
        at = 0;
      }
    }
    this.readAhead();
    return hits;
  }

  /** Reads the next page of recent papers into `recent` (one read at a time). */
  private readMore(): Promise<void> {
    if (this.reading) return this.reading;
    const generation = this.generation;
    const offset = this.scanned;
    const size = offset ? Math.min(QUICK_PAGE, QUICK_SCAN - offset) : FIRST_PAGE;
    // The first page straight from the lastSeenAt index (it answers the first keystroke); meanwhile the
    // ids of all the recent papers in one key-only read, and the later pages by key. Paging the index
    // backwards with an offset walked a cursor to each page: in the bench at 50k papers, a rare word
    // waited ~280 ms for the 1,500 recent papers in a just-started worker; by key, 1-49 ms.
    const records: Promise<(PaperRecord | undefined)[]> = offset
      ? this.recentIds!.then((ids) => this.db.papers.bulkGet(ids.slice(offset, offset + size)))
      : this.db.papers.orderBy('lastSeenAt').reverse().limit(size).toArray();
    this.recentIds ??= this.readRecentIds();
    const read = records
      .then((page) => {
        if (generation !== this.generation) return;
        // A page by key holds a slot per id, `undefined` for a paper gone since the ids were read.
        this.scanned = offset + page.length;
        const found = page.filter((record): record is PaperRecord => record !== undefined);
        this.recent = this.recent.concat(found.map(recentRow));
        if (page.length < size || this.scanned >= QUICK_SCAN) this.recentComplete = true;
      })
      .finally(() => {
        if (this.reading === read) this.reading = undefined;
      });
    this.reading = read;
    return read;
  }

  private readRecentIds(): Promise<string[]> {
    const ids = this.db.papers.orderBy('lastSeenAt').reverse().limit(QUICK_SCAN).primaryKeys();
    // Read ahead: a failure here is reported by the page read that needs the ids.
    ids.catch(() => undefined);
    return ids;
  }

  /**
   * Starts reading the recent papers as soon as the user enters the keyword, before the first keystroke:
   * the few hundred ms until the next keys then read what a rare word would otherwise wait for.
   */
  prefetch(): void {
    this.readAhead();
  }

  /** After an answer, the rest of the recent papers are read a page at a time, so later keystrokes match in memory. */
  private readAhead(): void {
    if (this.index || this.recentComplete || this.reading) return;
    this.readMore().then(
      () => this.readAhead(),
      (error: unknown) => console.warn('[Paperdex] omnibox: could not read recent papers', error),
    );
  }
}

export interface OmniboxAnswer {
  suggestions: Suggestion[];
  /** The first line of the dropdown: what Enter does with the text as typed. */
  defaultDescription: string;
}

/** Suggestions for the typed text. */
export async function omniboxSuggestions(search: OmniboxSearch, text: string, markup: boolean): Promise<OmniboxAnswer> {
  const escape = markup ? escapeOmniboxXml : (value: string) => value;
  const id = arxivIdFromQuery(text);
  const records = await search.search(text);
  const suggestions = records.map((record) => ({ content: record.id, description: describePaper(record, markup) }));
  if (id) {
    const url = paperUrl(records[0], id);
    return { suggestions, defaultDescription: markup ? `Open <url>${escape(url)}</url>` : `Open ${url}` };
  }
  const typed = bounded(text.trim(), 80);
  if (!typed) return { suggestions, defaultDescription: 'Search your Paperdex library: a title, an author or an arXiv id' };
  const shown = markup ? `<match>${escape(typed)}</match>` : typed;
  // The first line names what Enter opens. Chrome takes one list of suggestions per keystroke but updates this
  // line whenever it is set: when the index comes in after the list was given, this line is what changes.
  const best = records[0];
  if (best) return { suggestions, defaultDescription: `Open “${escape(bounded(titleOf(best), 80))}”, the best match in Paperdex for ${shown}` };
  // Only the recent papers were looked at: not "no match" yet (the whole library answers once its index is in).
  if (!search.ready) return { suggestions, defaultDescription: `Looking through your whole Paperdex library for ${shown}…` };
  return { suggestions, defaultDescription: `No paper in your Paperdex library matches ${shown}` };
}

/** The URL Enter opens for the text (a chosen suggestion's id, a typed id or URL, or words); undefined: nothing. */
export async function omniboxTarget(search: OmniboxSearch, text: string): Promise<string | undefined> {
  const id = arxivIdFromQuery(text);
  let [record] = await search.search(text, 1);
  // Enter before the index was in, on words no recent paper has: the whole library decides.
  if (!record && !id && !search.ready) [record] = await search.warm().then(() => search.search(text, 1));
  if (id) {
    // A typed HF link opens on HF, whatever the library has.
    if (/^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\//i.test(text.trim()) && !id.includes('/')) return hfPaperUrl(id);
    return paperUrl(record, id);
  }
  return record ? paperUrl(record, record.id) : undefined;
}

/** The subset of `tabs` used to open a paper. */
export interface OpenTabsApi {
  create(properties: { url: string; active: boolean }): Promise<unknown>;
  update(properties: { url: string }): Promise<unknown>;
}

/** Opens `url` where the user asked: this tab, a new foreground tab, or a new background tab. */
export function openInTab(tabs: OpenTabsApi, url: string, disposition: Disposition | string): Promise<unknown> {
  if (disposition === 'newForegroundTab') return tabs.create({ url, active: true });
  if (disposition === 'newBackgroundTab') return tabs.create({ url, active: false });
  return tabs.update({ url });
}

/**
 * Wires the omnibox into the background. The index starts loading once typing pauses; answers to older
 * keystrokes that arrive late are dropped. The answer given before the index was in (the recent papers
 * only) is given again from the whole library as soon as it is, unless the user typed or left meanwhile.
 */
export function registerOmnibox(db: PaperdexDB, api: typeof browser = browser, markup = !import.meta.env.FIREFOX): OmniboxSearch | undefined {
  const omnibox = api.omnibox;
  if (!omnibox) return undefined;
  const search = new OmniboxSearch(db);
  let latest = 0;
  /** The text being typed and where its suggestions go; cleared when the input ends. */
  let typing: { text: string; suggest: (suggestions: Suggestion[]) => void } | undefined;
  const answer = (text: string, suggest: (suggestions: Suggestion[]) => void) => {
    const ask = ++latest;
    omniboxSuggestions(search, text, markup).then(
      (result) => {
        if (ask !== latest) return;
        omnibox.setDefaultSuggestion({ description: result.defaultDescription });
        suggest(result.suggestions);
      },
      (error: unknown) => console.error('[Paperdex] omnibox search failed', error),
    );
  };
  // The index is restored once typing pauses: restoring it holds the worker's thread for a while (seconds
  // at 50k papers on a slow machine), which must not fall between keystrokes; until then, quick answers.
  let pause: ReturnType<typeof setTimeout> | undefined;
  const warmWhenIdle = () => {
    clearTimeout(pause);
    if (search.ready) return;
    pause = setTimeout(() => {
      search.warm().then(
        () => {
          if (typing?.text.trim()) answer(typing.text, typing.suggest);
        },
        (error: unknown) => console.error('[Paperdex] the search index could not be loaded', error),
      );
    }, WARM_AFTER_PAUSE_MS);
  };
  omnibox.onInputStarted.addListener(() => {
    search.prefetch();
    warmWhenIdle();
  });
  omnibox.onInputChanged.addListener((text, suggest) => {
    typing = { text, suggest };
    warmWhenIdle();
    answer(text, suggest);
  });
  omnibox.onInputCancelled?.addListener(() => {
    typing = undefined;
  });
  omnibox.onInputEntered.addListener((text, disposition) => {
    typing = undefined;
    omniboxTarget(search, text)
      .then((url) => url && openInTab(api.tabs, url, disposition))
      .catch((error: unknown) => console.error('[Paperdex] could not open the paper', error));
  });
  return search;
}
