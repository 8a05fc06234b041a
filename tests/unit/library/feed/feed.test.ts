/** The change feed's delivery: this context and the others, each listener once; the background's gathering relay; the index lifecycle. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FEED_CHANNEL, type LibraryChange, onLibraryChange, postLibraryChange, setUserChangeRelay } from '@/utils/library/feed/feed';
import { gatheringRelay } from '@/utils/library/feed/announce-to-tabs';
import { IndexLifecycle, SAVE_INDEX_AFTER_MS } from '@/utils/search/index-lifecycle';

const change: LibraryChange = { kind: 'papers', ids: ['2403.00001'], user: true };

afterEach(() => {
  vi.useRealTimers();
});

describe('the change feed', () => {
  it('reaches this context’s listeners once, and other contexts on its own channel', async () => {
    const here: LibraryChange[] = [];
    const stop = onLibraryChange((heard) => here.push(heard));
    const elsewhere = new BroadcastChannel(FEED_CHANNEL); // another context
    const there = new Promise<unknown>((resolve) => (elsewhere.onmessage = (event) => resolve(event.data)));
    const restore = setUserChangeRelay(() => undefined);
    postLibraryChange(change);
    expect(await there).toEqual(change);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(here).toEqual([change]);
    stop();
    restore();
    elsewhere.close();
  });

  it('hears another context’s changes, and ignores what is not a change', async () => {
    const here: LibraryChange[] = [];
    const stop = onLibraryChange((heard) => here.push(heard));
    const elsewhere = new BroadcastChannel(FEED_CHANNEL);
    elsewhere.postMessage({ kind: 'papers', ids: 'all', user: true });
    elsewhere.postMessage({ all: { d: 1 } }); // Dexie's format: not ours
    elsewhere.postMessage({ kind: 'settings' });
    await vi.waitFor(() => expect(here).toEqual([{ kind: 'settings' }]));
    stop();
    elsewhere.close();
  });

  it('relays user changes and settings to the listing tabs, never captures', () => {
    const relayed: unknown[] = [];
    const restore = setUserChangeRelay((message) => relayed.push(message));
    postLibraryChange({ kind: 'papers', ids: ['a'], user: false });
    postLibraryChange({ kind: 'papers', ids: ['b'], user: true });
    postLibraryChange({ kind: 'settings' });
    restore();
    expect(relayed).toEqual([{ type: 'library-changed', ids: ['b'] }, { type: 'settings-changed' }]);
  });
});

describe('gatheringRelay', () => {
  it('a change told twice within the window (the feed, and a page announcing it too) reaches the tabs once', () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const relay = gatheringRelay((message) => sent.push(message), 50);
    relay({ type: 'library-changed', ids: ['a', 'b'] });
    relay({ type: 'library-changed', ids: ['b'] });
    relay({ type: 'settings-changed' });
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([{ type: 'library-changed', ids: ['a', 'b'] }, { type: 'settings-changed' }]);
    relay({ type: 'library-changed', ids: ['c'] });
    vi.advanceTimersByTime(50);
    expect(sent.at(-1)).toEqual({ type: 'library-changed', ids: ['c'] });
  });
});

describe('IndexLifecycle', () => {
  it('opens once, and stores the index once, SAVE_INDEX_AFTER_MS after the last catch-up that changed it', async () => {
    vi.useFakeTimers();
    const index = { unsaved: false, refresh: vi.fn(async () => 0), save: vi.fn(async () => undefined) };
    const opener = vi.fn(async () => index);
    const lifecycle = new IndexLifecycle(opener);
    await Promise.all([lifecycle.open(), lifecycle.open()]);
    expect(opener).toHaveBeenCalledTimes(1);
    await lifecycle.catchUp();
    vi.advanceTimersByTime(SAVE_INDEX_AFTER_MS * 2);
    expect(index.save).not.toHaveBeenCalled(); // nothing changed
    index.unsaved = true;
    await lifecycle.catchUp();
    vi.advanceTimersByTime(SAVE_INDEX_AFTER_MS - 100);
    await lifecycle.catchUp(); // a burst: the wait starts again
    vi.advanceTimersByTime(SAVE_INDEX_AFTER_MS - 100);
    expect(index.save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(index.save).toHaveBeenCalledTimes(1);
    await lifecycle.catchUp();
    lifecycle.cancelSave();
    vi.advanceTimersByTime(SAVE_INDEX_AFTER_MS);
    expect(index.save).toHaveBeenCalledTimes(1);
  });
});
