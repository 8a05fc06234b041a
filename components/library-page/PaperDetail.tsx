import { useRef, useState } from 'preact/hooks';
import { TagEditor } from '@/components/shared/TagEditor';
import { usePageLeave } from '@/components/shared/use-page-leave';
import { formatDay, formatDayTime, placeLabel } from '@/utils/ui/shared/seen-time';
import { plural } from '@/utils/ui/shared/plural';
import { dropNoteDraft, keepNoteDraft } from '@/utils/library/drafts/note-drafts';
import { MAX_NOTE_LENGTH } from '@/utils/paper/note';
import type { PaperRecord } from '@/utils/paper/record';
import { paperLinks } from '@/utils/ui/shared/links';
import { safeHttpUrl } from '@/utils/paper/sanitize';
import type { TagCount } from '@/utils/ui/shared/tag-suggestions';
import { failedWrite, reportStorageFailure } from '@/utils/library/storage/storage-health-browser';
import type { LibraryActions } from './actions';

/** What the paper view changes of its paper. */
export type PaperDetailActions = Pick<LibraryActions, 'setSaved' | 'setRead' | 'addTag' | 'removeTag' | 'setNote'>;

export interface PaperDetailProps {
  /** The paper as stored; `undefined` while it is read, `null` once it is known to be gone. */
  paper: PaperRecord | null | undefined;
  actions: PaperDetailActions;
  tagCounts: readonly TagCount[];
  onClose: () => void;
}

const SITE_NAMES = { hf: 'Hugging Face', arxiv: 'arXiv' } as const;
/** A note is stored this long after the last keystroke (and at once when the field loses focus). */
const NOTE_SAVE_MS = 600;


