/**
 * The background holds each tab's messages to what that tab's page view listed and captured, and bounds
 * what a page view and a tab can add (utils/capture/page-views.ts), through the real message handler and database.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldPendingCaptures } from '@/utils/capture/record-capture';
import { PaperdexDB } from '@/utils/library/schema';
import { handleMessage } from '@/utils/messaging/handle-message';
import { ALL_TABS_HOUR_LIMIT, createPageViews, DOCUMENT_LIMIT, memoryArea, PAGE_VIEW_LIMIT, type PageViews, type SessionArea, TAB_HOUR_LIMIT } from '@/utils/capture/page-views';

const EXTENSION_ID = 'paperdexextensionid';
const LISTING_URL = 'https://arxiv.org/list/cs.LG/new';

function tab(id: number, url = LISTING_URL, documentId = `doc-${id}`) {
  return { id: EXTENSION_ID, url, frameId: 0, documentId, tab: { id, url } };
}
const listing = (url = LISTING_URL) => ({ site: 'arxiv', kind: 'listing', label: 'arXiv cs.LG · new', url });
/** Distinct new-style arXiv ids, from `start`. */
const ids = (count: number, start = 0) => Array.from({ length: count }, (_, at) => `2501.${String(start + at).padStart(5, '0')}`);
const papers = (list: string[]) => list.map((id) => ({ id, title: `Paper ${id}`, links: {} }));

let db: PaperdexDB;
let area: SessionArea;
let views: PageViews;
let now: number;
beforeEach(() => {
  db = new PaperdexDB(`test-${Math.random()}`);
  area = memoryArea();
  views = createPageViews(area);
  now = Date.UTC(2026, 11, 7, 12);
});
afterEach(async () => {
  await db.delete();
});

const send = (message: unknown, sender: ReturnType<typeof tab>, pageViews = views) =>
  handleMessage(db, message, sender, EXTENSION_ID, now, { pageViews });
const capture = (sender: ReturnType<typeof tab>, list: string[], url = sender.url) =>
  send({ type: 'capture', listing: listing(url), papers: papers(list), problems: [] }, sender);

describe('card states and actions are held to the page view', () => {
  it('answers states for at most a page view of papers, and acts only on papers the page view captured', async () => {
    const [shown, elsewhere] = ids(2);
    const page = tab(7);
    await capture(tab(9), [elsewhere!]); // in the library, seen in another tab
    await capture(page, [shown!]);
    await foldPendingCaptures(db);
    await send({ type: 'set-saved', id: elsewhere, saved: true }, tab(9));

    // A page may ask the state of the papers it lists, up to its limit: never the whole library.
    const filler = ids(DOCUMENT_LIMIT - 1, 10_000);
    for (let at = 0; at < filler.length; at += 2_000) await send({ type: 'paper-states', ids: filler.slice(at, at + 2_000) }, page);
    const states = await send({ type: 'paper-states', ids: [shown, elsewhere] }, page);
    expect(states).toMatchObject({ ok: true });
    expect(Object.keys((states as { states: object }).states)).toEqual([shown]);

    // A forged action on a paper this page never captured changes nothing.
    const refused = await send({ type: 'set-saved', id: elsewhere, saved: false }, page);
    expect(refused).toMatchObject({ ok: false, notOnPage: true });
    expect((await db.papers.get(elsewhere!))?.savedAt).toBeTypeOf('number');
    expect(await send({ type: 'add-tag', id: elsewhere, tag: 'planted' }, page)).toMatchObject({ ok: false, notOnPage: true });
    expect((await db.papers.get(elsewhere!))?.tags ?? []).toEqual([]);

    // Its own card: saved.
    expect(await send({ type: 'set-saved', id: shown, saved: true }, page)).toMatchObject({ ok: true, state: { saved: true } });
  });

  it('a new page view (another document, or the SPA moved to another URL) starts with nothing captured', async () => {
    const [id] = ids(1);
    await capture(tab(3), [id!]);
    await foldPendingCaptures(db);
    expect(await send({ type: 'add-tag', id, tag: 'a' }, tab(3))).toMatchObject({ ok: true });
    expect(await send({ type: 'add-tag', id, tag: 'b' }, tab(3, LISTING_URL, 'reloaded'))).toMatchObject({ ok: false, notOnPage: true });
    expect(await send({ type: 'add-tag', id, tag: 'c' }, tab(3, 'https://arxiv.org/list/cs.CV/new'))).toMatchObject({ ok: false, notOnPage: true });
    // And a closed tab is forgotten, stored records too.
    await views.tabClosed(3);
    expect(await send({ type: 'add-tag', id, tag: 'd' }, tab(3))).toMatchObject({ ok: false, notOnPage: true });
    await views.flushed();
    expect(Object.keys(await area.get(['pageview:3:0', 'pageview:3:0:0', 'budget:3']))).toEqual([]);
    expect((await db.papers.get(id!))?.tags).toEqual(['a']);
  });

  it('remembers page views across a worker restart (kept in the session area)', async () => {
    const [id] = ids(1);
    await capture(tab(4), [id!]);
    await foldPendingCaptures(db);
    await views.flushed(); // the worker stops after its writes went out
    const restarted = createPageViews(area);
    expect(await send({ type: 'set-saved', id, saved: true }, tab(4), restarted)).toMatchObject({ ok: true });
  });
});

