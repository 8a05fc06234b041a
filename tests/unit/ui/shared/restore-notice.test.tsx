/**
 * The notice after a restore from the copy of the user's marks: shown from storage.local (also when
 * the restore finishes while the view is open), gone for every view once dismissed, and nothing shown
 * for a stored value that is not a notice.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RestoreNotice } from '@/components/shared/RestoreNotice';
import { NOTICE_KEY } from '@/utils/library/marks-copy/notice';

const root = document.createElement('div');
document.body.append(root);
beforeEach(() => fakeBrowser.reset());
afterEach(() => render(null, root));

const notice = { at: 1, cause: 'database-lost', papers: 37, saved: 30, tagged: 12, read: 0, noted: 2 };

it('says what was restored, and is dismissed for good', async () => {
  await fakeBrowser.storage.local.set({ [NOTICE_KEY]: notice });
  await act(() => render(<RestoreNotice />, root));
  await vi.waitFor(() => expect(root.textContent).toContain('Paperdex restored 37 papers (30 saved, 12 tagged, 2 with notes) from its backup copy after the browser deleted its database.'));
  expect(root.querySelector('[role="status"]')).not.toBeNull();
  await act(() => root.querySelector<HTMLButtonElement>('button[aria-label="Dismiss the restore notice"]')!.click());
  expect(root.textContent).toBe('');
  expect(await fakeBrowser.storage.local.get(NOTICE_KEY)).toEqual({});
});

it('appears when a restore finishes while the view is open, and ignores what is not a notice', async () => {
  await fakeBrowser.storage.local.set({ [NOTICE_KEY]: { ...notice, papers: '<b>37</b>' } });
  await act(() => render(<RestoreNotice />, root));
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(root.textContent).toBe('');
  await act(() => fakeBrowser.storage.local.set({ [NOTICE_KEY]: { ...notice, papers: 1, saved: 1, tagged: 0, noted: 0, cause: 'papers-lost' } }));
  await vi.waitFor(() => expect(root.textContent).toContain('Paperdex restored 1 paper (1 saved) from its backup copy that had gone missing from its database.'));
});
