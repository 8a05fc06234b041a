/**
 * The Stats view rendered with Preact in happy-dom over a fake-indexeddb library, fed by the page's real
 * row loading (`useLibraryRows`): the numbers shown are the library's, they follow changes, they wait for
 * the whole library, and capture problems read as plain text.
 */
import 'fake-indexeddb/auto';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SYNC_SETTINGS_KEY, SYNC_STATUS_KEY } from '@/utils/library/sync/sync-store';
import { weekTrend } from '@/components/library-page/StatsPanel';
import { StatsView } from '@/entrypoints/library/views';
import { PaperdexDB } from '@/utils/library/schema';
import { weekStart } from '@/utils/ui/library-page/stats';
import type { LoadedRows } from '@/utils/ui/library-page/loaded-rows';
import { toTableRow } from '@/utils/ui/library-page/table-rows';
import { DAY, Mounted, paper } from './panel-helpers';
import { WithLibrary } from './with-library';
import { writtenElsewhere } from '../../support/change-contract';

let db: PaperdexDB;
let view: Mounted;
const now = Date.now();
const thisWeek = weekStart(now);

beforeEach(async () => {
  db = new PaperdexDB(`stats-panel-${Math.random()}`);
  await db.papers.bulkPut([
    // This week: 3 papers.
    paper('2611.00001', { firstSeenAt: thisWeek, lastSeenAt: thisWeek, savedAt: now, tags: ['to-read', 'survey'] }),
    paper('2611.00002', { firstSeenAt: thisWeek + 1, lastSeenAt: thisWeek + 1, readAt: now, sites: ['arxiv'] }),
    paper('2611.00003', { firstSeenAt: thisWeek + 2, lastSeenAt: thisWeek + 2, sites: ['hf', 'arxiv'], tags: ['survey'] }),
    // Four weeks ago: 2 papers (the second seen again this week).
    paper('2610.00004', { firstSeenAt: thisWeek - 4 * 7 * DAY + DAY, lastSeenAt: thisWeek - 4 * 7 * DAY + DAY, savedAt: now, readAt: now }),
    paper('2610.00005', { firstSeenAt: thisWeek - 4 * 7 * DAY + 2 * DAY, lastSeenAt: thisWeek + 3 }),
    // A year ago: outside the chart.
    paper('2511.00006', { firstSeenAt: thisWeek - 365 * DAY, lastSeenAt: thisWeek - 365 * DAY }),
  ]);
  view = await new Mounted().mount(<WithLibrary db={db} view={(library) => <StatsView db={db} library={library} />} />);
});
afterEach(async () => {
  await view.unmount();
  db.close();
  await db.delete();
});

