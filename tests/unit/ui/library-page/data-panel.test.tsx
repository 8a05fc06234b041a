/**
 * The Data panel: Export is disabled on an empty library, saying why; the import field is drawn as a
 * button (its label) around the named, focusable file input; a refused file is said in plain words.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataPanel } from '@/components/library-page/DataPanel';
import { importLibraryFile } from '@/utils/library/io/import';
import { PaperdexDB } from '@/utils/library/schema';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

const actions = (importFile = vi.fn()) => ({ exportLibrary: vi.fn(), importLibraryFile: importFile });
const exportButtons = () => [...root.querySelectorAll<HTMLButtonElement>('.export button')];

describe('DataPanel', () => {
  it('disables Export on an empty library, with the reason as its description', () => {
    render(<DataPanel actions={actions()} libraryCount={0} />, root);
    expect(exportButtons().length).toBeGreaterThan(0);
    for (const button of exportButtons()) {
      expect(button.disabled).toBe(true);
      expect(root.querySelector(`#${button.getAttribute('aria-describedby')}`)!.textContent).toBe('Nothing to export yet: the library is empty.');
    }
    render(<DataPanel actions={actions()} libraryCount={3} />, root);
    expect(exportButtons().map((button) => button.disabled)).toEqual(exportButtons().map(() => false));
  });

  it('the import control is a button-styled label around the named file input', () => {
    render(<DataPanel actions={actions()} libraryCount={0} />, root);
    const input = root.querySelector<HTMLInputElement>('input[type="file"][aria-label="Import"]')!;
    const label = input.closest('label')!;
    expect(label.classList.contains('button')).toBe(true);
    expect(label.textContent).toBe('Import…');
    expect(input.tabIndex).toBe(0);
    expect(input.disabled).toBe(false);
  });

  it('a file that is not a Paperdex export is refused in plain words, without the file’s keys', async () => {
    const db = new PaperdexDB(`test-${Math.random()}`);
    const importFile = vi.fn((file: File) => importLibraryFile(db, file));
    render(<DataPanel actions={actions(importFile)} libraryCount={0} />, root);
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    const file = new File(['{"hello": "world"}'], 'notes.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(async () => void input.dispatchEvent(new Event('change', { bubbles: true })));
    for (let tries = 0; tries < 50 && !root.querySelector('[role="alert"]'); tries++) await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    const alert = root.querySelector('[role="alert"]')!.textContent!;
    expect(alert).toBe('notes.json was not imported: not a Paperdex export (it is JSON, but not a library saved by Paperdex). Your library is unchanged.');
    expect(alert).not.toMatch(/"format"|paperdex-library/);
    await db.delete();
  });
});
