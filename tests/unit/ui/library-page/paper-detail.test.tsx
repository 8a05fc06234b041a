/**
 * The paper view (components/library-page/PaperDetail.tsx) on its own, with its paper and fake actions as
 * props (no database): what it shows of a paper, what each button asks the library to do, and the
 * reason it shows where the user acted when the library refuses.
 */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaperDetail } from '@/components/library-page/PaperDetail';
import type { PaperRecord } from '@/utils/paper/record';
import { diskFull, fakeActions, refused } from './fake-actions';
import { paper, T0 } from '../../support/paper-records';
import { Mounted } from './panel-helpers';

const ID = '2601.00042';
let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  localStorage.clear();
});

async function show(record: PaperRecord | null | undefined, actions = fakeActions(), onClose = vi.fn()) {
  view = await new Mounted().mount(<PaperDetail paper={record} actions={actions} tagCounts={[{ tag: 'to-read', count: 4 }]} onClose={onClose} />);
  return { view, actions, onClose };
}

const alertText = () => view!.root.querySelector('.detail-actions + [role="alert"]')?.textContent;

describe('PaperDetail', () => {
  it('shows the paper: title, authors, links, tags, abstract and where it was seen', async () => {
    await show(paper(ID, { title: 'Sparse Mixtures', tags: ['survey'], links: { arxiv: `https://arxiv.org/abs/${ID}`, pdf: 'javascript:alert(1)' } }));
    const root = view!.root;
    expect(root.querySelector('h2')!.textContent).toBe('Sparse Mixtures');
    expect(root.querySelector('.detail-authors')!.textContent).toBe('Ada Lovelace, Alan Turing');
    expect([...root.querySelectorAll('.detail-links a')].map((link) => link.getAttribute('href'))).toEqual([`https://arxiv.org/abs/${ID}`]);
    expect(root.querySelector('.detail-tags')!.textContent).toContain('#survey');
    expect(root.querySelector('.abstract')!.textContent).toBe(`Abstract of ${ID}.`);
    expect(root.querySelector('.seen-list a')!.getAttribute('href')).toBe('https://huggingface.co/papers/date/2026-03-11');
    expect(view!.button('☆ Save')!.getAttribute('aria-pressed')).toBe('false');
    expect(view!.button('Mark read')!.getAttribute('aria-pressed')).toBe('false');
  });

  it('a paper added by id and never seen: its id once, no authors line, no first/last-seen dates', async () => {
    await show(paper(ID, { title: '', authors: [], abstract: undefined, seenCount: 0, seenOn: [], sites: [], savedAt: T0 }));
    const root = view!.root;
    expect(root.querySelector('h2')!.textContent).toBe(`arXiv ${ID}`);
    expect(root.querySelector('.detail-authors')).toBeNull();
    expect(root.textContent!.split(ID)).toHaveLength(2); // once: in the heading
    expect(root.textContent).not.toMatch(/first .*, last /);
    expect(root.textContent).toContain('Not on a page yet: added by id');
  });

  it('Save saves the paper; once saved, the button unsaves it', async () => {
    const { actions } = await show(paper(ID));
    await view!.click(view!.button('☆ Save')!);
    expect(actions.setSaved).toHaveBeenCalledExactlyOnceWith(ID, true);
    // The paper as stored comes back through the props.
    await view!.mount(<PaperDetail paper={paper(ID, { savedAt: T0 })} actions={actions} tagCounts={[]} onClose={() => {}} />);
    const saved = view!.button('★ Saved')!;
    expect(saved.getAttribute('aria-pressed')).toBe('true');
    await view!.click(saved);
    expect(actions.setSaved).toHaveBeenLastCalledWith(ID, false);
  });

  it('a refused save says why under the buttons; the next try clears it', async () => {
    const actions = fakeActions();
    actions.setSaved.mockRejectedValueOnce(diskFull());
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await show(paper(ID), actions);
    await view!.click(view!.button('☆ Save')!);
    expect(await view!.until(alertText, 'the failure')).toBe('Not saved: the disk is full. Free some space on it, then try again.');
    await view!.click(view!.button('☆ Save')!);
    await view!.until(() => alertText() === undefined, 'the failure cleared');
    expect(actions.setSaved).toHaveBeenCalledTimes(2);
  });

  it('Mark read marks it read; a refusal says so in plain words', async () => {
    const actions = fakeActions();
    actions.setRead.mockRejectedValueOnce(refused('The library is being upgraded.'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await show(paper(ID), actions);
    await view!.click(view!.button('Mark read')!);
    expect(actions.setRead).toHaveBeenCalledExactlyOnceWith(ID, true);
    expect(await view!.until(alertText, 'the failure')).toBe('Not marked read: The library is being upgraded.');
  });

  it("a tag's ✕ removes that tag from the paper", async () => {
    const { actions } = await show(paper(ID, { tags: ['survey', 'to-read'] }));
    await view!.click(view!.root.querySelector<HTMLElement>('button[aria-label="Remove tag to-read"]')!);
    expect(actions.removeTag).toHaveBeenCalledExactlyOnceWith(ID, 'to-read');
  });

  it('"+ Add tag" adds the typed tag; a refused tag keeps the field with the reason', async () => {
    const actions = fakeActions();
    actions.addTag.mockRejectedValueOnce(refused('A paper can have at most 50 tags.'));
    await show(paper(ID), actions);
    await view!.click(view!.button('+ Add tag')!);
    const field = view!.root.querySelector<HTMLInputElement>('input[aria-label="Add tag"]')!;
    const enter = async (text: string) => {
      await act(() => {
        field.value = text;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await act(() => void field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
    };
    await enter('Reading Group');
    expect(actions.addTag).toHaveBeenCalledExactlyOnceWith(ID, 'Reading Group');
    await view!.until(() => view!.root.textContent?.includes('Tag not added: A paper can have at most 50 tags.'), 'the reason');
    expect(field.value).toBe('Reading Group');
    await enter('later');
    await view!.until(() => field.value === '', 'the field emptied after the tag was added');
    expect(actions.addTag).toHaveBeenLastCalledWith(ID, 'later');
  });

  it('the note is stored when the field is left; a refusal keeps the text and says so', async () => {
    const actions = fakeActions();
    actions.setNote.mockRejectedValueOnce(diskFull());
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await show(paper(ID), actions);
    const note = view!.root.querySelector<HTMLTextAreaElement>('#paper-note')!;
    await act(() => {
      note.value = 'Read before Friday';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => void note.dispatchEvent(new FocusEvent('blur')));
    expect(actions.setNote).toHaveBeenCalledExactlyOnceWith(ID, 'Read before Friday');
    await view!.until(() => view!.root.querySelector('.note-state')?.textContent?.startsWith('The note was not saved'), 'the note failure');
    expect(view!.root.querySelector('.note-state')!.textContent).toBe(
      'The note was not saved: the disk is full. Free some space on it, then try again. What you typed is kept on this device and saved when the library opens next.',
    );
    expect(note.value).toBe('Read before Friday');
  });

  it('says when the paper is no longer in the library, and waits while it is read', async () => {
    const { onClose } = await show(null);
    expect(view!.root.textContent).toContain('This paper is no longer in the library.');
    await view!.click(view!.button('Close')!);
    expect(onClose).toHaveBeenCalledOnce();
    await view!.mount(<PaperDetail paper={undefined} actions={fakeActions()} tagCounts={[]} onClose={() => {}} />);
    expect(view!.root.querySelector('.detail')!.getAttribute('aria-busy')).toBe('true');
  });
});
