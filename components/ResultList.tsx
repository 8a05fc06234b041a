import type { Ref } from 'preact';
import type { PaperRecord } from '@/utils/paper';
import { groupBySeenDay } from '@/utils/popup/seen-time';
import type { TagCount } from '@/utils/popup/tag-suggestions';
import { type PaperActions, PaperItem } from './PaperItem';

interface ResultListProps {
  papers: readonly PaperRecord[];
  /** The query these papers answer (`data-query`, for tests and the bench). */
  query: string;
  /** A newer query is being answered. */
  busy: boolean;
  /** Recent papers are grouped under day headings; search hits keep their rank order. */
  grouped: boolean;
  active: number;
  highlightTerms: ReadonlySet<string>;
  now: number;
  tagCounts: readonly TagCount[];
  editingTagsOf: string | undefined;
  actions: PaperActions;
  listRef: Ref<HTMLUListElement>;
}

/** The list of papers ("Papers"), with sticky day headings for the recent list. */
export function ResultList({ papers, query, busy, grouped, active, highlightTerms, now, tagCounts, editingTagsOf, actions, listRef }: ResultListProps) {
  const item = (paper: PaperRecord, index: number) => (
    <PaperItem
      key={paper.id}
      paper={paper}
      index={index}
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
    <ul ref={listRef} class="results" role="list" aria-label="Papers" data-query={query} aria-busy={busy}>
      {grouped
        ? groupBySeenDay(papers, (paper) => paper.lastSeenAt, now).flatMap((group) => [
            // Each result says when it was seen, so the heading is for the eye only.
            <li key={`day-${group.key}`} class="day" role="none" aria-hidden="true">
              {group.label}
            </li>,
            ...group.items.map((paper) => item(paper, index++)),
          ])
        : papers.map(item)}
    </ul>
  );
}
