/**
 * The way to the library page is a labelled link in the popup's header (no longer a bare icon in the
 * help line), and the first run says how to open the popup again: the toolbar shortcut as the browser
 * has it, or where to set one when the browser left it unbound.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { FirstRun } from '@/components/popup/EmptyState';
import { HelpLine } from '@/components/popup/HelpLine';
import { LibraryLink } from '@/components/popup/LibraryLink';
import { ShortcutHint } from '@/components/popup/ShortcutHint';
import { readPopupShortcut } from '@/utils/ui/popup/shortcut';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

async function shown(node: preact.ComponentChild): Promise<void> {
  await act(async () => {
    render(node, root);
  });
  await act(async () => undefined);
}

describe('the library link', () => {
  it('is a visible, named link to the library page, opened in a tab', () => {
    render(<LibraryLink />, root);
    const link = root.querySelector<HTMLAnchorElement>('a.library-link')!;
    expect(link.textContent).toBe('Library');
    expect(link.getAttribute('href')).toBe('/library.html');
    expect(link.target).toBe('_blank');
    expect(link.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('is no longer in the help line', () => {
    render(<HelpLine />, root);
    expect(root.querySelector('a')).toBeNull();
  });
});

describe('the toolbar shortcut', () => {
  it('reads the popup command of either manifest version; unbound is "", unreadable is undefined', async () => {
    const api = (commands: { name?: string; shortcut?: string }[]) => ({ getAll: async () => commands });
    expect(await readPopupShortcut(api([{ name: 'other', shortcut: 'Ctrl+Q' }, { name: '_execute_action', shortcut: 'Alt+Shift+P' }]))).toBe('Alt+Shift+P');
    expect(await readPopupShortcut(api([{ name: '_execute_browser_action', shortcut: '' }]))).toBe('');
    expect(await readPopupShortcut(api([{ name: '_execute_action' }]))).toBe('');
    expect(await readPopupShortcut(api([]))).toBeUndefined();
    expect(await readPopupShortcut({ getAll: () => Promise.reject(new Error('no')) })).toBeUndefined();
    expect(await readPopupShortcut(undefined)).toBeUndefined();
  });

  it('shows the keys when bound', async () => {
    await shown(<ShortcutHint read={async () => 'Alt+Shift+P'} firefox={false} />);
    expect(root.textContent).toBe('Open Paperdex any time with Alt+Shift+P.');
    expect([...root.querySelectorAll('kbd')].map((kbd) => kbd.textContent)).toEqual(['Alt', 'Shift', 'P']);
  });

  it('says where to set one when unbound, per browser', async () => {
    await shown(<ShortcutHint read={async () => ''} firefox={false} />);
    expect(root.textContent).toContain('No keyboard shortcut opens Paperdex yet.');
    expect(root.textContent).toContain('chrome://extensions/shortcuts');
    await shown(<ShortcutHint read={async () => ''} firefox />);
    expect(root.textContent).toContain('Add-ons and themes, click the gear, then Manage Extension Shortcuts');
  });

  it('says nothing when it cannot be read', async () => {
    await shown(<ShortcutHint read={async () => undefined} />);
    expect(root.innerHTML).toBe('');
  });
});

describe('the first run', () => {
  it('names Hugging Face and arXiv, with links opened in a new tab without an opener', async () => {
    await shown(<FirstRun readShortcut={async () => 'Alt+Shift+P'} />);
    expect(root.textContent).toContain('Hugging Face Papers or arXiv listings');
    const links = [...root.querySelectorAll<HTMLAnchorElement>('a')];
    expect(links.map((link) => link.href)).toEqual(['https://huggingface.co/papers', 'https://arxiv.org/list/cs.LG/recent']);
    for (const link of links) {
      expect(link.target).toBe('_blank');
      expect(link.rel).toBe('noopener noreferrer');
    }
    expect(root.textContent).toContain('Alt+Shift+P');
  });
});
