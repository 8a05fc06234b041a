import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUserChangeRelay } from '@/utils/library/feed/feed';
import { foldPendingCaptures } from '@/utils/capture/record-capture';
import { PaperdexDB } from '@/utils/library/schema';
import { handleMessage } from '@/utils/messaging/handle-message';
import { MAX_TAGS_PER_PAPER } from '@/utils/paper/tags';

const EXTENSION_ID = 'paperdexextensionid';
const fromContentScript = { id: EXTENSION_ID, url: 'https://huggingface.co/papers/date/2026-03-11', tab: { url: 'https://huggingface.co/papers/date/2026-03-11' } };
const listing = { site: 'hf', kind: 'daily', label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11' };
const good = { id: '2403.10001', title: 'Good paper', links: {} };

let db: PaperdexDB;
beforeEach(() => {
  db = new PaperdexDB(`test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

async function send(message: unknown, sender: Parameters<typeof handleMessage>[2] = fromContentScript) {
  const response = await handleMessage(db, message, sender, EXTENSION_ID);
  await foldPendingCaptures(db);
  return response;
}

describe('handleMessage', () => {
  it('stores a valid capture durably before answering', async () => {
    const response = await handleMessage(db, { type: 'capture', listing, papers: [good], problems: [] }, fromContentScript, EXTENSION_ID);
    expect(response).toEqual({ ok: true, accepted: 1, skipped: 0 });
    expect(await db.pendingCaptures.count()).toBe(1);
    await foldPendingCaptures(db);
    expect(await db.papers.get('2403.10001')).toMatchObject({ title: 'Good paper' });
  });

  it('accepts a capture from the arXiv content script, and counts a page that has only drift to report', async () => {
    const arxivPage = 'https://arxiv.org/list/cs.LG/new';
    const sender = { id: EXTENSION_ID, url: arxivPage, tab: { url: arxivPage } };
    const arxivListing = { site: 'arxiv', kind: 'daily', label: 'arXiv cs.LG · new', url: arxivPage };
    const paper = { ...good, primaryCategory: 'cs.LG' };
    expect(await send({ type: 'capture', listing: arxivListing, papers: [paper], problems: [] }, sender)).toEqual({ ok: true, accepted: 1, skipped: 0 });
    expect(await db.papers.get('2403.10001')).toMatchObject({ primaryCategory: 'cs.LG', sites: ['arxiv'] });
    const drift = { type: 'capture', listing: arxivListing, papers: [], problems: [{ reason: 'no-cards', count: 1 }] };
    expect(await send(drift, sender)).toEqual({ ok: true, accepted: 0, skipped: 0 });
    expect(await db.captureProblems.get('arxiv:no-cards')).toMatchObject({ count: 1, lastUrl: arxivPage });
  });

  it.each([
    ['another extension', { ...fromContentScript, id: 'someone-else' }],
    ['a page that is not a listing site', { ...fromContentScript, url: 'https://evil.example/', tab: { url: 'https://evil.example/' } }],
    ['an extension page (no tab)', { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` }],
  ])('refuses a message from %s', async (_name, sender) => {
    const response = await send({ type: 'capture', listing, papers: [good], problems: [] }, sender);
    expect(response).toEqual({ ok: false, error: 'untrusted sender' });
    expect(await db.papers.count()).toBe(0);
    expect(await db.pendingCaptures.count()).toBe(0);
  });

  it.each([
    ['not an object', 'capture'],
    ['an unknown type', { type: 'drop-database' }],
    ['a missing listing', { type: 'capture', papers: [good], problems: [] }],
    ['a listing with a javascript: URL', { type: 'capture', listing: { ...listing, url: 'javascript:alert(1)' }, papers: [good] }],
    ['an unknown listing kind', { type: 'capture', listing: { ...listing, kind: 'feed' }, papers: [good] }],
    ['papers that are not a list', { type: 'capture', listing, papers: good }],
    ['an oversized batch', { type: 'capture', listing, papers: Array.from({ length: 2_501 }, () => good) }],
  ])('rejects %s and writes nothing', async (_name, message) => {
    const response = await send(message);
    expect(response.ok).toBe(false);
    expect(await db.papers.count()).toBe(0);
    expect(await db.pendingCaptures.count()).toBe(0);
  });

  it('skips and counts broken cards, and stores the rest of the page', async () => {
    const papers = [good, { id: 'not-an-id', title: 'x', links: {} }, { id: '2403.10002' }, 'junk', { id: '2403.10003', title: 'Also good', links: {} }];
    const response = await send({ type: 'capture', listing, papers, problems: [] });
    expect(response).toEqual({ ok: true, accepted: 2, skipped: 3 });
    expect((await db.papers.toArray()).map((p) => p.id).sort()).toEqual(['2403.10001', '2403.10003']);
    expect(await db.captureProblems.get('hf:card-invalid')).toMatchObject({ count: 3 });
  });

  it('bounds hostile fields before they reach the database', async () => {
    const hostile = {
      id: '2403.10009v2',
      title: `<script>alert(1)</script>${'x'.repeat(5000)}`,
      abstract: 'y'.repeat(300_000),
      authors: Array.from({ length: 500 }, (_, i) => `Author ${i}`),
      links: { project: 'javascript:alert(1)', github: 'https://github.com/o/r' },
    };
    await send({ type: 'capture', listing, papers: [hostile], problems: [] });
    const stored = (await db.papers.get('2403.10009'))!;
    expect(stored.title.startsWith('<script>alert(1)</script>')).toBe(true);
    expect(stored.title.length).toBe(1000);
    expect(stored.abstract!.length).toBe(10_000);
    expect(stored.authors).toHaveLength(100);
    expect(stored.links).toEqual({ github: 'https://github.com/o/r' });
    expect(stored.version).toBe(2);
  });

  it('queues nothing for an empty batch', async () => {
    expect(await send({ type: 'capture', listing, papers: [], problems: [] })).toEqual({ ok: true, accepted: 0, skipped: 0 });
    expect(await db.pendingCaptures.count()).toBe(0);
  });

  it('stores page text without bidirectional controls (a title cannot be spoofed by reordering)', async () => {
    // U+202E reverses what follows it ("txt.exe" shown as "exe.txt"); the others embed, isolate or mark direction.
    const controls = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
    const spoofed = {
      id: '2403.10010',
      title: `Attention \u202eFree\u202c Lunch${controls}`,
      authors: ['\u2067Eve\u2069 Mallory', 'Ada\u200f'],
      abstract: 'First\u202e paragraph.\n\nSecond\u2066 one.',
      aiSummary: 'Summary\u202d here',
      aiKeywords: ['\u202ekey'],
      organization: 'Org\u061c',
      links: {},
    };
    const spoofedListing = { ...listing, label: `Daily\u202e 2026-03-11` };
    await send({ type: 'capture', listing: spoofedListing, papers: [spoofed], problems: [{ reason: 'no-cards', count: 1, detail: 'Bad\u202e detail' }] });
    const stored = (await db.papers.get('2403.10010'))!;
    expect(stored).toMatchObject({
      title: 'Attention Free Lunch',
      authors: ['Eve Mallory', 'Ada'],
      abstract: 'First paragraph.\n\nSecond one.',
      aiSummary: 'Summary here',
      aiKeywords: ['key'],
      organization: 'Org',
    });
    expect(stored.seenOn.map((place) => place.label)).toEqual(['Daily 2026-03-11']);
    expect(await db.captureProblems.get('hf:no-cards')).toMatchObject({ lastDetail: 'Bad detail' });
  });

  it('a card action carrying the card stores its title without bidirectional controls', async () => {
    const card = { ...good, id: '2403.10011', title: 'Saved \u202eyltnedic\u202c paper' };
    expect(await send({ type: 'set-saved', id: '2403.10011', saved: true, paper: card, listing })).toMatchObject({ ok: true });
    expect((await db.papers.get('2403.10011'))!.title).toBe('Saved yltnedic paper');
  });

  describe('a listing that is not the page that sent it', () => {
    const arxivPage = 'https://arxiv.org/list/cs.LG/new';
    const fromArxiv = { id: EXTENSION_ID, url: arxivPage, tab: { url: arxivPage } };
    it.each<[string, Record<string, unknown>, typeof fromContentScript]>([
      ['on another site', { ...listing, url: 'https://evil.example/' }, fromContentScript],
      ['on another site, on HF\'s path', { ...listing, url: 'https://evil.example/papers/date/2026-03-11' }, fromContentScript],
      ['on a look-alike host', { ...listing, url: 'https://huggingface.co.evil.example/papers' }, fromContentScript],
      ['on plain http', { ...listing, url: 'http://huggingface.co/papers' }, fromContentScript],
      ['on the other site Paperdex reads', { ...listing, url: arxivPage }, fromContentScript],
      ['an arXiv listing, sent from HF', { site: 'arxiv', kind: 'listing', label: 'cs.LG', url: arxivPage }, fromContentScript],
      ['an HF listing on arxiv.org, sent from arXiv', { ...listing, url: arxivPage }, fromArxiv],
    ])('refuses a capture whose listing is %s, and stores nothing', async (_name, badListing, sender) => {
      const response = await send({ type: 'capture', listing: badListing, papers: [good], problems: [] }, sender);
      expect(response).toEqual({ ok: false, error: 'the listing is not the page that sent it' });
      expect(await db.papers.count()).toBe(0);
      expect(await db.pendingCaptures.count()).toBe(0);
    });

    it.each([
      ['set-saved', { type: 'set-saved', id: good.id, saved: true }],
      ['add-tag', { type: 'add-tag', id: good.id, tag: 'evil' }],
    ])('refuses a %s whose card names another site as its listing, and changes nothing', async (_type, action) => {
      const card = { paper: good, listing: { ...listing, url: 'https://evil.example/' } };
      expect(await send({ ...action, ...card })).toEqual({ ok: false, error: 'the listing is not the page that sent it' });
      expect(await db.papers.count()).toBe(0);
    });

    it('still takes a card action whose card is on the sending page', async () => {
      expect(await send({ type: 'add-tag', id: good.id, tag: 'ok', paper: good, listing })).toMatchObject({ ok: true });
      expect(await db.papers.get(good.id)).toMatchObject({ tags: ['ok'], seenOn: [expect.objectContaining({ url: listing.url })] });
    });
  });

  it('clamps a published date far in the future to the time of the capture', async () => {
    const now = Date.UTC(2026, 2, 11, 9);
    const future = { ...good, id: '2403.10012', publishedAt: '2200-01-01T00:00:00.000Z' };
    const nearFuture = { ...good, id: '2403.10013', publishedAt: new Date(now + 3_600_000).toISOString() };
    await handleMessage(db, { type: 'capture', listing, papers: [future, nearFuture], problems: [] }, fromContentScript, EXTENSION_ID, now);
    await foldPendingCaptures(db);
    expect((await db.papers.get('2403.10012'))!.publishedAt).toBe(new Date(now).toISOString());
    // Within a day of the present (time zones, clocks): kept as the page gave it.
    expect((await db.papers.get('2403.10013'))!.publishedAt).toBe(new Date(now + 3_600_000).toISOString());
  });
});

