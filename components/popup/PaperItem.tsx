import { Component } from 'preact';
import { shortAuthors } from '@/utils/ui/shared/authors';
import { paperLinks } from '@/utils/ui/shared/links';
import { placeLabel, seenAgo } from '@/utils/ui/shared/seen-time';
import type { TagCount } from '@/utils/ui/shared/tag-suggestions';
import type { ResultRow } from '@/utils/search/result-row';
import { Highlighted } from './Highlighted';
import { Icon } from '../shared/Icon';
import { TagEditor } from '../shared/TagEditor';

/** What a result can do; the popup implements them against the library. */
export interface PaperActions {
  toggleSaved: (paper: ResultRow) => void;
  toggleRead: (paper: ResultRow) => void;
  addTag: (paper: ResultRow, tag: string) => Promise<unknown>;
  removeTag: (paper: ResultRow, tag: string) => void;
  showTag: (tag: string) => void;
  editTags: (paper: ResultRow | undefined, refocus?: boolean) => void;
  select: (index: number) => void;
}

interface PaperItemProps {
  paper: ResultRow;
  index: number;
  /** How many results the list has (some may not be rendered yet). */
  total: number;
  /** The highlighted result (Enter and the keys act on it). */
  active: boolean;
  highlightTerms: ReadonlySet<string>;
  now: number;
  tagCounts: readonly TagCount[];
  editingTags: boolean;
  actions: PaperActions;
}

/**
 * One result. Rendered again only when one of its props changed (by identity): a keystroke first
 * renders the popup with the query typed (the list marked busy), then with the new hits, and the rows
 * need only the second. The popup keeps `actions`, `tagCounts`, `highlightTerms` and `now` stable.
 */
export class PaperItem extends Component<PaperItemProps> {
  override shouldComponentUpdate(next: PaperItemProps): boolean {
    const props = this.props as PaperItemProps & Record<string, unknown>;
    return (Object.keys(next) as (keyof PaperItemProps)[]).some((key) => props[key] !== next[key]);
  }

  override render(props: PaperItemProps) {
    return paperItem(props);
  }
}

/** One result: title (opens the HF page), authors, where and when seen, tags, and its actions. */
function paperItem({ paper, index, total, active, highlightTerms, now, tagCounts, editingTags, actions }: PaperItemProps) {
  const saved = paper.savedAt !== undefined;
  const read = paper.readAt !== undefined;
  // The title opens the HF page (or the first link there is); the row offers the others, with the
  // project page only when there is no code link (room is short).
  const links = paperLinks(paper);
  const main = links[0];
  const hasCode = links.some((link) => link.kind === 'github');
  const others = links.slice(1).filter((link) => link.kind !== 'project' || !hasCode);
  // A paper saved by id before any page showed it has no title (nor sightings) yet: its id stands in.
  const untitled = paper.title.trim() === '';
  const title = untitled ? `arXiv ${paper.id}` : paper.title;
  const seenPlace = paper.seenLabel !== undefined ? placeLabel(paper.seenLabel) : paper.seenCount === 0 ? 'Added by id' : undefined;
  const authors = shortAuthors(paper.authors, 3, paper.authorCount);
  // A roving tabindex: only the current result and its controls are Tab stops (←/→ step through them,
  // popup-keys.ts), so Tab moves between the popup's regions, not through every row's buttons.
  const stop = active ? 0 : -1;
  return (
    <li
      role="listitem"
      class={`paper${active ? ' active' : ''}${read ? ' read' : ''}${saved ? ' saved' : ''}`}
      tabIndex={active ? 0 : -1}
      aria-posinset={index + 1}
      aria-setsize={total}
      data-index={index}
      data-id={paper.id}
      onFocus={(event) => {
        if (event.target === event.currentTarget) actions.select(index);
      }}
      onMouseDown={() => actions.select(index)}
    >
      <div class="paper-head">
        <h2 class={`paper-title${untitled ? ' untitled' : ''}`} title={title.length > 90 ? title.slice(0, 500) : undefined}>
          {/* Page text is isolated (<bdi>): its direction controls or right-to-left letters can't reorder the row. */}
          {main ? (
            <a href={main.url} target="_blank" rel="noopener noreferrer" tabIndex={-1}>
              <bdi>
                <Highlighted text={title} terms={highlightTerms} />
              </bdi>
            </a>
          ) : (
            <bdi>
              <Highlighted text={title} terms={highlightTerms} />
            </bdi>
          )}
        </h2>
        <button
          type="button"
          tabIndex={stop}
          class="icon-button save"
          aria-label="Save"
          aria-pressed={saved}
          title={saved ? 'Saved (s to unsave)' : 'Save (s)'}
          onClick={() => actions.toggleSaved(paper)}
        >
          <Icon name={saved ? 'star-filled' : 'star'} />
        </button>
      </div>
      {authors && (
        <p class="paper-authors">
          <bdi>
            <Highlighted text={authors} terms={highlightTerms} />
          </bdi>
        </p>
      )}
      <div class="paper-meta">
        <p class="paper-seen">
          {seenPlace && (
            <span class="seen-place" dir="auto">
              {seenPlace}
            </span>
          )}
          <span class="seen-when">{seenAgo(paper.lastSeenAt, now)}</span>
          {paper.seenCount > 1 && <span class="seen-count">{paper.seenCount}×</span>}
        </p>
        <div class="paper-actions">
          {others.map((link) => (
            <a href={link.url} target="_blank" rel="noopener noreferrer" class="link" tabIndex={stop}>
              {link.label}
            </a>
          ))}
          <button
            type="button"
            tabIndex={stop}
            class="icon-button small add-tag"
            aria-label="Add tag"
            aria-expanded={editingTags}
            title="Add tag (t)"
            onClick={() => actions.editTags(editingTags ? undefined : paper)}
          >
            <Icon name="tag" />
          </button>
          <button
            type="button"
            tabIndex={stop}
            class="icon-button small read"
            aria-label="Read"
            aria-pressed={read}
            title={read ? 'Read (r to mark unread)' : 'Mark read (r)'}
            onClick={() => actions.toggleRead(paper)}
          >
            <Icon name="check" />
          </button>
        </div>
      </div>
      {paper.tags.length > 0 && (
        <div class="tags">
          {paper.tags.map((tag) => (
            <span class="tag-chip">
              <button type="button" class="tag-name" tabIndex={stop} title={`Show #${tag}`} onClick={() => actions.showTag(tag)}>
                #<bdi>{tag}</bdi>
              </button>
              <button type="button" class="tag-remove" tabIndex={stop} aria-label={`Remove tag ${tag}`} onClick={() => actions.removeTag(paper, tag)}>
                <Icon name="close" />
              </button>
            </span>
          ))}
        </div>
      )}
      {editingTags && (
        <TagEditor
          paperId={paper.id}
          tags={paper.tags}
          counts={tagCounts}
          onAdd={(tag) => actions.addTag(paper, tag)}
          onClose={(refocus) => actions.editTags(undefined, refocus)}
        />
      )}
    </li>
  );
}
