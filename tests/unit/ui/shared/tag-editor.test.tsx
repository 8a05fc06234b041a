/**
 * The tag field (popup and library page alike): a prefix of a tag the paper already has shows that tag
 * as added and an explicit "Create #prefix" row; ↓ skips the added tags, so ↓ Enter adds what the
 * picked row says, never a partial tag unawares.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TagEditor } from '@/components/shared/TagEditor';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

const counts = [
  { tag: 'to-read', count: 9 },
  { tag: 'topology', count: 2 },
];

async function open(tags: string[]) {
  const onAdd = vi.fn(async () => undefined);
  await act(() => render(<TagEditor paperId="2403.10001" tags={tags} counts={counts} onAdd={onAdd} onClose={() => undefined} />, root));
  const field = root.querySelector<HTMLInputElement>('input[aria-label="Add tag"]')!;
  const typeIn = async (text: string) => {
    field.value = text;
    await act(() => void field.dispatchEvent(new Event('input', { bubbles: true })));
  };
  const key = (name: string) => act(() => void field.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true })));
  const options = () => [...root.querySelectorAll<HTMLElement>('[role="option"]')];
  return { onAdd, field, typeIn, key, options };
}

describe('TagEditor', () => {
  it('shows the paper’s matching tags as added (not pickable) and an explicit Create row', async () => {
    const { typeIn, key, options, field, onAdd } = await open(['to-read']);
    await typeIn('to');
    expect(options().map((option) => option.textContent)).toEqual(['#topology', '#to-read added', 'Create #to']);
    const added = options()[1]!;
    expect(added.getAttribute('aria-disabled')).toBe('true');
    added.click();
    expect(onAdd).not.toHaveBeenCalled();

    // ↓ picks topology, ↓ skips the added tag to Create, ↓ wraps back.
    await key('ArrowDown');
    expect(field.getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
    await key('ArrowDown');
    expect(field.getAttribute('aria-activedescendant')).toBe(options()[2]!.id);
    await key('ArrowUp');
    expect(field.getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
    await key('Enter');
    expect(onAdd).toHaveBeenCalledWith('topology');
  });

  it('↓ Enter on a prefix of a library tag adds that tag; the prefix only through its Create row', async () => {
    const { typeIn, key, onAdd } = await open([]);
    await typeIn('to-r');
    await key('ArrowDown');
    await key('Enter');
    expect(onAdd).toHaveBeenLastCalledWith('to-read');
    await typeIn('to-r');
    await key('ArrowUp'); // the last row: Create #to-r
    await key('Enter');
    expect(onAdd).toHaveBeenLastCalledWith('to-r');
  });

  it('with every match already on the paper, ↓ lands on Create, which says what Enter adds', async () => {
    const { typeIn, key, options, field } = await open(['to-read', 'topology']);
    await typeIn('to');
    expect(options().map((option) => option.textContent)).toEqual(['#to-read added', '#topology added', 'Create #to']);
    await key('ArrowDown');
    expect(field.getAttribute('aria-activedescendant')).toBe(options()[2]!.id);
  });

  it('Tab completes to a library tag, never to the Create row', async () => {
    const { typeIn, key, field } = await open(['to-read']);
    await typeIn('top');
    await key('Tab');
    expect(field.value).toBe('topology');
  });
});