describe('merge-pending (an extension page asks for the queued captures to be merged)', () => {
  const fromLibraryPage = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/library.html`, tab: { url: `chrome-extension://${EXTENSION_ID}/library.html` } };
  const fromPopup = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
  const queued = async () => {
    // A capture the worker queued and answered, then was stopped before merging.
    await handleMessage(db, { type: 'capture', listing, papers: [good, { ...good, id: '2403.10002', title: 'Second' }], problems: [] }, fromContentScript, EXTENSION_ID);
    expect(await db.pendingCaptures.count()).toBe(1);
    expect(await db.papers.count()).toBe(0);
  };

  it.each([
    ['the popup', fromPopup],
    ['the library page', fromLibraryPage],
  ])('from %s: answers once the queued papers are in the library', async (_name, sender) => {
    await queued();
    expect(await handleMessage(db, { type: 'merge-pending' }, sender, EXTENSION_ID)).toEqual({ ok: true, papers: 2, failed: 0 });
    expect((await db.papers.toArray()).map((paper) => paper.id)).toEqual(['2403.10001', '2403.10002']);
    expect(await db.pendingCaptures.count()).toBe(0);
  });

  it("runs the background's own fold chain when it is given one", async () => {
    await queued();
    const folds: string[] = [];
    const foldPending = async () => {
      folds.push('chained');
      return foldPendingCaptures(db);
    };
    expect(await handleMessage(db, { type: 'merge-pending' }, fromPopup, EXTENSION_ID, Date.now(), { foldPending })).toEqual({ ok: true, papers: 2, failed: 0 });
    expect(folds).toEqual(['chained']);
  });

  it.each([
    ['a content script', fromContentScript],
    ['another extension', { ...fromPopup, id: 'someone-else' }],
    ['a page posing as the extension', { id: EXTENSION_ID, url: 'https://evil.example/popup.html', tab: { url: 'https://evil.example/popup.html' } }],
  ])('is refused from %s', async (_name, sender) => {
    await queued();
    expect(await handleMessage(db, { type: 'merge-pending' }, sender, EXTENSION_ID)).toEqual({ ok: false, error: 'untrusted sender' });
    expect(await db.papers.count()).toBe(0);
  });

  it('says so when the merge fails', async () => {
    await queued();
    const foldPending = () => Promise.reject(new Error('disk full'));
    expect(await handleMessage(db, { type: 'merge-pending' }, fromPopup, EXTENSION_ID, Date.now(), { foldPending })).toEqual({ ok: false, error: 'disk full' });
  });
});

