/**
 * The Settings section "Automatic backups" over a fake `storage.local` (WXT's fake browser): turning on
 * asks for the `downloads` permission from the click and, granted, turns backups on and asks for a first
 * backup; refused, they stay off and it says why; the last good backup, the next one and a failure are
 * shown from the background's status.
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BackupSetting, type PermissionsApi } from '@/components/library-page/settings/BackupSetting';
import { BackupNotice } from '@/components/popup/BackupNotice';
import { REQUEST_KEY, SETTINGS_KEY, STATUS_KEY } from '@/utils/library/backup/backup-store';
import { Mounted } from './panel-helpers';

let view: Mounted;
const T = new Date(2026, 11, 7, 9, 30).getTime();
const HOUR = 3_600_000;
const stored = async (key: string) => (await fakeBrowser.storage.local.get(key))[key];

beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  await view?.unmount();
});

function permissions(granted: boolean) {
  const api = {
    asked: 0,
    request: vi.fn(async () => {
      api.asked++;
      return granted;
    }),
    remove: vi.fn(async () => true),
  };
  return api satisfies PermissionsApi;
}

const checkbox = () => view.root.querySelector<HTMLInputElement>('input[type=checkbox]')!;
const button = () => [...view.root.querySelectorAll('button')].find((candidate) => /Back up now|Backing up/.test(candidate.textContent ?? ''))!;

async function click(element: HTMLElement) {
  await act(() => element.click());
}

describe('BackupSetting', () => {
  it('turning on asks for the downloads permission; granted, backups are on and a first backup is asked for', async () => {
    const api = permissions(true);
    view = await new Mounted().mount(<BackupSetting permissions={api} now={T} />);
    await view.until(() => view.root.querySelector('input[type=checkbox]'), 'the switch');
    expect(checkbox().checked).toBe(false);
    expect(button().disabled).toBe(true);
    expect(view.figure('Backups', 'Last good backup')).toBe('none yet');
    await click(checkbox());
    expect(api.request).toHaveBeenCalledWith({ permissions: ['downloads'] });
    await view.eventually(async () => (await stored(SETTINGS_KEY)) !== undefined && (await stored(REQUEST_KEY)) !== undefined, 'settings and the request');
    expect(await stored(SETTINGS_KEY)).toEqual({ enabled: true, suggestionDone: true });
    await view.until(() => checkbox().checked && button().textContent === 'Backing up…', 'on, backing up');
    expect(view.figure('Backups', 'Next backup')).toBe('now');
  });

  it('refused, backups stay off and it says why', async () => {
    view = await new Mounted().mount(<BackupSetting permissions={permissions(false)} now={T} />);
    await view.until(() => view.root.querySelector('input[type=checkbox]'), 'the switch');
    await click(checkbox());
    const alert = await view.until(() => view.root.querySelector('[role=alert]'), 'the refusal');
    expect(alert.textContent).toMatch(/Backups stay off: the browser did not give Paperdex permission/);
    expect(checkbox().checked).toBe(false);
    expect(await stored(SETTINGS_KEY)).toBeUndefined();
  });

  it('shows the last good backup and the next; a failure after it is a warning with the reason', async () => {
    const good = { path: '/d/Paperdex/paperdex-backup-2026-12-07.json.gz', name: 'Paperdex/paperdex-backup-2026-12-07.json.gz', at: T, papers: 1234, bytes: 2_500_000 };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { enabled: true, suggestionDone: true }, [STATUS_KEY]: { files: [good], lastGood: good } });
    view = await new Mounted().mount(<BackupSetting permissions={permissions(true)} now={T + HOUR} />);
    await view.until(() => view.figure('Backups', 'File'), 'the file');
    expect(view.figure('Backups', 'Last good backup')).toMatch(/ · 1,234 papers · 2\.5 MB$/);
    expect(view.figure('Backups', 'File')).toBe(good.name);
    expect(view.figure('Backups', 'Next backup')).toBe(new Date(T + 24 * HOUR).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
    expect(view.root.querySelector('[role=alert]')).toBeNull();
    expect(button().disabled).toBe(false);

    await act(() => fakeBrowser.storage.local.set({ [STATUS_KEY]: { files: [good], lastGood: good, lastFailure: { at: T + 25 * HOUR, reason: 'the disk is full' } } }));
    const alert = await view.until(() => view.root.querySelector('[role=alert]'), 'the warning');
    expect(alert.textContent).toMatch(/^The last backup failed \(.+\): the disk is full\. Paperdex tries again within the hour\.$/);
  });

  it('a backup asked for an empty library ends with a note, not a wait', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { enabled: true, suggestionDone: true }, [REQUEST_KEY]: T, [STATUS_KEY]: { files: [] } });
    view = await new Mounted().mount(<BackupSetting permissions={permissions(true)} now={T} />);
    await view.until(() => button()?.textContent === 'Backing up…', 'backing up');
    await act(() => fakeBrowser.storage.local.set({ [STATUS_KEY]: { files: [], handledRequest: T, lastSkip: { at: T + 5, reason: 'the library is empty, so there is nothing to back up' } } }));
    const note = await view.until(() => view.root.querySelector('[role=status]'), 'the note');
    expect(note.textContent).toMatch(/^No backup on .+: the library is empty, so there is nothing to back up\.$/);
    expect(button().textContent).toBe('Back up now');
  });

  it('turning off stores it and gives the permission back', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { enabled: true, suggestionDone: true } });
    const api = permissions(true);
    view = await new Mounted().mount(<BackupSetting permissions={api} now={T} />);
    await view.until(() => checkbox()?.checked, 'on');
    await click(checkbox());
    await view.eventually(async () => ((await stored(SETTINGS_KEY)) as { enabled: boolean }).enabled === false, 'off');
    await view.eventually(async () => api.remove.mock.calls.length > 0, 'the permission given back');
    expect(api.remove).toHaveBeenCalledWith({ permissions: ['downloads'] });
    expect(api.request).not.toHaveBeenCalled();
  });
});

describe('BackupNotice (popup)', () => {
  it('suggests backups once: dismissed, never again; says nothing while backups work; warns when they fail', async () => {
    view = await new Mounted().mount(<BackupNotice />);
    const dismiss = await view.until(() => view.root.querySelector<HTMLButtonElement>('button[aria-label="Don\'t suggest backups again"]'), 'the suggestion');
    expect(view.root.textContent).toMatch(/Keep a daily backup of your library in your downloads\? Set up backups/);
    expect(view.root.querySelector('a')?.getAttribute('href')).toBe('/library.html#settings');
    await click(dismiss);
    await view.until(() => view.root.textContent === '', 'the suggestion gone');
    expect(await stored(SETTINGS_KEY)).toEqual({ enabled: false, suggestionDone: true });
    await view.unmount();

    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { enabled: true, suggestionDone: true }, [STATUS_KEY]: { files: [] } });
    view = await new Mounted().mount(<BackupNotice />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(view.root.textContent).toBe('');
    await act(() => fakeBrowser.storage.local.set({ [STATUS_KEY]: { files: [], lastFailure: { at: T, reason: 'the disk is full' } } }));
    const alert = await view.until(() => view.root.querySelector('[role=alert]'), 'the warning');
    expect(alert.textContent).toBe('Backups are failing: the disk is full. Backup settings');
  });
});
