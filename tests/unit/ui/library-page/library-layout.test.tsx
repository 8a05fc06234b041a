/**
 * The library page's layout (components/library-page/LibraryLayout.tsx) and the paper view's Esc: in a
 * narrow window the sidebar is a drawer that its head button opens and Esc or a click beside it
 * closes; the paper view closes on Esc unless a field inside used the key.
 */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LibraryLayout } from '@/components/library-page/LibraryLayout';
import { PaperDetail } from '@/components/library-page/PaperDetail';
import { fakeActions } from './fake-actions';
import { paper } from '../../support/paper-records';
import { Mounted } from './panel-helpers';

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const key = (target: Element, name: string) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true })));

describe('LibraryLayout', () => {
  it('the "Filters & export" button opens the sidebar drawer; Esc inside it or a click beside it closes it', async () => {
    view = await new Mounted().mount(
      <LibraryLayout tabs={[{ id: 'library', label: 'Library' }]} tab="library" onTab={() => {}} sidebar={<aside class="sidebar"><button type="button">Saved</button></aside>} toolbar={<div />} bars={null} table={<div />} />,
    );
    const root = view.root;
    const toggle = view.button('Filters & export')!;
    const layout = () => root.querySelector('.layout')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(layout().classList.contains('sidebar-open')).toBe(false);
    await view.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(layout().classList.contains('sidebar-open')).toBe(true);
    await key(view.button('Saved')!, 'Escape');
    expect(layout().classList.contains('sidebar-open')).toBe(false);
    await view.click(toggle);
    await view.click(root.querySelector<HTMLElement>('.scrim')!);
    expect(layout().classList.contains('sidebar-open')).toBe(false);
  });

  it('other views (Stats, Settings) have no sidebar button, and sit in the page\'s main landmark', async () => {
    view = await new Mounted().mount(
      <LibraryLayout tabs={[{ id: 'library', label: 'Library' }, { id: 'stats', label: 'Stats' }]} tab="stats" onTab={() => {}} view={<p>Stats</p>} sidebar={null} toolbar={null} bars={null} table={null} />,
    );
    expect(view.button('Filters & export')).toBeUndefined();
    expect(view.root.querySelector('main [role="tabpanel"]')!.textContent).toBe('Stats');
  });
});

describe('PaperDetail and Esc', () => {
  it('Esc closes the paper view; an Esc a field used itself does not', async () => {
    const onClose = vi.fn();
    view = await new Mounted().mount(<PaperDetail paper={paper('2601.00001')} actions={fakeActions()} tagCounts={[]} onClose={onClose} />);
    const note = view.root.querySelector<HTMLTextAreaElement>('#paper-note')!;
    await act(() => {
      const used = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
      used.preventDefault();
      note.dispatchEvent(used);
    });
    expect(onClose).not.toHaveBeenCalled();
    await key(note, 'Escape');
    expect(onClose).toHaveBeenCalledOnce();
  });
});
