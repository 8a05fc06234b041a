import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PaperdexDB } from '@/utils/library/schema';
import { createSaveLinkMenu, PAPER_LINK_PATTERNS, registerSaveLinkMenu, SAVE_LINK_MENU_ID, saveClickedLink } from '@/utils/ui/save-link-menu';
import { StorageHealthMonitor } from '@/utils/library/storage/storage-health';
import { failWritesAsOnAFullDisk } from '../../support/full-disk';

let db: PaperdexDB;
beforeEach(() => {
  fakeBrowser.reset();
  db = new PaperdexDB(`menu-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

/** A match pattern (scheme `*`, host `*.x` or exact, path glob) as the browser reads it. */
function matches(pattern: string, url: string): boolean {
  const [, scheme, host, path] = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
  const parsed = new URL(url);
  if (scheme === '*' ? !['http:', 'https:'].includes(parsed.protocol) : parsed.protocol !== `${scheme}:`) return false;
  const hostOk = host!.startsWith('*.') ? parsed.hostname === host!.slice(2) || parsed.hostname.endsWith(host!.slice(1)) : parsed.hostname === host;
  const glob = new RegExp(`^${path!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return hostOk && glob.test(parsed.pathname + parsed.search);
}

describe('links the menu is shown on, and the paper each saves', () => {
  it.each([
    ['https://arxiv.org/abs/2403.10001', '2403.10001'],
    ['https://arxiv.org/abs/2403.10001v3', '2403.10001'],
    ['http://export.arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001'],
    ['https://www.arxiv.org/pdf/2403.10001', '2403.10001'],
    ['https://arxiv.org/pdf/2403.10001v2.pdf', '2403.10001'],
    ['https://arxiv.org/html/2403.10001v1', '2403.10001'],
    ['https://huggingface.co/papers/2403.10001', '2403.10001'],
    ['https://huggingface.co/papers/2403.10001#community', '2403.10001'],
    ['https://hf.co/papers/2403.10001', '2403.10001'],
    ['https://huggingface.co/papers/trending', undefined],
    ['https://huggingface.co/papers/date/2026-03-11', undefined],
    ['https://arxiv.org/abs/not-an-id', undefined],
  ])('%s → %s', async (linkUrl, id) => {
    expect(PAPER_LINK_PATTERNS.some((pattern) => matches(pattern, linkUrl))).toBe(true);
    const saved = await saveClickedLink(db, { menuItemId: SAVE_LINK_MENU_ID, linkUrl }, 1_700_000_000_000);
    expect(saved?.id).toBe(id);
    if (id) expect((await db.papers.get(id))?.savedAt).toBe(1_700_000_000_000);
    else expect(await db.papers.count()).toBe(0);
  });

  it.each([
    'https://example.com/abs/2403.10001',
    'https://arxiv.org/list/cs.LG/new',
    'https://huggingface.co/2403.10001',
    'https://evil.example/?u=https://arxiv.org/abs/2403.10001',
  ])('no menu on %s', (url) => {
    expect(PAPER_LINK_PATTERNS.some((pattern) => matches(pattern, url))).toBe(false);
  });

  it('ignores other menu items and non-http links', async () => {
    expect(await saveClickedLink(db, { menuItemId: 'other', linkUrl: 'https://arxiv.org/abs/2403.10001' })).toBeUndefined();
    expect(await saveClickedLink(db, { menuItemId: SAVE_LINK_MENU_ID, linkUrl: 'javascript:alert("arxiv.org/abs/2403.10001")' })).toBeUndefined();
    expect(await saveClickedLink(db, { menuItemId: SAVE_LINK_MENU_ID })).toBeUndefined();
    expect(await db.papers.count()).toBe(0);
  });

  it('saving the same link twice changes nothing the second time', async () => {
    const click = { menuItemId: SAVE_LINK_MENU_ID, linkUrl: 'https://huggingface.co/papers/2403.10001' };
    expect(await saveClickedLink(db, click, 1)).toEqual({ id: '2403.10001', created: 1, saved: 0, alreadySaved: 0 });
    const record = await db.papers.get('2403.10001');
    expect(record?.links.hf).toBe('https://huggingface.co/papers/2403.10001');
    expect(await saveClickedLink(db, click, 2)).toEqual({ id: '2403.10001', created: 0, saved: 0, alreadySaved: 1 });
    expect(await db.papers.get('2403.10001')).toEqual(record);
  });
});

describe('menu registration', () => {
  it('creates one link item for paper links, replacing any earlier one', async () => {
    const menus = { create: vi.fn(), removeAll: vi.fn(() => Promise.resolve()) };
    await createSaveLinkMenu(menus);
    expect(menus.removeAll).toHaveBeenCalledBefore(menus.create);
    expect(menus.create).toHaveBeenCalledWith({ id: SAVE_LINK_MENU_ID, title: 'Save to Paperdex', contexts: ['link'], targetUrlPatterns: PAPER_LINK_PATTERNS });
  });

  it.each([
    [false, 'at install (Chrome MV3: menus persist)', 0],
    [true, 'at every start (Firefox MV2 background page)', 1],
  ])('persistent background %s: created %s', async (persistent, _when, atStart) => {
    const created: unknown[] = [];
    let clicked: ((info: unknown, tab?: { id?: number }) => void) | undefined;
    const api = {
      ...fakeBrowser,
      contextMenus: {
        create: (props: unknown) => created.push(props),
        removeAll: () => Promise.resolve(),
        onClicked: { addListener: (listener: typeof clicked) => void (clicked = listener) },
      },
      action: { setBadgeText: vi.fn(() => Promise.resolve()) },
    } as unknown as typeof fakeBrowser;
    registerSaveLinkMenu(db, api, persistent);
    await vi.waitFor(() => expect(created).toHaveLength(atStart));
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(created).toHaveLength(persistent ? 1 : 1));
    clicked!({ menuItemId: SAVE_LINK_MENU_ID, linkUrl: 'https://arxiv.org/abs/2403.10001' }, { id: 7 });
    await vi.waitFor(async () => expect((await db.papers.get('2403.10001'))?.savedAt).toBeDefined());
  });
});

describe('a save from the menu that the browser refuses', () => {
  it('marks the tab "✗" with a title that says why in plain words, pauses capture, and saves nothing', async () => {
    let clicked: ((info: unknown, tab?: { id?: number }) => void) | undefined;
    const action = { setBadgeText: vi.fn((_details: { text: string | null; tabId?: number }) => Promise.resolve()), setTitle: vi.fn((_details: { title: string | null; tabId?: number }) => Promise.resolve()) };
    const api = {
      ...fakeBrowser,
      contextMenus: { create: () => undefined, removeAll: () => Promise.resolve(), onClicked: { addListener: (listener: typeof clicked) => void (clicked = listener) } },
      action,
    } as unknown as typeof fakeBrowser;
    const storage = new StorageHealthMonitor();
    registerSaveLinkMenu(db, api, false, storage);
    const undo = failWritesAsOnAFullDisk();
    try {
      clicked!({ menuItemId: SAVE_LINK_MENU_ID, linkUrl: 'https://arxiv.org/abs/2403.10001' }, { id: 7 });
      await vi.waitFor(() => expect(action.setTitle).toHaveBeenCalledWith({ title: 'Not saved to Paperdex: the disk is full. Free some space on it, then try again.', tabId: 7 }));
    } finally {
      undo();
    }
    expect(action.setBadgeText).toHaveBeenCalledWith({ text: '✗', tabId: 7 });
    expect(storage.health.trouble?.reason).toBe('disk-full');
    expect(await db.papers.count()).toBe(0);
  });
});