describe('StatsPanel', () => {
  it('shows the totals and the counts per source', async () => {
    await view.until(() => view.figure('Totals', 'Seen') && view.figure('By source', 'Hugging Face') && view.figure('Totals', 'Tagged'), 'totals');
    expect(view.figure('Totals', 'Seen')).toBe('6');
    expect(view.figure('Totals', 'Saved')).toBe('2');
    expect(view.figure('Totals', 'Read')).toBe('2');
    expect(view.figure('Totals', 'Tagged')).toBe('2');
    expect(view.figure('By source', 'Hugging Face')).toBe('5');
    expect(view.figure('By source', 'arXiv')).toBe('2');
  });

  it('charts papers seen per week, new ones apart, with the same numbers as a table', async () => {
    const chart = await view.until(() => view.root.querySelector('svg[role="img"]'), 'the chart');
    // 2610.00005 was first seen four weeks ago and seen again this week: in both weeks, new only in the first.
    expect(chart.getAttribute('aria-label')).toContain('5 papers seen in the last 26 weeks, 5 of them new; 4 this week (3 new)');
    const rows = [...view.root.querySelectorAll('table tbody tr')].map((row) => [
      row.querySelector('th')!.textContent,
      ...[...row.querySelectorAll('td')].map((cell) => cell.textContent),
    ]);
    expect(rows).toHaveLength(26);
    expect(rows[0]!.slice(1)).toEqual(['4', '3']);
    expect(rows[4]!.slice(1)).toEqual(['2', '2']);
    expect(rows.filter(([, seen]) => seen !== '0')).toHaveLength(2);
    expect(rows[0]![0]).toMatch(/^Week of [A-Z][a-z]{2} \d{1,2}/);
    // Per week a bar of the papers seen and, over it, one of the new ones; the tallest for this week.
    const heights = (selector: string) => [...chart.querySelectorAll(selector)].map((bar) => Number(bar.getAttribute('height')));
    const seen = heights('rect.pd-bar:not(.pd-bar-new)');
    const firstSeen = heights('rect.pd-bar-new');
    expect(seen).toHaveLength(26);
    expect(firstSeen).toHaveLength(26);
    expect(Math.max(...seen)).toBe(seen.at(-1));
    expect(firstSeen.at(-1)).toBeLessThan(seen.at(-1)!);
    expect(firstSeen[21]).toBe(seen[21]);
    expect(seen.filter((height) => height > 0)).toHaveLength(2);
  });

  it('follows the library as it changes', async () => {
    await view.until(() => view.figure('Totals', 'Seen') === '6', 'six papers');
    await writtenElsewhere(db, ['2611.00007'], () => db.papers.put(paper('2611.00007', { firstSeenAt: now, savedAt: now })));
    await view.until(() => view.figure('Totals', 'Seen') === '7', 'seven papers');
    await view.until(() => view.figure('Totals', 'Saved') === '3', 'three saved');
  });

  it('while the page is still loading rows, shows progress and no figure', async () => {
    const partial: LoadedRows = { rows: new Map([['2611.00001', toTableRow(paper('2611.00001'))]]), version: 1, loaded: 1, complete: false };
    const loading = await new Mounted().mount(<StatsView db={db} library={partial} />);
    try {
      await loading.until(() => loading.root.textContent?.includes('Loading the library… 1 papers so far'), 'the progress');
      expect(loading.figure('Totals', 'Seen')).toBeUndefined();
      expect(loading.root.querySelector('svg[role="img"]')).toBeNull();
    } finally {
      await loading.unmount();
    }
  });

  it('follows papers removed elsewhere, and counts tags removed', async () => {
    await view.until(() => view.figure('Totals', 'Tagged') === '2', 'two tagged');
    await writtenElsewhere(db, ['2611.00001'], async () => {
      await db.papers.delete('2611.00001');
      await db.removedPapers.put({ id: '2611.00001', at: Date.now() + 1 });
    });
    await view.until(() => view.figure('Totals', 'Seen') === '5', 'five papers');
    expect(view.figure('Totals', 'Tagged')).toBe('1');
    expect(view.figure('Totals', 'Saved')).toBe('1');
  });

  it('says there is no reading list yet when no paper is tagged', async () => {
    await writtenElsewhere(db, ['2611.00001', '2611.00003'], async () => {
      await db.papers.update('2611.00001', { tags: [] });
      await db.papers.update('2611.00003', { tags: [] });
    });
    await view.until(() => view.root.textContent?.includes('No reading lists yet.'), 'no reading lists');
    expect(view.root.querySelector('ul[aria-label="Reading lists"]')).toBeNull();
  });

  it('says there are no capture problems when there are none', async () => {
    await view.until(() => view.root.textContent?.includes('None: every page Paperdex read looked the way it expects.'), 'no problems');
  });

  it('explains capture problems in plain words, page text shown as text', async () => {
    const hostile = '<img src=x onerror="alert(1)">';
    await writtenElsewhere(db, [], () => db.captureProblems.bulkPut([
      { key: 'hf:card-invalid', site: 'hf', reason: 'card-invalid', count: 12, firstAt: Date.UTC(2026, 10, 3, 12), lastAt: now - 1000, lastUrl: `https://huggingface.co/papers?q=${hostile}`, lastDetail: hostile },
      { key: 'arxiv:no-cards', site: 'arxiv', reason: 'no-cards', count: 1, firstAt: now - 2000, lastAt: now - 2000, lastUrl: 'https://arxiv.org/list/cs.LG/new' },
    ]));
    const list = await view.until(() => view.root.querySelector('ul[aria-label="Capture problems"]'), 'the problems');
    const items = [...list.querySelectorAll('li')];
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toMatch(/^Hugging Face pages changed: 12 cards could not be read since Nov 3(, 2026)?\./);
    expect(items[0]!.textContent).toContain(`Detail: ${hostile}`);
    expect(items[1]!.textContent).toContain('arXiv pages changed: no paper could be found on 1 page since');
    expect(view.root.querySelector('img')).toBeNull();
    expect(view.root.querySelector('a')).toBeNull();
  });
});