/** One paper in full: abstract, links, where and when it was seen, tags, saved/read, the user's note. */
export function PaperDetail({ paper, actions, tagCounts, onClose }: PaperDetailProps) {
  const [editingTags, setEditingTags] = useState(false);
  /** A save, read or tag removal that failed, said under the buttons. */
  const [failure, setFailure] = useState('');
  /** Runs one of the paper's actions; a failure is said here, in plain words. */
  const act = (what: string, action: () => Promise<unknown>) => {
    setFailure('');
    void action().catch((error: unknown) => setFailure(failedWrite(what, error)));
  };

  if (paper === undefined) return <section class="detail" aria-busy="true" aria-label="Paper" />;
  if (paper === null)
    return (
      <section class="detail" aria-label="Paper">
        <p class="hint">This paper is no longer in the library.</p>
        <button type="button" class="button" onClick={onClose}>
          Close
        </button>
      </section>
    );

  const saved = paper.savedAt !== undefined;
  const read = paper.readAt !== undefined;
  const links = paperLinks(paper);
  // Saved by id before any page showed it: the id stands in for the title (once), and it has no sightings.
  const untitled = !paper.title?.trim();
  const meta = [untitled ? undefined : `arXiv ${paper.id}`, paper.primaryCategory, paper.publishedAt ? `published ${formatDay(Date.parse(paper.publishedAt))}` : undefined].filter(Boolean);
  return (
    <section
      class="detail"
      aria-labelledby="detail-title"
      onKeyDown={(event) => {
        // Esc closes the paper (a field that uses Esc itself, like the tag editor, keeps it).
        if (event.key === 'Escape' && !event.defaultPrevented) onClose();
      }}
    >
      <div class="detail-head">
        {/* Page text is isolated (<bdi>, dir=auto): its direction controls or right-to-left letters can't reorder the view. */}
        <h2 id="detail-title">
          <bdi>{untitled ? `arXiv ${paper.id}` : paper.title}</bdi>
        </h2>
        <button type="button" class="icon-button" aria-label="Close paper" onClick={onClose}>
          ✕
        </button>
      </div>
      {(paper.authors ?? []).length > 0 && (
        <p class="detail-authors">
          <bdi>{(paper.authors ?? []).join(', ')}</bdi>
        </p>
      )}
      {meta.length > 0 && <p class="detail-meta">{meta.join(' · ')}</p>}
      <div class="detail-actions">
        <button type="button" class="button" aria-pressed={saved} onClick={() => act(saved ? 'Not unsaved' : 'Not saved', () => actions.setSaved(paper.id, !saved))}>
          {saved ? '★ Saved' : '☆ Save'}
        </button>
        <button type="button" class="button" aria-pressed={read} onClick={() => act(read ? 'Not marked unread' : 'Not marked read', () => actions.setRead(paper.id, !read))}>
          {read ? '✓ Read' : 'Mark read'}
        </button>
      </div>
      {failure && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
      {links.length > 0 && (
        <ul class="detail-links" aria-label="Links">
          {links.map((link) => (
            <li>
              <a href={link.url} target="_blank" rel="noopener noreferrer">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      )}

      <h3>Tags</h3>
      <div class="detail-tags">
        {paper.tags.map((tag) => (
          <span class="tag-chip removable">
            #<bdi>{tag}</bdi>
            <button type="button" class="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => act(`#${tag} not removed`, () => actions.removeTag(paper.id, tag))}>
              ✕
            </button>
          </span>
        ))}
        {editingTags ? (
          <TagEditor paperId={paper.id} tags={paper.tags} counts={tagCounts} onAdd={(tag) =>
              actions.addTag(paper.id, tag).catch((error: unknown) => {
                // The field says why; a storage failure is also reported, so every view says so.
                reportStorageFailure(error);
                throw error;
              })
            } onClose={() => setEditingTags(false)} />
        ) : (
          <button type="button" class="link-button" onClick={() => setEditingTags(true)}>
            + Add tag
          </button>
        )}
      </div>

      <h3>
        <label for="paper-note">Note</label>
      </h3>
      <NoteEditor key={paper.id} paper={paper} save={(note) => actions.setNote(paper.id, note)} />

      <h3>Abstract</h3>
      <p class="abstract" dir="auto">
        {paper.abstract || 'No abstract was captured for this paper.'}
      </p>
      {paper.aiSummary && (
        <>
          <h3>AI summary (from the listing)</h3>
          <p class="abstract" dir="auto">
            {paper.aiSummary}
          </p>
        </>
      )}

      <h3>Seen</h3>
      <p class="detail-meta">
        {paper.seenCount === 0
          ? `Not on a page yet: added by id ${formatDayTime(paper.firstSeenAt)}. Its title, authors and abstract come with the first page that shows it.`
          : `${plural(paper.seenCount, 'time', 'times')}: first ${formatDayTime(paper.firstSeenAt)}, last ${formatDayTime(paper.lastSeenAt)}`}
      </p>
      <ul class="seen-list" aria-label="Where it was seen">
        {(paper.seenOn ?? []).map((place) => {
          const url = safeHttpUrl(place.url);
          return (
            <li>
              <span class="seen-site">{SITE_NAMES[place.site] ?? place.site}</span>{' '}
              {url ? (
                <a href={url} target="_blank" rel="noopener noreferrer" dir="auto">
                  {placeLabel(place.label)}
                </a>
              ) : (
                <bdi>{placeLabel(place.label)}</bdi>
              )}
              <span class="seen-when">
                {' '}
                · {formatDayTime(place.lastAt)}
                {place.count > 1 ? ` · ${place.count} views` : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The note, saved a moment after typing stops, when the field is left (or the paper closed), and when
 * the page is hidden or closed. Until a save of the text finishes, it is also kept as a draft in
 * localStorage (`note-drafts.ts`): a save started as the tab closes may not finish, the draft does.
 */
function NoteEditor({ paper, save }: { paper: PaperRecord; save: (note: string) => Promise<PaperRecord | undefined> }) {
  const [text, setText] = useState(paper.note ?? '');
  const [state, setState] = useState<'saved' | 'editing' | 'error'>('saved');
  const [failure, setFailure] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const pending = useRef<string | undefined>(undefined);
  /** The note as stored when the text not yet saved was begun. */
  const base = useRef(paper.note ?? '');

  const flush = () => {
    clearTimeout(timer.current);
    const value = pending.current;
    if (value === undefined) return;
    pending.current = undefined;
    save(value).then(
      (record) => {
        base.current = record?.note ?? '';
        if (pending.current === undefined) dropNoteDraft(paper.id, value);
        else keepNoteDraft({ id: paper.id, text: pending.current, base: base.current });
        setState(pending.current === undefined ? 'saved' : 'editing');
      },
      (error: unknown) => {
        setFailure(failedWrite('The note was not saved', error));
        setState('error');
      },
    );
  };
  // Closing the paper or switching to another stores what was typed; so do leaving the tab and closing
  // it or the browser (the write starts at once; the draft covers a write the closing page cuts off).
  usePageLeave(flush);

  return (
    <div class="note">
      <textarea
        id="paper-note"
        rows={4}
        maxLength={MAX_NOTE_LENGTH}
        placeholder="Your note on this paper…"
        value={text}
        onInput={(event) => {
          const value = event.currentTarget.value;
          setText(value);
          pending.current = value;
          keepNoteDraft({ id: paper.id, text: value, base: base.current });
          setState('editing');
          clearTimeout(timer.current);
          timer.current = setTimeout(flush, NOTE_SAVE_MS);
        }}
        onBlur={flush}
      />
      <span class="note-state" role="status">
        {state === 'error' ? `${failure} What you typed is kept on this device and saved when the library opens next.` : state === 'editing' ? 'Editing…' : paper.note ? 'Saved' : ''}
      </span>
    </div>
  );
}
