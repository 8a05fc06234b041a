/** The card's tag entry: the popup's suggestions as pills, keys as in the popup, the popup's refusal text. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { labelOf } from '@/utils/ui/card-controls/card-control';
import { createTagEntry } from '@/utils/ui/card-controls/tag-entry';

afterEach(() => {
  document.body.innerHTML = '';
});

function setup(submitted: (tag: string) => boolean = () => true) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const submit = vi.fn(async (tag: string) => submitted(tag));
  const close = vi.fn();
  const entry = createTagEntry(document, root, { submit, close });
  const shown = () => [...root.querySelectorAll('[role=option]')].map((option) => labelOf(option));
  const key = (name: string) => entry.key(new KeyboardEvent('keydown', { key: name }));
  const type = (text: string, cardTags: string[] = []) => {
    entry.input.value = text;
    entry.typed(cardTags);
  };
  return { entry, root, submit, close, shown, key, type };
}

describe('card tag entry', () => {
  it('suggests the library tags the card lacks, most used first, as pills (no native datalist)', () => {
    const { entry, root, shown, type } = setup();
    entry.setLibraryTags(['to-read', 'diffusion', 'reading-group', 'rl'], ['rl']);
    expect(shown()).toEqual(['to-read', 'diffusion', 'reading-group']);
    type('read', ['rl']);
    expect(shown()).toEqual(['reading-group', 'to-read']); // a prefix first, then a word inside
    expect(root.querySelector('datalist')).toBeNull();
    expect(root.querySelector('[role=listbox]')!.getAttribute('aria-label')).toBe('Tag suggestions');
    expect(root.querySelector('[role=option]')!.getAttribute('aria-label')).toBe('#reading-group');
  });

  it('↓ picks, Enter adds the picked suggestion and empties the field; Enter alone adds what was typed', async () => {
    const { entry, submit, key, type, root } = setup();
    entry.setLibraryTags(['to-read', 'diffusion'], []);
    type('d');
    expect(key('ArrowDown')).toBe(true);
    expect(root.querySelector('[aria-selected=true]') && labelOf(root.querySelector('[aria-selected=true]'))).toBe('diffusion');
    expect(entry.input.getAttribute('aria-activedescendant')).toBe('paperdex-tag-0');
    key('Enter');
    await vi.waitFor(() => expect(submit).toHaveBeenCalledWith('diffusion'));
    await vi.waitFor(() => expect(entry.input.value).toBe(''));
    type('new idea');
    key('Enter');
    await vi.waitFor(() => expect(submit).toHaveBeenLastCalledWith('new idea'));
  });

  it('Tab completes the first suggestion; Esc closes; other keys are the field’s', () => {
    const { entry, key, type, close } = setup();
    entry.setLibraryTags(['to-read'], []);
    type('to');
    expect(key('Tab')).toBe(true);
    expect(entry.input.value).toBe('to-read');
    expect(key('a')).toBe(false);
    expect(key('Escape')).toBe(true);
    expect(close).toHaveBeenCalled();
  });

  it('a refused tag keeps what was typed and shows the reason (generated content, not text)', async () => {
    const { entry, key, type, root } = setup(() => false);
    type('??');
    key('Enter');
    entry.showError('A tag needs a letter or a digit.');
    await Promise.resolve();
    expect(entry.input.value).toBe('??');
    expect(labelOf(root.querySelector('.error'))).toBe('A tag needs a letter or a digit.');
    expect(root.querySelector('.error')!.textContent).toBe('');
  });

  it('a click on a suggestion adds it', async () => {
    const { entry, submit, root } = setup();
    entry.setLibraryTags(['to-read'], []);
    entry.clicked(root.querySelector('[role=option]')!);
    await vi.waitFor(() => expect(submit).toHaveBeenCalledWith('to-read'));
  });
});