describe('StatsPanel, a library three days old', () => {
  let young: PaperdexDB;
  let shown: Mounted;
  const today = new Date(now).setHours(0, 0, 0, 0);
  beforeEach(async () => {
    young = new PaperdexDB(`stats-young-${Math.random()}`);
    await young.papers.bulkPut([
      paper('2612.00001', { firstSeenAt: today, lastSeenAt: today, tags: ['to-read', 'agents'] }),
      paper('2612.00002', { firstSeenAt: today + 1, lastSeenAt: today + 1, tags: ['to-read'] }),
      paper('2612.00003', { firstSeenAt: today - 2 * DAY, lastSeenAt: today - 2 * DAY, savedAt: now }),
    ]);
    shown = await new Mounted().mount(<WithLibrary db={young} view={(library) => <StatsView db={young} library={library} />} />);
  });
  afterEach(async () => {
    await shown.unmount();
    young.close();
    await young.delete();
  });

  it("leads with this week's papers and how that compares with last week", async () => {
    const seenThisWeek = [today, today + 1, today - 2 * DAY].filter((at) => at >= thisWeek).length;
    await shown.until(() => shown.figure('This week', 'Papers seen'), "this week's figure");
    expect(shown.figure('This week', 'Papers seen')).toBe(String(seenThisWeek));
    // Today is this week; two days ago is this week or last (on a Monday or Tuesday).
    const lastWeek = 3 - seenThisWeek;
    expect(shown.root.querySelector('.pd-trend')?.textContent).toContain(lastWeek ? `${seenThisWeek - lastWeek} more than last week (${lastWeek})` : 'none last week');
  });

  it('words the trend against last week', () => {
    expect([weekTrend(12, 5), weekTrend(3, 5), weekTrend(5, 5), weekTrend(4, 0), weekTrend(0, 0)]).toEqual([
      '7 more than last week (5)',
      '2 fewer than last week (5)',
      'as many as last week',
      'none last week',
      'none last week either',
    ]);
  });

  it('charts days, not 26 mostly empty weeks, with the same numbers as a table', async () => {
    const chart = await shown.until(() => shown.root.querySelector('svg[role="img"]'), 'the chart');
    expect(chart.getAttribute('aria-label')).toMatch(/^Bar chart of papers seen per day over the last 7 days/);
    expect(chart.getAttribute('aria-label')).toContain('3 papers seen in the last 7 days, 3 of them new; 2 today (2 new)');
    expect(chart.querySelectorAll('rect.pd-bar-new')).toHaveLength(7);
    const rows = [...shown.root.querySelectorAll('table tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual(['2', '2']);
    expect(rows[2]).toEqual(['1', '1']);
    expect(shown.root.querySelector('#pd-stats-chart')?.textContent).toBe('Papers seen per day');
  });

  it('lists the reading lists, tags with their numbers of papers', async () => {
    const lists = await shown.until(() => shown.root.querySelector('ul[aria-label="Reading lists"]'), 'the reading lists');
    expect([...lists.querySelectorAll('li')].map((item) => item.textContent)).toEqual(['#to-read2 papers', '#agents1 paper']);
  });
});

describe('StatsPanel: remote sync items ignored', () => {
  const note = () => view.root.querySelector('.pd-sync-ignored-note');
  const IGNORED = {
    ignored: [
      { key: 'd:cccc0003:0', reason: 'format 2 is newer than this Paperdex reads (1)' },
      { key: 'd:cccc0003:1', reason: 'expected , at 4' },
      { key: 'd:cccc0003:2', reason: 'not a marks chunk' },
    ],
    ignoredCount: 3,
  };
  /** Long enough for the note to show if it were going to (storage reads resolve at once). */
  const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));
  afterEach(() => fakeBrowser.reset());

  it('says, in the Storage card, how many items from another browser were ignored and why, while sync is on', async () => {
    await act(() => fakeBrowser.storage.local.set({ [SYNC_SETTINGS_KEY]: { enabled: true }, [SYNC_STATUS_KEY]: IGNORED }));
    const shown = await view.until(note, 'the note');
    expect(shown.closest('section')?.querySelector('h2')?.textContent).toBe('Storage');
    expect(shown.textContent).toBe(
      '3 items from another browser were ignored: 2 damaged, or not written by Paperdex; 1 written by a newer version of Paperdex (update Paperdex here to read it). Your library is unchanged.',
    );
    // Sync turned off: no note.
    await act(() => fakeBrowser.storage.local.set({ [SYNC_SETTINGS_KEY]: { enabled: false } }));
    await view.until(() => !note(), 'the note gone');
  });

  it('says nothing while sync is on and every remote item was applied, nor while sync is off', async () => {
    await act(() => fakeBrowser.storage.local.set({ [SYNC_SETTINGS_KEY]: { enabled: true }, [SYNC_STATUS_KEY]: { ignored: [], ignoredCount: 0 } }));
    await settle();
    expect(note()).toBeNull();
    await act(() => fakeBrowser.storage.local.set({ [SYNC_SETTINGS_KEY]: { enabled: false }, [SYNC_STATUS_KEY]: IGNORED }));
    await settle();
    expect(note()).toBeNull();
  });
});
