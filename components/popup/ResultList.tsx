import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { groupBySeenDay } from '@/utils/ui/shared/seen-time';
import type { TagCount } from '@/utils/ui/shared/tag-suggestions';
import type { ResultRow } from '@/utils/search/result-row';
import { type PaperActions, PaperItem } from './PaperItem';

/** Results rendered at first (the popup shows four to six); more are added as the list scrolls. */
const FIRST_RENDERED = 7;
const MORE_RENDERED = 30;

interface ResultListProps {
  papers: readonly ResultRow[];
  /** The query these papers answer (`data-query`, for tests and the bench). */
  query: string;
  /** A newer query is being answered. */
  busy: boolean;
  /** Changes when the list is a new one (query, filter), not when the library changes under it. */
  listKey: string;
  /** Recent papers are grouped under day headings; search hits keep their rank order. */
  grouped: boolean;
  active: number;
  highlightTerms: ReadonlySet<string>;
  now: number;
  tagCounts: readonly TagCount[];
  editingTagsOf: string | undefined;
  actions: PaperActions;
  listRef: Ref<HTMLUListElement>;
  /** Set while the list shows the snapshot kept from the last open, not the library (`data-source`). */
  fromSnapshot?: boolean;
}

/**
 * How many of `total` items to render: the first few, then more whenever `sentinel` (after the last
 * one) comes near the visible area. Back to the first few when `listKey` changes, so a keystroke
 * renders a handful of results, not fifty.
 */
function useRenderedCount(total: number, listKey: string, sentinel: { current: Element | null }): number {
  const [grown, setGrown] = useState({ listKey, count: FIRST_RENDERED });
  const canGrow = typeof IntersectionObserver !== 'undefined';
  const count = canGrow ? Math.min(total, grown.listKey === listKey ? grown.count : FIRST_RENDERED) : total;
  useEffect(() => {
    const node = sentinel.current;
    if (!node || count >= total) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setGrown({ listKey, count: count + MORE_RENDERED });
    }, { rootMargin: '400px 0px' });
    observer.observe(node);
    return () => observer.disconnect();
  }, [count, total, listKey]);
  return count;
}

/** The list of papers ("Papers"), with sticky day headings for the recent list. */
export function ResultList({ papers, query, busy, listKey, grouped, active, highlightTerms, now, tagCounts, editingTagsOf, actions, listRef, fromSnapshot }: ResultListProps) {
  const sentinel = useRef<HTMLLIElement>(null);
  const rendered = papers.slice(0, useRenderedCount(papers.length, listKey, sentinel));
  // Keyed by position: a keystroke's new hits update the rows already there (text and attributes)
  // instead of creating new ones. The highlighted result is a position too (`active`).
  const item = (paper: ResultRow, index: number) => (
    <PaperItem
      key={index}
      paper={paper}
      index={index}
      total={papers.length}
      active={index === active}
      highlightTerms={highlightTerms}
      now={now}
      tagCounts={tagCounts}
      editingTags={editingTagsOf === paper.id}
      actions={actions}
    />
  );
  let index = 0;
  return (
    <ul ref={listRef} class="results" role="list" aria-label="Papers" data-query={query} aria-busy={busy} data-source={fromSnapshot ? 'snapshot' : undefined}>
      {grouped
        ? groupBySeenDay(rendered, (paper) => paper.lastSeenAt, now).flatMap((group) => [
            // Each result says when it was seen, so the heading is for the eye only.
            <li key={`day-${group.key}`} class="day" role="none" aria-hidden="true">
              {group.label}
            </li>,
            ...group.items.map((paper) => item(paper, index++)),
          ])
        : rendered.map(item)}
      {rendered.length < papers.length && <li key="more" ref={sentinel} class="more" role="none" aria-hidden="true" />}
    </ul>
  );
}