describe('change-paper (the popup changes a paper through the background)', () => {
  const fromPopup = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
  const ID = '2403.10001';
  const change = (body: unknown, sender: Parameters<typeof handleMessage>[2] = fromPopup, options: Parameters<typeof handleMessage>[5] = {}) =>
    handleMessage(db, { type: 'change-paper', id: ID, change: body }, sender, EXTENSION_ID, 5_000, options);
  beforeEach(async () => {
    await db.papers.put({ id: ID, title: 'Good paper', authors: [], links: {}, tags: [], firstSeenAt: 1, lastSeenAt: 1, seenCount: 1, seenOn: [], updatedAt: 1 } as never);
  });

  it('writes each action through the user-actions rule, stamps updatedAt, and tells open tabs', async () => {
    const told: unknown[] = [];
    // The background's relay to open tabs follows the change feed (entrypoints/background.ts).
    const restore = setUserChangeRelay((message) => void told.push(message));
    expect(await change({ saved: true })).toEqual({ ok: true, found: true, title: 'Good paper' });
    restore();
    expect(await db.papers.get(ID)).toMatchObject({ savedAt: 5_000, updatedAt: 5_000 });
    await change({ read: true });
    await change({ addTag: '  Reading List ' });
    await change({ addTag: 'later' });
    await change({ removeTag: 'later' });
    await change({ saved: false });
    const record = (await db.papers.get(ID))!;
    expect(record).toMatchObject({ readAt: 5_000, tags: ['reading-list'] });
    expect('savedAt' in record).toBe(false);
    expect(record.updatedAt).toBe(5_005);
    expect(told).toEqual([{ type: 'library-changed', ids: [ID] }]);
  });

  it('answers found: false for a paper not in the library (deleted elsewhere), and writes nothing', async () => {
    expect(await handleMessage(db, { type: 'change-paper', id: '2403.99999', change: { saved: true } }, fromPopup, EXTENSION_ID)).toEqual({ ok: true, found: false });
    expect(await db.papers.get('2403.99999')).toBeUndefined();
  });

  it('says why a change was refused, in plain words, and counts a storage failure', async () => {
    await db.papers.update(ID, { tags: Array.from({ length: 64 }, (_, at) => `t${at}`) });
    expect(await change({ addTag: 'one-more' })).toEqual({ ok: false, error: `A paper can have at most ${MAX_TAGS_PER_PAPER} tags.` });
    const failures: unknown[] = [];
    const storage = { writeFailed: (error: unknown) => (failures.push(error), 'the disk is full. Free some space on it, then try again') } as never;
    expect(await change({ addTag: 'one-more' }, fromPopup, { storage })).toEqual({ ok: false, error: 'the disk is full. Free some space on it, then try again' });
    expect(failures).toHaveLength(1);
  });

  it.each([
    ['two changes at once', { saved: true, read: true }],
    ['an unknown change', { note: 'x' }],
    ['a saved that is not a boolean', { saved: 'yes' }],
    ['a tag without a letter or digit', { addTag: ' ### ' }],
    ['an over-long tag', { addTag: 'x'.repeat(201) }],
    ['no change', undefined],
  ])('refuses %s', async (_name, body) => {
    expect(await change(body)).toMatchObject({ ok: false });
    expect((await db.papers.get(ID))!.updatedAt).toBe(1);
  });

  it.each([
    ['a content script', fromContentScript],
    ['another extension', { ...fromPopup, id: 'someone-else' }],
    ['a page posing as the extension', { id: EXTENSION_ID, url: 'https://evil.example/popup.html', tab: { url: 'https://evil.example/popup.html' } }],
  ])('is refused from %s (its changes are not held to a page view)', async (_name, sender) => {
    expect(await change({ saved: true }, sender)).toEqual({ ok: false, error: 'untrusted sender' });
    expect((await db.papers.get(ID))!.savedAt).toBeUndefined();
  });
});
