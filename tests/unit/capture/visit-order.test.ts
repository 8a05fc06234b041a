/**
 * "Last seen, newest first" lists one page visit in the page's order, in every view: the popup's recent
 * list (its own IndexedDB connection, the `lastSeenAt` index), the library page's sort and the omnibox
 * (which walks the same index). The ids are chosen so that neither id order (ascending or descending)
 * is the page's order.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldPendingCaptures, queueCapture, sightingTimes } from '@/utils/capture/record-capture';
import { REVISIT_WINDOW_MS } from '@/utils/capture/merge';
import { PaperdexDB } from '@/utils/library/schema';
import type { CapturedPaper, Listing } from '@/utils/paper/record';
import { openLibraryConnection, PlainLibraryDb } from '@/utils/ui/popup/plain-library-db';
import { PaperListLoader } from '@/utils/ui/popup/paper-list';
import { DEFAULT_SORT, sortRows } from '@/utils/ui/library-page/sort-filter';
import { toTableRow } from '@/utils/ui/library-page/table-rows';

const listing: Listing = { site: 'hf', kind: 'daily', label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11' };
const PAGE = ['2403.10005', '2403.10001', '2403.10009', '2403.10003', '2403.10007'];

function paper(id: string, extra: Partial<CapturedPaper> = {}): CapturedPaper {
  return { id, title: `Paper ${id}`, abstract: `Abstract ${id}`, links: {}, ...extra };
}

let db: PaperdexDB;
let library: PlainLibraryDb;
beforeEach(() => {
  db = new PaperdexDB(`test-${Math.random()}`);
});
afterEach(async () => {
  library?.close();
  await db.delete();
});

async function popupRecent(): Promise<string[]> {
  library = new PlainLibraryDb((await openLibraryConnection(db.name))!);
  const loader = new PaperListLoader(library, { recentLimit: 50 });
  const view = await loader.load('', { kind: 'all' }, await library.cursor());
  return view.papers.map((row) => row.id);
}

async function librarySorted(): Promise<string[]> {
  return sortRows((await db.papers.toArray()).map(toTableRow), DEFAULT_SORT).map((row) => row.id);
}

describe('one page visit, newest first', () => {
  // Digests older than 14 days are pruned by the fold: these captures are recent.
  const now = Date.now() - 2 * REVISIT_WINDOW_MS;

  it('keeps the page order in the popup and in the library', async () => {
    await queueCapture(db, { listing, papers: PAGE.map((id) => paper(id)), problems: [] }, now);
    await foldPendingCaptures(db);
    expect(await popupRecent()).toEqual(PAGE);
    expect(await librarySorted()).toEqual(PAGE);
    // Only milliseconds apart: no view shows a different time.
    const times = (await db.papers.bulkGet(PAGE)).map((record) => record!.lastSeenAt);
    expect(Math.max(...times) - Math.min(...times)).toBe(PAGE.length - 1);
    expect(times[0]).toBe(now);
  });

  it('a revisit with the cards reordered (some changed, some not) follows the new page order', async () => {
    await queueCapture(db, { listing, papers: PAGE.map((id) => paper(id)), problems: [] }, now);
    await foldPendingCaptures(db);
    // Revisited later: two cards changed (queued in full), the others as counters only, in a new order.
    const again = [PAGE[3]!, PAGE[0]!, PAGE[4]!, PAGE[1]!, PAGE[2]!];
    const later = now + REVISIT_WINDOW_MS + 1;
    const papers = again.map((id) => paper(id, id === PAGE[0] || id === PAGE[2] ? { abstract: 'revised' } : {}));
    await queueCapture(db, { listing, papers, problems: [] }, later);
    const [row] = await db.pendingCaptures.toArray();
    expect(row!.seen?.length).toBe(3);
    await foldPendingCaptures(db);
    expect(await popupRecent()).toEqual(again);
    expect(await librarySorted()).toEqual(again);
    expect(await db.papers.get(PAGE[3]!)).toMatchObject({ lastSeenAt: later, seenCount: 2 });
  });

  it('a page split over several queue rows keeps its order across them', async () => {
    const big = Array.from({ length: 60 }, (_, i) => paper(`2403.${String(20000 + ((i * 37) % 60))}`, { abstract: 'x'.repeat(2_000) }));
    await queueCapture(db, { listing, papers: big, problems: [] }, now);
    expect(await db.pendingCaptures.count()).toBeGreaterThan(1);
    await foldPendingCaptures(db);
    expect(await librarySorted()).toEqual(big.map((entry) => entry.id));
  });

  it('rows queued without an order (before it was kept) are all seen at their time', () => {
    const at = sightingTimes({ at: 1_000 });
    expect([at(0), at(1), at(2)]).toEqual([1_000, 1_000, 1_000]);
    const ordered = sightingTimes({ at: 1_000, order: [2, 0] });
    expect([ordered(0), ordered(1)]).toEqual([998, 1_000]);
  });
});