// Thousands of papers through fake-indexeddb: seconds on a loaded 2-core machine.
describe('no flood', { timeout: 60_000 }, () => {
  it(`a page view adds at most ${PAGE_VIEW_LIMIT.toLocaleString('en-US')} papers; the rest are refused and counted for Stats`, async () => {
    const page = tab(1);
    // A full arXiv show=2000 listing lands whole...
    expect(await capture(page, ids(2_000))).toEqual({ ok: true, accepted: 2_000, skipped: 0 });
    // ...then a page that keeps appending cards stops at the limit, batch after batch.
    expect(await capture(page, ids(1_000, 2_000))).toEqual({ ok: true, accepted: PAGE_VIEW_LIMIT - 2_000, skipped: 0, refused: 2_500 - PAGE_VIEW_LIMIT + 500 });
    expect(await capture(page, ids(100, 5_000))).toEqual({ ok: true, accepted: 0, skipped: 0, refused: 100 });
    // Papers it already showed still count as seen again.
    expect(await capture(page, ids(10))).toEqual({ ok: true, accepted: 10, skipped: 0 });
    await foldPendingCaptures(db);
    expect(await db.papers.count()).toBe(PAGE_VIEW_LIMIT);
    const problem = await db.captureProblems.get('arxiv:capture-limit');
    expect(problem).toMatchObject({ count: 600, lastUrl: LISTING_URL });
    expect(problem?.lastDetail).toContain('papers in one listing');
  });

  it('client-side listings of one page each have the listing limit; the page as a whole has its own', async () => {
    // HF switches listings without a new document (Chromium keeps the sender's first URL): one page, many listings.
    const page = tab(5, 'https://huggingface.co/papers');
    const hf = (n: number) => ({ type: 'capture', listing: { site: 'hf', kind: 'daily', label: `Daily ${n}`, url: `https://huggingface.co/papers/date/2026-03-${n}` } });
    for (let day = 0; day < 4; day++) {
      expect(await send({ ...hf(day), papers: papers(ids(2_000, day * 2_000)), problems: [] }, page)).toMatchObject({ accepted: 2_000 });
    }
    // A listing shown again adds nothing new: not counted again.
    expect(await send({ ...hf(0), papers: papers(ids(2_000)), problems: [] }, page)).toEqual({ ok: true, accepted: 2_000, skipped: 0 });
    expect(await send({ ...hf(4), papers: papers(ids(2_500, 8_000)), problems: [] }, page)).toEqual({ ok: true, accepted: 2_000, skipped: 0, refused: 500 });
  });

  it(`a tab adds at most ${TAB_HOUR_LIMIT.toLocaleString('en-US')} new papers an hour, all tabs ${ALL_TABS_HOUR_LIMIT.toLocaleString('en-US')}; revisits stay free`, async () => {
    const url = (n: number) => `https://arxiv.org/list/cs.LG/pastweek?skip=${n}&show=2000`;
    // Page views of 2,000 new papers each, in one tab (as forged SPA navigations would make them).
    for (let view = 0; view < 5; view++) {
      expect(await capture(tab(1, url(view)), ids(2_000, view * 2_000))).toMatchObject({ accepted: 2_000 });
    }
    expect(await capture(tab(1, url(5)), ids(2_000, 10_000))).toEqual({ ok: true, accepted: 0, skipped: 0, refused: 2_000 });
    // Revisiting an unchanged listing queues counters only: not counted, still recorded.
    expect(await capture(tab(1, url(0), 'again'), ids(2_000, 0))).toEqual({ ok: true, accepted: 2_000, skipped: 0 });
    // Another tab has its own hour, until all tabs together reach theirs.
    for (let view = 0; view < 5; view++) {
      expect(await capture(tab(2, url(10 + view)), ids(2_000, 20_000 + view * 2_000))).toMatchObject({ accepted: 2_000 });
    }
    expect(await capture(tab(3, url(20)), ids(10, 40_000))).toMatchObject({ accepted: 0, refused: 10 });
    // An hour later, the tab may add again.
    now += 3_600_000;
    expect(await capture(tab(1, url(6)), ids(10, 50_000))).toEqual({ ok: true, accepted: 10, skipped: 0 });
    await foldPendingCaptures(db);
    expect(await db.papers.count()).toBe(ALL_TABS_HOUR_LIMIT + 10);
    expect(await db.captureProblems.get('arxiv:capture-limit')).toMatchObject({ count: 2_010 });
  });

  it('papers refused for the hour are offered again on a later visit (they are not remembered as unchanged)', async () => {
    const url = (n: number) => `https://arxiv.org/list/math.AG/pastweek?skip=${n}`;
    for (let view = 0; view < 5; view++) await capture(tab(1, url(view)), ids(2_000, view * 2_000));
    expect(await capture(tab(1, url(9)), ids(5, 90_000))).toMatchObject({ accepted: 0, refused: 5 });
    now += 3_600_000;
    expect(await capture(tab(1, url(9), 'later'), ids(5, 90_000))).toEqual({ ok: true, accepted: 5, skipped: 0 });
    await foldPendingCaptures(db);
    expect(await db.papers.bulkGet(ids(5, 90_000))).not.toContain(undefined);
  });
});
