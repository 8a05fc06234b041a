/**
 * One popup result (components/popup/PaperItem.tsx) rendered on its own in happy-dom: the links it offers
 * and where they open, and where and when the paper was seen.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { type PaperActions, PaperItem } from '@/components/popup/PaperItem';
import type { ResultRow } from '@/utils/search/result-row';
import { isolating } from '../../support/isolated';

// Local times, so the tests hold in any time zone (as in seen-time.test.ts).
const at = (month: number, day: number, hour = 12, minute = 0) => new Date(2026, month - 1, day, hour, minute).getTime();
const NOW = at(3, 11, 15, 30); // Wednesday 11 March 2026, 15:30

const ID = '2511.19151';
const NO_TERMS: ReadonlySet<string> = new Set();
const noop = () => {};
const actions: PaperActions = { toggleSaved: noop, toggleRead: noop, addTag: async () => {}, removeTag: noop, showTag: noop, editTags: noop, select: noop };

function row(changes: Partial<ResultRow> = {}): ResultRow {
  return {
    id: ID,
    title: 'T-JEPA: Augmentation-Free Self-Supervised Learning for Tabular Data',
    authors: ['Ada Lovelace', 'Alan Turing'],
    authorCount: 2,
    links: {},
    lastSeenAt: NOW - 60 * 60_000,
    seenCount: 1,
    tags: [],
    ...changes,
  };
}

const root = document.createElement('div');
afterEach(() => render(null, root));

function show(paper: ResultRow): HTMLElement {
  render(
    <ul role="list" aria-label="Papers">
      <PaperItem paper={paper} index={0} total={1} active highlightTerms={NO_TERMS} now={NOW} tagCounts={[]} editingTags={false} actions={actions} />
    </ul>,
    root,
  );
  return root.querySelector<HTMLElement>('[role="listitem"]')!;
}

/** The row's links besides the title's, as the user reads them. */
const rowLinks = (item: HTMLElement) => [...item.querySelectorAll<HTMLAnchorElement>('.paper-actions a')];

describe('popup result row', () => {
  it('offers the arXiv, PDF and Code links, each opening in a new tab without access to the popup', () => {
    const links = {
      hf: `https://huggingface.co/papers/${ID}`,
      arxiv: `https://arxiv.org/abs/${ID}`,
      pdf: `https://arxiv.org/pdf/${ID}`,
      github: 'https://github.com/example/t-jepa',
    };
    const item = show(row({ links }));
    expect(rowLinks(item).map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['arXiv', links.arxiv],
      ['PDF', links.pdf],
      ['Code', links.github],
    ]);
    // The title opens the HF page.
    const title = item.querySelector<HTMLAnchorElement>('h2 a')!;
    expect(title.getAttribute('href')).toBe(links.hf);
    for (const link of [title, ...rowLinks(item)]) {
      expect(link.target, link.textContent!).toBe('_blank');
      expect(link.rel.split(' '), link.textContent!).toContain('noopener');
    }
  });

  it('does not link a javascript: or data: URL', () => {
    const item = show(row({ links: { arxiv: `https://arxiv.org/abs/${ID}`, pdf: 'data:text/html,<b>x</b>', github: 'javascript:alert(1)' } }));
    // The arXiv page takes the title (there is no HF link); the others are left out, not shown as text.
    expect(item.querySelector('h2 a')?.getAttribute('href')).toBe(`https://arxiv.org/abs/${ID}`);
    expect(rowLinks(item)).toEqual([]);
    expect(item.textContent).not.toMatch(/PDF|Code|javascript|data:/);

    // With no http(s) link at all, the title is plain text.
    const unlinked = show(row({ links: { hf: 'javascript:alert(1)', pdf: 'data:application/pdf,x' } }));
    expect(unlinked.querySelectorAll('a')).toHaveLength(0);
    expect(unlinked.querySelector('h2')?.textContent).toBe(row().title);
  });

  it.each([
    ['minutes ago', at(3, 11, 15, 18), '12 min ago'],
    ['hours ago', at(3, 11, 9, 10), '6 h ago'],
    ['yesterday', at(3, 10, 8), 'yesterday'],
    ['days ago', at(3, 8, 20), '3 days ago'],
  ])('says where and when it was seen: %s', (_, lastSeenAt, when) => {
    const item = show(row({ seenLabel: 'Daily 2026-03-11', lastSeenAt, seenCount: 3 }));
    expect(item.querySelector('.seen-place')?.textContent).toBe('Daily Mar 11, 2026');
    expect(item.querySelector('.seen-when')?.textContent).toBe(when);
    expect(item.querySelector('.seen-count')?.textContent).toBe('3×'); // seen on three visits
  });

  it('says a paper saved by id was added by id, and shows no count for a paper seen once', () => {
    const item = show(row({ title: '', seenCount: 0, lastSeenAt: at(3, 11, 15, 25) }));
    expect(item.querySelector('.seen-place')?.textContent).toBe('Added by id');
    expect(item.querySelector('.seen-when')?.textContent).toBe('5 min ago');
    expect(show(row()).querySelector('.seen-count')).toBeNull();
  });

  it('shows the title, authors, listing and tags isolated, so stored direction controls reorder nothing around them', () => {
    // As an older version may have stored them: a right-to-left override inside the title.
    const title = 'Invoice \u202egnp.exe';
    const item = show(row({ title, authors: ['\u202eEve Mallory'], authorCount: 1, seenLabel: 'Daily \u202e11', tags: ['قراءة'] }));
    expect(item.querySelector('.paper-title')!.textContent).toBe(title);
    expect(isolating(item, title)).toBeDefined();
    expect(isolating(item, '\u202eEve Mallory')).toBeDefined();
    expect(isolating(item, 'Daily \u202e11')).toBeDefined();
    expect(isolating(item, 'قراءة')).toBeDefined();
  });
});
