/**
 * The sidebar (components/library-page/Sidebar.tsx) on its own, its filter kept by a small host as the page
 * keeps it (no database): the status and source filters, the tags as reading lists with their counts,
 * picking lists, and renaming, merging and deleting a tag.
 */
import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sidebar } from '@/components/library-page/Sidebar';
import { type LibraryFilter, NO_FILTER } from '@/utils/ui/library-page/sort-filter';
import type { TagCount } from '@/utils/ui/shared/tag-suggestions';
import { refused } from './fake-actions';
import { Mounted } from './panel-helpers';

const TAGS: TagCount[] = [
  { tag: 'to-read', count: 1204 },
  { tag: 'survey', count: 7 },
  { tag: 'قراءة', count: 1 },
];

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

let filter: LibraryFilter;
function Host(props: { tags: readonly TagCount[]; onRenameTag: (from: string, to: string) => Promise<unknown>; onDeleteTag: (tag: string) => Promise<unknown> }) {
  const [current, setCurrent] = useState(NO_FILTER);
  filter = current;
  return <Sidebar filter={current} onFilter={setCurrent} {...props} />;
}

async function show(tags = TAGS) {
  const onRenameTag = vi.fn(async () => undefined);
  const onDeleteTag = vi.fn(async () => undefined);
  view = await new Mounted().mount(<Host tags={tags} onRenameTag={onRenameTag} onDeleteTag={onDeleteTag} />);
  return { onRenameTag, onDeleteTag };
}

const tagRows = () => [...view!.root.querySelectorAll<HTMLElement>('.tag-list .tag-row')];
const tagButton = (tag: string) => tagRows().find((row) => row.querySelector('.tag-name')!.textContent === `#${tag}`)!.querySelector<HTMLButtonElement>('.tag-toggle')!;
const segment = (group: string, name: string) => [...view!.root.querySelectorAll<HTMLButtonElement>(`[aria-label="${group}"] button`)].find((button) => button.textContent === name)!;

async function typeInto(field: HTMLInputElement, text: string) {
  await act(() => {
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('Sidebar', () => {
  it('lists every tag with the number of papers carrying it, in the order given', async () => {
    await show();
    expect(tagRows().map((row) => [row.querySelector('.tag-name')!.textContent, row.querySelector('.tag-count')!.textContent])).toEqual([
      ['#to-read', '1,204'],
      ['#survey', '7'],
      ['#قراءة', '1'],
    ]);
  });

  it('says how to start a reading list when there is no tag', async () => {
    await show([]);
    expect(view!.root.querySelector('.tag-list')).toBeNull();
    expect(view!.root.textContent).toContain('No tags yet. Select papers and add a tag to start a reading list.');
  });

  it('a tag picks its reading list; a second tag narrows to both; clicking again drops it', async () => {
    await show();
    await view!.click(tagButton('survey'));
    expect(filter.tags).toEqual(['survey']);
    expect(tagButton('survey').getAttribute('aria-pressed')).toBe('true');
    expect(tagButton('to-read').getAttribute('aria-pressed')).toBe('false');
    await view!.click(tagButton('to-read'));
    expect(filter.tags).toEqual(['survey', 'to-read']);
    await view!.click(tagButton('survey'));
    expect(filter.tags).toEqual(['to-read']);
    expect(tagButton('survey').getAttribute('aria-pressed')).toBe('false');
  });

  it('status and source filter; "Clear filters" shows while filtering and clears every filter', async () => {
    await show();
    expect(view!.button('Clear filters')).toBeUndefined();
    await view!.click(segment('Status', 'Saved'));
    await view!.click(segment('Source', 'arXiv'));
    await view!.click(tagButton('survey'));
    expect(filter).toEqual({ ...NO_FILTER, status: 'saved', source: 'arxiv', tags: ['survey'] });
    expect(segment('Status', 'Saved').getAttribute('aria-pressed')).toBe('true');
    await view!.click(view!.button('Clear filters')!);
    expect(filter).toEqual(NO_FILTER);
    expect(segment('Status', 'All').getAttribute('aria-pressed')).toBe('true');
  });

  it('renames a tag; onto an existing tag it offers a merge', async () => {
    const { onRenameTag } = await show();
    await view!.click(view!.root.querySelector<HTMLElement>('button[aria-label="Edit tag survey"]')!);
    const field = view!.root.querySelector<HTMLInputElement>('.tag-edit input')!;
    expect(field.value).toBe('survey');
    expect(view!.button('Rename')!.disabled).toBe(true); // nothing to rename yet
    await typeInto(field, 'To Read');
    expect(view!.root.querySelector('.tag-edit .hint')!.textContent).toBe('#to-read exists: its list and this one become one.');
    await typeInto(field, 'Surveys');
    expect(view!.root.querySelector('.tag-edit .hint')).toBeNull();
    await act(() => void field.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(onRenameTag).toHaveBeenCalledExactlyOnceWith('survey', 'Surveys');
    await view!.until(() => !view!.root.querySelector('.tag-edit'), 'the editor closed');
  });

  it('deletes a tag after a confirmation that says how many papers lose it', async () => {
    const { onDeleteTag } = await show();
    await view!.click(view!.root.querySelector<HTMLElement>('button[aria-label="Edit tag to-read"]')!);
    await view!.click(view!.button('Delete tag')!);
    expect(onDeleteTag).not.toHaveBeenCalled();
    await view!.click(view!.button('Remove #to-read from 1,204 papers')!);
    expect(onDeleteTag).toHaveBeenCalledExactlyOnceWith('to-read');
  });

  it('a refused rename keeps the editor open and says why', async () => {
    const onRenameTag = vi.fn(async () => Promise.reject(refused('The library is being upgraded; try again in a moment.')));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    view = await new Mounted().mount(<Host tags={TAGS} onRenameTag={onRenameTag} onDeleteTag={async () => undefined} />);
    await view.click(view.root.querySelector<HTMLElement>('button[aria-label="Edit tag survey"]')!);
    const field = view.root.querySelector<HTMLInputElement>('.tag-edit input')!;
    await typeInto(field, 'reviews');
    await act(() => void field.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(await view.until(() => view!.root.querySelector('.tag-edit [role="alert"]')?.textContent, 'the reason')).toBe('#survey not renamed: The library is being upgraded; try again in a moment.');
    expect(view.root.querySelector('.tag-edit')).not.toBeNull();
  });
});
