/**
 * The Settings view rendered with Preact in happy-dom over a fake-indexeddb library: the retention
 * preview counts what applying removes, applying removes exactly that, and every setting persists.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SettingsView } from '@/entrypoints/library/views';
import { PaperdexDB } from '@/utils/library/schema';
import { readSettings, updateSettings } from '@/utils/library/settings';
import { DAY, Mounted, paper } from './panel-helpers';
import { actionsOver, WithLibrary } from './with-library';

let db: PaperdexDB;
let view: Mounted;
const now = Date.now();
const ago = (days: number) => ({ firstSeenAt: now - days * DAY - DAY, lastSeenAt: now - days * DAY, updatedAt: now - days * DAY });

beforeEach(async () => {
  db = new PaperdexDB(`settings-panel-${Math.random()}`);
  await db.papers.bulkPut([
    paper('2601.00001', ago(100)),
    paper('2601.00002', ago(120)),
    paper('2601.00003', ago(200)),
    paper('2601.00004', { ...ago(400), savedAt: now - 400 * DAY }),
    paper('2601.00005', { ...ago(400), note: 'Keep: it cites us' }),
    paper('2601.00006', { ...ago(400), tags: ['survey'] }),
    paper('2601.00007', ago(3)),
  ]);
});
afterEach(async () => {
  await view?.unmount();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

// With the page's real live rows: the preview is counted from them, the run removes from the database.
const mount = async () => (view = await new Mounted().mount(<WithLibrary db={db} view={(library) => <SettingsView db={db} library={library} actions={actionsOver(db)} />} />));
const retentionSelect = () => view.root.querySelector<HTMLSelectElement>('#pd-retention');
const ids = async () => (await db.papers.toCollection().primaryKeys()).sort();
const typeDays = (field: HTMLInputElement, text: string) =>
  act(() => {
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });

describe('layout', () => {
  it('shows each setting as a section with a heading and a sentence on what it is for', async () => {
    await mount();
    await view.until(() => view.root.querySelector('section.pd-setting'), 'the sections');
    const sections = [...view.root.querySelectorAll('section.pd-setting')];
    expect(sections.map((section) => section.querySelector('h2')?.textContent)).toEqual(['History', 'Listing pages', 'Keyboard shortcut', 'Storage', 'Automatic backups', 'Sync']);
    for (const section of sections) {
      expect(section.getAttribute('aria-labelledby')).toBe(section.querySelector('h2')?.id);
      expect(section.querySelector('.pd-lede')?.textContent?.length).toBeGreaterThan(20);
    }
  });
});

describe('history retention', () => {
  it('shows how many papers a value would remove, and removes exactly those when confirmed', async () => {
    await mount();
    const select = await view.until(retentionSelect, 'the retention select');
    expect(select.value).toBe('forever');
    await view.choose(select, '90');
    await view.until(() => view.root.textContent?.includes('This removes 3 papers now'), 'the preview');
    expect(await db.papers.count()).toBe(7); // nothing removed by the preview

    await view.choose(select, '180');
    const remove = await view.until(() => view.button('Remove 1 paper'), 'the preview for 180 days');
    await view.click(remove);
    await view.until(() => view.root.querySelector('[role="status"]')?.textContent?.includes('Removed 1 paper.'), 'the outcome');
    expect(await ids()).toEqual(['2601.00001', '2601.00002', '2601.00004', '2601.00005', '2601.00006', '2601.00007']);
    expect(await db.removedPapers.toCollection().primaryKeys()).toEqual(['2601.00003']);
    expect((await readSettings(db)).retentionDays).toBe(180);
    await view.until(() => retentionSelect()?.value === '180' && !view.root.querySelector('.pd-confirm'), 'the new current value');
  });

  it('changes nothing when cancelled', async () => {
    await mount();
    const select = await view.until(retentionSelect, 'the retention select');
    await view.choose(select, '30');
    await view.click(await view.until(() => view.button('Remove 3 papers'), 'the preview'));
    // ^ 30 days: the three untouched old papers. Now try a second change and cancel it.
    await view.until(() => view.root.textContent?.includes('Removed 3 papers.'), 'the first outcome');
    await updateSettings(db, { retentionDays: 365 });
    await view.until(() => retentionSelect()?.value === '365', 'the value changed elsewhere');
    await view.choose(retentionSelect()!, '30');
    await view.click(await view.until(() => view.button('Cancel'), 'the confirmation'));
    expect(retentionSelect()!.value).toBe('365');
    expect((await readSettings(db)).retentionDays).toBe(365);
    expect(await db.papers.count()).toBe(4);
  });

  it('says when a value removes nothing, and applies it', async () => {
    await updateSettings(db, { retentionDays: 90 });
    await mount();
    await view.until(() => retentionSelect()?.value === '90', 'the stored value');
    await view.choose(retentionSelect()!, 'forever');
    await view.click(await view.until(() => view.button('Apply'), 'the confirmation'));
    await view.until(() => view.root.textContent?.includes('Papers are now kept forever.'), 'the outcome');
    expect((await readSettings(db)).retentionDays).toBeNull();
    expect(await db.papers.count()).toBe(7);
  });

  it('keeps papers for any number of days typed under "Custom…"; a number out of range changes nothing', async () => {
    await mount();
    const select = await view.until(retentionSelect, 'the retention select');
    await view.choose(select, 'custom');
    const days = await view.until(() => view.root.querySelector<HTMLInputElement>('#pd-retention-days'), 'the days field');
    expect(view.root.querySelector('label[for="pd-retention-days"]')!.textContent).toBe('Number of days');
    for (const bad of ['3', '40000', '12.5', '']) {
      await typeDays(days, bad);
      await view.until(() => view.root.textContent?.includes('Enter a whole number of days from 7 to 36,500.'), `the message for ${JSON.stringify(bad)}`);
      expect(days.getAttribute('aria-invalid')).toBe('true');
      expect(view.root.querySelector('.pd-confirm'), bad).toBeNull();
    }
    // 110 days: the papers last seen 120 and 200 days ago go, the one seen 100 days ago stays.
    await typeDays(days, '110');
    await view.click(await view.until(() => view.button('Remove 2 papers'), 'the preview for 110 days'));
    await view.until(() => view.root.textContent?.includes('Papers are now kept 110 days after you last saw them. Removed 2 papers.'), 'the outcome');
    expect((await readSettings(db)).retentionDays).toBe(110);
    expect(await ids()).toEqual(['2601.00001', '2601.00004', '2601.00005', '2601.00006', '2601.00007']);
    // The stored value is now offered in the list, as current.
    await view.until(() => retentionSelect()?.value === '110' && !view.root.querySelector('#pd-retention-days'), 'the new current value');
    expect([...retentionSelect()!.options].map((option) => option.textContent)).toContain('110 days (current)');
  });

  it('a value chosen as soon as the field shows (before the first paint\'s effects) is kept', async () => {
    // Rendered without act(), so Preact runs effects after paint as in the page; the choice is made in
    // the same task the select appears in (a MutationObserver callback), before those effects.
    const root = document.createElement('div');
    document.body.append(root);
    const chose = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        const select = root.querySelector<HTMLSelectElement>('#pd-retention');
        if (!select) return;
        observer.disconnect();
        select.value = '90';
        select.dispatchEvent(new Event('change', { bubbles: true }));
        resolve();
      });
      observer.observe(root, { childList: true, subtree: true });
    });
    render(<WithLibrary db={db} view={(library) => <SettingsView db={db} library={library} actions={actionsOver(db)} />} />, root);
    try {
      await chose;
      const deadline = Date.now() + 3_000;
      while (!root.textContent?.includes('This removes 3 papers now') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(root.querySelector<HTMLSelectElement>('#pd-retention')!.value).toBe('90');
      expect(root.textContent).toContain('This removes 3 papers now');
    } finally {
      render(null, root);
      root.remove();
    }
  });

  it('offers a stored value that is not among the usual ones', async () => {
    await updateSettings(db, { retentionDays: 60 });
    await mount();
    const select = await view.until(() => retentionSelect()?.value === '60' && retentionSelect(), 'the stored value');
    expect([...select.options].map((option) => option.textContent)).toEqual(['30 days', '60 days (current)', '90 days', '180 days', '1 year', 'Forever', 'Custom…']);
  });
});

describe('dim seen papers', () => {
  it('persists the choice and tells open listing pages', async () => {
    const sent = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await mount();
    const checkbox = await view.until(() => view.root.querySelector<HTMLInputElement>('input[type="checkbox"]:not([disabled])'), 'the checkbox');
    expect(checkbox.closest('label')!.textContent).toBe("Dim papers I've already seen on listing pages");
    expect(checkbox.checked).toBe(false);
    await view.click(checkbox);
    await view.eventually(async () => (await readSettings(db)).dimSeen, 'dimSeen stored');
    await view.until(() => sent.mock.calls.length > 0, 'the announcement');
    expect(sent).toHaveBeenCalledWith({ type: 'settings-changed' });
    await view.until(() => checkbox.checked, 'checked');
    await view.click(checkbox);
    await view.eventually(async () => !(await readSettings(db)).dimSeen, 'dimSeen cleared');
    await view.until(() => !checkbox.checked, 'unchecked');
  });

  it('shows the stored value', async () => {
    await updateSettings(db, { dimSeen: true });
    await mount();
    await view.until(() => view.root.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked, 'checked');
  });
});

describe('card controls per site', () => {
  const box = (name: string) => [...view.root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((input) => input.closest('label')!.textContent === name);

  it('each site: Save/Tag and seen marks, on by default; a change is stored for that site and told to open pages', async () => {
    const sent = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await mount();
    const hfControls = await view.until(() => { const input = box('Save and Tag on Hugging Face cards'); return input && !input.disabled && input; }, 'the HF checkbox');
    expect(hfControls.checked).toBe(true);
    expect(box('"Seen" marks on arXiv cards')!.checked).toBe(true);
    await view.click(hfControls);
    await view.eventually(async () => (await readSettings(db)).cardControls.hf.controls === false, 'HF controls off stored');
    expect((await readSettings(db)).cardControls.arxiv).toEqual({ controls: true, seenMarks: true });
    await view.until(() => sent.mock.calls.some(([message]) => (message as { type?: string }).type === 'settings-changed'), 'the announcement');
    await view.click(box('"Seen" marks on arXiv cards')!);
    await view.eventually(async () => (await readSettings(db)).cardControls.arxiv.seenMarks === false, 'arXiv seen marks off stored');
    await view.until(() => !box('Save and Tag on Hugging Face cards')!.checked, 'unchecked');
  });
});

describe('keyboard shortcut', () => {
  const shortcutText = () => view.root.querySelector('.pd-shortcut')?.textContent;
  const commands = (list: { name: string; shortcut: string }[]) =>
    vi.spyOn(browser.commands, 'getAll').mockImplementation((() => Promise.resolve(list)) as typeof browser.commands.getAll);

  it("shows the browser's shortcut for the popup", async () => {
    commands([{ name: '_execute_action', shortcut: 'Ctrl+Shift+Y' }]);
    await mount();
    await view.until(() => shortcutText()?.includes('Ctrl+Shift+Y'), 'the shortcut');
    expect([...view.root.querySelectorAll('.pd-key')].map((key) => key.textContent)).toEqual(['Ctrl', 'Shift', 'Y']);
  });

  it('says when no shortcut is set', async () => {
    commands([{ name: '_execute_action', shortcut: '' }]);
    await mount();
    await view.until(() => shortcutText()?.includes('no shortcut set'), 'no shortcut');
  });

  it("falls back to the manifest's default when the browser can't say", async () => {
    await mount();
    await view.until(() => shortcutText()?.includes('Alt+Shift+P (the default)'), 'the default');
    expect(view.root.textContent).toContain('chrome://extensions/shortcuts');
  });
});

describe('storage', () => {
  function stubStorage(persisted: boolean, grant: boolean) {
    const storage = {
      estimate: vi.fn(async () => ({ usage: 12_345_678, quota: 10 ** 12 })),
      persisted: vi.fn(async () => persisted),
      persist: vi.fn(async () => {
        persisted = grant;
        return grant;
      }),
    };
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { storage }));
    return storage;
  }
  afterEach(() => vi.unstubAllGlobals());
  const figure = (label: string) => view.figure('Storage', label);

  it('shows the space used and asks for persistent storage', async () => {
    const storage = stubStorage(false, true);
    await mount();
    await view.until(() => figure('Used on this device') === '12 MB', 'the usage');
    // Health in words first; persistent storage is a detail, optional.
    expect(view.root.querySelector('.pd-health')?.textContent).toBe('Healthy. Your library is saved in this browser profile only, 12 MB in all.');
    expect(view.root.textContent).toContain('Optional: the library is safe without it.');
    expect(figure('Persistent')).toBe('No');
    await view.click(view.button('Make storage persistent')!);
    await view.until(() => figure('Persistent') === 'Yes', 'persistent');
    expect(storage.persist).toHaveBeenCalledOnce();
    expect(view.button('Make storage persistent')).toBeUndefined();
  });

  it('says so when the browser declines', async () => {
    stubStorage(false, false);
    await mount();
    await view.click(await view.until(() => view.button('Make storage persistent'), 'the button'));
    await view.until(() => view.root.textContent?.includes('The browser declined'), 'the refusal');
    expect(figure('Persistent')).toBe('No');
  });
});
