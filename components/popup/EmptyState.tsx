import type { ComponentChildren } from 'preact';
import { arxivIdFromQuery } from '@/utils/search/query-id';
import type { PaperFilter } from '@/utils/ui/popup/paper-list';
import { Icon } from '../shared/Icon';
import { ShortcutHint } from './ShortcutHint';

const HF_PAPERS = 'https://huggingface.co/papers';
const ARXIV_RECENT = 'https://arxiv.org/list/cs.LG/recent';
const SHOWN_QUERY_CHARS = 60;

/** A message in place of the list. */
export function EmptyState({ title, children, first = false }: { title: ComponentChildren; children?: ComponentChildren; first?: boolean }) {
  return (
    <div class={`empty${first ? ' first-run' : ''}`}>
      {first && (
        <span class="empty-tile">
          <Icon name="papers" />
        </span>
      )}
      <p class="empty-title">{title}</p>
      {children}
    </div>
  );
}

/** Nothing captured yet: what to do, and how to come back (`readShortcut`: tests). */
export function FirstRun({ readShortcut }: { readShortcut?: () => Promise<string | undefined> }) {
  return (
    <EmptyState title="Your paper library is empty" first>
      <p>Browse Hugging Face Papers or arXiv listings; the papers you see appear here.</p>
      <p class="empty-actions">
        <a class="button primary" href={HF_PAPERS} target="_blank" rel="noopener noreferrer">
          Open Hugging Face Papers
        </a>
        <a class="button" href={ARXIV_RECENT} target="_blank" rel="noopener noreferrer">
          Open arXiv cs.LG
        </a>
      </p>
      <ShortcutHint read={readShortcut} />
      <p class="empty-note">Everything stays on this device.</p>
    </EmptyState>
  );
}

function shown(query: string): string {
  const trimmed = query.trim();
  return [...trimmed].length > SHOWN_QUERY_CHARS ? `${[...trimmed].slice(0, SHOWN_QUERY_CHARS).join('')}…` : trimmed;
}

/** Links for an arXiv id that is not in the library (the id is validated, so the URLs are safe). */
function PastedIdLinks({ id }: { id: string }) {
  const modern = /^\d{4}\.\d{4,5}$/.test(id);
  return (
    <p class="empty-links">
      {modern && (
        <a href={`${HF_PAPERS}/${id}`} target="_blank" rel="noopener noreferrer">
          Open on Hugging Face
        </a>
      )}
      <a href={`https://arxiv.org/abs/${id}`} target="_blank" rel="noopener noreferrer">
        Open on arXiv
      </a>
    </p>
  );
}

interface NoMatchesProps {
  query: string;
  filter: PaperFilter;
  pastedId?: string;
  onShowAll: () => void;
}

/** A search or a filter with no papers. */
export function NoMatches({ query, filter, pastedId, onShowAll }: NoMatchesProps) {
  const inFilter = filter.kind !== 'all';
  const showAll = inFilter && (
    <button type="button" class="button" onClick={onShowAll}>
      Show all papers
    </button>
  );
  if (query.trim() === '') {
    const [title, hint] =
      filter.kind === 'saved'
        ? ['Nothing saved yet', 'Press s on a paper, or its star, to save it.']
        : filter.kind === 'unread'
          ? ['All caught up', 'Every paper here is marked read.']
          : filter.kind === 'tag'
            ? [<>No papers tagged #<bdi>{filter.tag}</bdi></>, 'Press t on a paper to tag it.']
            : ['No papers yet', ''];
    return (
      <EmptyState title={title}>
        {hint && <p>{hint}</p>}
        {showAll}
      </EmptyState>
    );
  }
  const id = pastedId ?? arxivIdFromQuery(query);
  if (id) {
    return (
      <EmptyState title={`${id} is not in your library${inFilter ? ' (in this filter)' : ''}`}>
        <PastedIdLinks id={id} />
        {showAll}
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title={
        <>
          No papers match “<bdi>{shown(query)}</bdi>”
        </>
      }
    >
      <p>{inFilter ? 'Nothing in this filter matches.' : 'Check the spelling, or try fewer or other words.'}</p>
      {showAll}
    </EmptyState>
  );
}
