/**
 * The Settings section "Sync" over a fake `storage.local`: off by default; the switch writes the setting the
 * background follows; the background's status reads as room used of 100 KB, the last sync, the devices seen,
 * what did not fit ("412 notes don't fit in browser sync") and ignored remote items in plain words.
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SyncSetting } from '@/components/library-page/settings/SyncSetting';
import { SYNC_SETTINGS_KEY, SYNC_STATUS_KEY } from '@/utils/library/sync/sync-store';
import { ignoredLines, leftOutLines } from '@/utils/library/sync/sync-text';
import { Mounted } from './panel-helpers';

let view: Mounted;
const T = new Date(2026, 11, 7, 9, 30).getTime();
const stored = async (key: string) => (await fakeBrowser.storage.local.get(key))[key];
const checkbox = () => view.root.querySelector<HTMLInputElement>('input[type=checkbox]')!;

beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  await view?.unmount();
});

describe('SyncSetting', () => {
  it('is off until the user turns it on; the switch writes the setting', async () => {
    view = await new Mounted().mount(<SyncSetting />);
    await view.until(() => view.root.querySelector('input[type=checkbox]'), 'the switch');
    expect(checkbox().checked).toBe(false);
    expect(view.root.textContent).toContain("Sync marks through your browser's sync");
    await act(() => checkbox().click());
    await view.eventually(async () => (await stored(SYNC_SETTINGS_KEY)) !== undefined, 'the setting');
    expect(await stored(SYNC_SETTINGS_KEY)).toEqual({ enabled: true, offerDone: true });
    await view.until(() => checkbox().checked && view.root.querySelector('dl'), 'on, with its facts');
    expect(view.figure('Browser sync', 'Last sync')).toBe('not yet');
  });

  it('shows room used, last sync, devices, what did not fit and ignored items in plain words', async () => {
    await fakeBrowser.storage.local.set({
      [SYNC_SETTINGS_KEY]: { enabled: true },
      [SYNC_STATUS_KEY]: {
        device: 'aaaa0001',
        lastReadAt: T,
        bytesUsed: 51_200,
        devices: [{ device: 'aaaa0001', bytes: 40_000 }, { device: 'bbbb0002', bytes: 11_200, lastWriteAt: T - 60_000 }],
        leftOut: { papers: 0, notes: 412, titles: 1 },
        ignored: [{ key: 'd:cccc0003:0', reason: 'format 2 is newer than this Paperdex reads (1)' }, { key: 'd:cccc0003:1', reason: 'expected , at 4' }],
        ignoredCount: 2,
      },
    });
    view = await new Mounted().mount(<SyncSetting />);
    await view.until(() => view.root.querySelector('dl'), 'the facts');
    expect(view.figure('Browser sync', 'Browser sync used')).toBe('50 KB of 100 KB (50%)');
    expect(view.figure('Browser sync', 'Devices seen')).toBe('this one and 1 other');
    expect(view.root.querySelector('[aria-label="Other devices"]')!.textContent).toMatch(/Device bbbb0002: 11 KB, last wrote/);
    expect(view.root.textContent).toContain("412 notes don't fit in browser sync; 1 title doesn't fit in browser sync. They stay in this library.");
    expect(view.root.textContent).toContain('1 item written by a newer version of Paperdex');
    expect(view.root.textContent).toContain('1 item damaged, or not written by Paperdex');
  });
});

describe('sync texts', () => {
  it('names what did not fit, nothing when all fits', () => {
    expect(leftOutLines({ papers: 3, notes: 412, titles: 0 })).toEqual(["3 marked papers don't fit in browser sync", "412 notes don't fit in browser sync"]);
    expect(leftOutLines({ papers: 0, notes: 0, titles: 0 })).toEqual([]);
  });
  it('groups ignored items by reason, and counts the ones not kept', () => {
    const items = [{ key: 'a', reason: 'clock ahead: a stamp 48 h past' }, { key: 'b', reason: 'clock ahead: a stamp 50 h past' }, { key: 'c', reason: 'bad base64' }];
    expect(ignoredLines(items, 25)).toEqual([
      "2 items written by a device whose clock is ahead (read once this device's time catches up)",
      '1 item damaged, or not written by Paperdex',
      '22 more items not shown',
    ]);
  });
});
