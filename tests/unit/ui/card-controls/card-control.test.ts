/** One control, alone: its words are the popup's, its Save button's name is its label, its box says nothing. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buttonLabel, type ControlActions, controlRoot, createCardControl, labelOf } from '@/utils/ui/card-controls/card-control';
import { TAG_NEEDS_LETTER } from '@/utils/paper/tags';

afterEach(() => {
  document.body.innerHTML = '';
});

const NOW = new Date(2026, 10, 27, 15, 0).getTime();

function mount(overrides: Partial<ControlActions> = {}) {
  const actions: ControlActions = {
    toggleSave: vi.fn(),
    addTag: vi.fn(async () => undefined),
    removeTag: vi.fn(),
    libraryTags: vi.fn(async () => ['to-read']),
    ...overrides,
  };
  const control = createCardControl(document, '2603.00001', actions, 'light', () => true, { place: 'overlay' });
  document.body.append(control.host);
  const root = controlRoot(control.host)!;
  const click = (selector: string) => root.querySelector<HTMLElement>(selector)!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  const typeAndEnter = (text: string) => {
    const input = root.querySelector('input')!;
    input.value = text;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  };
  return { control, actions, root, click, typeAndEnter };
}

describe('card control', () => {
  it('Save / Saved: the accessible name is the label, the width the widest label', () => {
    const { control, root } = mount();
    const save = root.querySelector('.save')!;
    expect([buttonLabel(save), save.getAttribute('aria-label')]).toEqual(['Save', 'Save']);
    control.render({ saved: true, tags: [], read: false }, NOW);
    expect([buttonLabel(save), save.getAttribute('aria-label'), save.getAttribute('aria-pressed')]).toEqual(['Saved', 'Saved', 'true']);
    expect(labelOf(save.querySelector('.sizer'))).toBe('Saved');
    expect(save.querySelector('.sizer')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('a tag without a letter or digit is refused in the popup’s words, without asking the library', async () => {
    const { actions, root, click, typeAndEnter } = mount();
    click('.tag');
    typeAndEnter('??');
    await Promise.resolve();
    expect(actions.addTag).not.toHaveBeenCalled();
    expect(labelOf(root.querySelector('.panel .error'))).toBe(TAG_NEEDS_LETTER);
    expect(TAG_NEEDS_LETTER).toBe('A tag needs a letter or a digit.');
  });

  it('a tag the library refuses says so as the popup does ("Tag not added: <reason>.")', async () => {
    const { root, click, typeAndEnter } = mount({ addTag: vi.fn(async () => Promise.reject(new Error('A paper can have at most 50 tags.'))) });
    click('.tag');
    typeAndEnter('one more');
    await vi.waitFor(() => expect(labelOf(root.querySelector('.panel .error'))).toBe('Tag not added: A paper can have at most 50 tags.'));
  });

  it('state lives inside the root: the host carries only the paper and the theme', () => {
    const { control, root, click } = mount();
    control.render({ saved: true, tags: ['to-read'], read: false, seenBefore: { count: 2, firstAt: NOW - 86_400_000, lastAt: NOW - 30_000 } }, NOW);
    control.setDimmed(true);
    click('.tag');
    expect(control.host.getAttributeNames().sort()).toEqual(['data-paper', 'data-theme']);
    const bar = root.querySelector('.bar')!;
    expect(bar.hasAttribute('data-touched')).toBe(true);
    expect(bar.hasAttribute('data-dimmed')).toBe(true);
    expect(bar.getAttribute('data-place')).toBe('overlay');
    expect(labelOf(root.querySelector('.mark'))).toBe('seen just now · 2×');
    control.showSeenMarks(false);
    expect(labelOf(root.querySelector('.mark'))).toBe('');
  });
});
