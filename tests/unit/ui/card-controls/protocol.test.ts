/**
 * The controls' messages: validation table (parseMessage), who may send what, and the background's
 * answers through handleMessage on a real (fake-indexeddb) library.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUserChangeRelay } from '@/utils/library/feed/feed';
import { createFoldChain } from '@/utils/capture/fold-chain';
import { foldPendingCaptures, queueCapture, recordCapture } from '@/utils/capture/record-capture';
import { PaperdexDB } from '@/utils/library/schema';
import { handleMessage } from '@/utils/messaging/handle-message';
import { readAnnouncement, relayToListingTabs } from '@/utils/library/feed/announce-to-tabs';
import { isAllowedSender, parseMessage } from '@/utils/messaging/messages';
import type { Listing } from '@/utils/paper/record';
import { updateSettings } from '@/utils/library/settings';

const EXTENSION_ID = 'paperdexextensionid';
const ORIGIN = `chrome-extension://${EXTENSION_ID}`;
const fromHf = { id: EXTENSION_ID, url: 'https://huggingface.co/papers/date/2026-03-11', tab: { url: 'https://huggingface.co/papers/date/2026-03-11' } };
const fromPopup = { id: EXTENSION_ID, url: `${ORIGIN}/popup.html` };
const fromEvil = { id: EXTENSION_ID, url: 'https://evil.example/', tab: { url: 'https://evil.example/' } };
const listing: Listing = { site: 'hf', kind: 'daily', label: 'Daily 2026-03-11', url: 'https://huggingface.co/papers/date/2026-03-11' };
const paper = { id: '2403.10001', title: 'A paper', links: {} };

describe('parseMessage: control messages', () => {
  it.each([
    ['paper-states', { type: 'paper-states', ids: ['2403.10001', 'hep-th/9901001'] }, { type: 'paper-states', ids: ['2403.10001', 'hep-th/9901001'] }],
    ['paper-states with tags', { type: 'paper-states', ids: [], withTags: true }, { type: 'paper-states', ids: [], withTags: true }],
    ['set-saved', { type: 'set-saved', id: '2403.10001', saved: true }, { type: 'set-saved', id: '2403.10001', saved: true }],
    ['set-saved with its card', { type: 'set-saved', id: '2403.10001', saved: true, paper, listing }, { type: 'set-saved', id: '2403.10001', saved: true, paper: expect.objectContaining({ id: '2403.10001', title: 'A paper' }), listing }],
    ['add-tag (normalised)', { type: 'add-tag', id: '2403.10001', tag: '  Reading List!! ' }, { type: 'add-tag', id: '2403.10001', tag: 'reading-list' }],
    ['remove-tag', { type: 'remove-tag', id: '2403.10001', tag: 'to-read' }, { type: 'remove-tag', id: '2403.10001', tag: 'to-read' }],
    ['library-changed', { type: 'library-changed', ids: ['2403.10001'] }, { type: 'library-changed', ids: ['2403.10001'] }],
    ['settings-changed (extra fields dropped)', { type: 'settings-changed', dimSeen: 'yes' }, { type: 'settings-changed' }],
  ])('accepts %s', (_name, raw, expected) => {
    const parsed = parseMessage(raw);
    expect(parsed.ok && parsed.message).toEqual(expected);
  });

  it.each([
    ['ids not a list', { type: 'paper-states', ids: '2403.10001' }],
    ['a versioned id', { type: 'paper-states', ids: ['2403.10001v2'] }],
    ['a URL for an id', { type: 'paper-states', ids: ['https://arxiv.org/abs/2403.10001'] }],
    ['too many ids', { type: 'paper-states', ids: Array.from({ length: 2_501 }, () => '2403.10001') }],
    ['set-saved without saved', { type: 'set-saved', id: '2403.10001' }],
    ['set-saved with a string', { type: 'set-saved', id: '2403.10001', saved: 'true' }],
    ['set-saved with a bad id', { type: 'set-saved', id: '../../x', saved: true }],
    ['a card for another paper', { type: 'set-saved', id: '2403.10002', saved: true, paper, listing }],
    ['a card without its listing', { type: 'set-saved', id: '2403.10001', saved: true, paper }],
    ['a card with a javascript: listing', { type: 'add-tag', id: '2403.10001', tag: 'x', paper, listing: { ...listing, url: 'javascript:alert(1)' } }],
    ['an empty tag', { type: 'add-tag', id: '2403.10001', tag: ' !!! ' }],
    ['a huge tag', { type: 'add-tag', id: '2403.10001', tag: 'a'.repeat(201) }],
    ['a tag that is not text', { type: 'remove-tag', id: '2403.10001', tag: ['x'] }],
    ['library-changed without ids', { type: 'library-changed' }],
    ['an unknown type', { type: 'delete-library' }],
  ])('rejects %s', (_name, raw) => {
    expect(parseMessage(raw).ok).toBe(false);
  });
});

describe('isAllowedSender', () => {
  it.each([
    ['capture', fromHf, true],
    ['paper-states', fromHf, true],
    ['set-saved', fromEvil, false],
    ['set-saved', fromPopup, false],
    ['library-changed', fromPopup, true],
    ['library-changed', { ...fromPopup, url: `${ORIGIN}/library.html`, tab: { url: `${ORIGIN}/library.html` } }, true],
    ['library-changed', fromHf, false],
    ['settings-changed', { id: EXTENSION_ID, url: 'chrome-extension://someoneelse/popup.html' }, false],
    ['settings-changed', { id: 'other', url: `${ORIGIN}/popup.html` }, false],
  ] as const)('%s from %j → %s', (type, sender, allowed) => {
    expect(isAllowedSender(type, sender, EXTENSION_ID)).toBe(allowed);
  });

  it('checks the Firefox origin of extension pages when given', () => {
    const firefox = { id: EXTENSION_ID, url: 'moz-extension://1234-abcd/popup.html' };
    expect(isAllowedSender('settings-changed', firefox, EXTENSION_ID, 'moz-extension://1234-abcd')).toBe(true);
    expect(isAllowedSender('settings-changed', firefox, EXTENSION_ID)).toBe(false);
  });
});

describe('handleMessage: controls', () => {
  let db: PaperdexDB;
  beforeEach(() => {
    db = new PaperdexDB(`controls-${Math.random()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('answers the state of known papers, the dim-seen setting and, when asked, the library tags', async () => {
    await recordCapture(db, { listing, papers: [paper, { ...paper, id: '2403.10002' }], problems: [] }, 1_000);
    await handleMessage(db, { type: 'add-tag', id: '2403.10002', tag: 'to-read' }, fromHf, EXTENSION_ID);
    await updateSettings(db, { dimSeen: true });
    const response = await handleMessage(db, { type: 'paper-states', ids: ['2403.10001', '2403.10002', '2403.19999'], withTags: true }, fromHf, EXTENSION_ID);
    expect(response).toEqual({
      ok: true,
      dimSeen: true,
      cardControls: { hf: { controls: true, seenMarks: true }, arxiv: { controls: true, seenMarks: true } },
      tags: ['to-read'],
      states: {
        '2403.10001': { saved: false, tags: [], read: false, seenCount: 1, firstSeenAt: 1_000, lastSeenAt: 1_000 },
        '2403.10002': { saved: false, tags: ['to-read'], read: false, seenCount: 1, firstSeenAt: 1_000, lastSeenAt: 1_000 },
      },
    });
  });

  it('saves a paper whose capture is not in the library yet from the card it carries, and announces it (the change feed relays it)', async () => {
    const announced: string[][] = [];
    const restore = setUserChangeRelay((message) => announced.push(message.type === 'library-changed' ? message.ids : []));
    try {
      const response = await handleMessage(db, { type: 'set-saved', id: paper.id, saved: true, paper, listing }, fromHf, EXTENSION_ID, 5_000, {});
      expect(response).toEqual({ ok: true, state: { saved: true, tags: [], read: false, seenCount: 1, firstSeenAt: 5_000, lastSeenAt: 5_000 } });
      expect(await db.papers.get(paper.id)).toMatchObject({ title: 'A paper', savedAt: 5_000 });
      expect(announced).toEqual([[paper.id]]);
      // The capture arriving afterwards keeps the user's decision, and is not relayed (never per capture).
      await queueCapture(db, { listing, papers: [{ ...paper, title: 'A paper, revised' }], problems: [] }, 6_000);
      await foldPendingCaptures(db);
      expect(await db.papers.get(paper.id)).toMatchObject({ title: 'A paper, revised', savedAt: 5_000 });
      expect(announced).toEqual([[paper.id]]);
    } finally {
      restore();
    }
  });

  it('an action on an unknown paper without its card is refused and writes nothing', async () => {
    const response = await handleMessage(db, { type: 'set-saved', id: paper.id, saved: true }, fromHf, EXTENSION_ID);
    expect(response).toEqual({ ok: false, error: 'This paper is not in the library yet.' });
    expect(await db.papers.count()).toBe(0);
  });

  it('reads states after the captures queued before them are merged (afterFold), so a pending capture counts', async () => {
    await queueCapture(db, { listing, papers: [paper], problems: [] }, 1_000);
    let folded = false;
    // The background's own chain: the merge asked when the capture arrived runs before the read.
    const chain = createFoldChain({ paused: async () => false, foldPending: () => foldPendingCaptures(db), onFolded: () => (folded = true) });
    void chain.fold();
    const response = await handleMessage(db, { type: 'paper-states', ids: [paper.id] }, fromHf, EXTENSION_ID, 2_000, { afterFold: chain.afterFold });
    expect(folded).toBe(true);
    expect(response.ok && 'states' in response && response.states[paper.id]?.seenCount).toBe(1);
  });

  it('an extension page announces; a content script may not; a page may not act on cards', async () => {
    const announced: unknown[] = [];
    const options = { announce: (message: unknown) => announced.push(message), extensionOrigin: ORIGIN };
    expect(await handleMessage(db, { type: 'settings-changed' }, fromPopup, EXTENSION_ID, 0, options)).toEqual({ ok: true });
    expect(await handleMessage(db, { type: 'library-changed', ids: ['2403.10001'] }, fromHf, EXTENSION_ID, 0, options)).toEqual({ ok: false, error: 'untrusted sender' });
    expect(await handleMessage(db, { type: 'set-saved', id: paper.id, saved: true, paper, listing }, fromEvil, EXTENSION_ID, 0, options)).toEqual({ ok: false, error: 'untrusted sender' });
    expect(announced).toEqual([{ type: 'settings-changed' }]);
    expect(await db.papers.count()).toBe(0);
  });
});

describe('announcements', () => {
  it('the relay tells every live tab that may be a listing page, and survives tabs that refuse', async () => {
    const sent: number[] = [];
    const tabs = {
      query: async () => [
        { id: 1 }, // URL hidden (no tabs permission): told
        { id: 2, url: 'https://huggingface.co/papers/trending' },
        { id: 3, url: 'https://example.com/' },
        { id: 4, discarded: true },
        { id: 5, url: 'https://arxiv.org/list/cs.LG/new' },
        {},
      ],
      sendMessage: async (id: number) => {
        sent.push(id);
        if (id === 1) throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    };
    expect(await relayToListingTabs(tabs, { type: 'library-changed', ids: ['2403.10001'] })).toBe(3);
    expect(sent.sort()).toEqual([1, 2, 5]);
  });

  it.each([
    ['from the background', { id: EXTENSION_ID, url: `${ORIGIN}/background.js` }, { type: 'library-changed', ids: ['2403.10001'] }, true],
    ['from another extension', { id: 'other' }, { type: 'library-changed', ids: ['2403.10001'] }, false],
    ['from a tab', fromHf, { type: 'settings-changed' }, false],
    ['not an announcement', { id: EXTENSION_ID }, { type: 'set-saved', id: '2403.10001', saved: true }, false],
    ['malformed', { id: EXTENSION_ID }, { type: 'library-changed', ids: ['<img>'] }, false],
  ])('a content script reads an announcement %s: %s', (_name, sender, raw, accepted) => {
    expect(readAnnouncement(raw, sender, EXTENSION_ID) !== undefined).toBe(accepted);
  });
});
