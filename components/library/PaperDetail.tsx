import { useEffect, useRef, useState } from 'preact/hooks';
import { TagEditor } from '@/components/TagEditor';
import { useLiveQuery } from '@/components/use-live-query';
import type { PaperdexDB } from '@/utils/db/schema';
import { addTag, removeTag, setNote, setRead, setSaved } from '@/utils/db/user-actions';
import { formatDay, formatDayTime, plural } from '@/utils/library/format';
import { announced } from '@/utils/library-sync';
import { MAX_NOTE_LENGTH } from '@/utils/note';
import type { PaperRecord } from '@/utils/paper';
import { paperLinks, safeHttpUrl } from '@/utils/popup/links';
import type { TagCount } from '@/utils/popup/tag-suggestions';

interface PaperDetailProps {
  db: PaperdexDB;
  id: string;
  tagCounts: readonly TagCount[];
  onClose: () => void;
}

const SITE_NAMES = { hf: 'Hugging Face', arxiv: 'arXiv' } as const;
/** A note is stored this long after the last keystroke (and at once when the field loses focus). */
const NOTE_SAVE_MS = 600;

const report = (what: string) => (error: unknown) => console.error(`[Paperdex] ${what} failed`, error);

/** One paper in full: abstract, links, where and when it was seen, tags, saved/read, the user's note. */
export function PaperDetail({ db, id, tagCounts, onClose }: PaperDetailProps) {
  const paper = useLiveQuery(() => db.papers.get(id).then((record) => record ?? null), [db, id]);
  const [editingTags, setEditingTags] = useState(false);

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
  return (
    <section class="detail" aria-labelledby="detail-title">
      <div class="detail-head">
        {/* Page text is isolated (<bdi>, dir=auto): its direction controls or right-to-left letters can't reorder the view. */}
        <h2 id="detail-title">
          <bdi>{paper.title || paper.id}</bdi>
        </h2>
        <button type="button" class="icon-button" aria-label="Close paper" onClick={onClose}>
          ✕
        </button>
      </div>
      <p class="detail-authors">
        <bdi>{(paper.authors ?? []).join(', ')}</bdi>
      </p>
      <p class="detail-meta">
        arXiv {paper.id}
        {paper.primaryCategory ? ` · ${paper.primaryCategory}` : ''}
        {paper.publishedAt ? ` · published ${formatDay(Date.parse(paper.publishedAt))}` : ''}
      </p>
      <div class="detail-actions">
        <button type="button" class="button" aria-pressed={saved} onClick={() => void setSaved(db, paper.id, !saved).then(announced(paper)).catch(report('saving'))}>
          {saved ? '★ Saved' : '☆ Save'}
        </button>
        <button type="button" class="button" aria-pressed={read} onClick={() => void setRead(db, paper.id, !read).then(announced(paper)).catch(report('marking read'))}>
          {read ? '✓ Read' : 'Mark read'}
        </button>
      </div>
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
          <span class="tag removable">
            #<bdi>{tag}</bdi>
            <button type="button" class="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => void removeTag(db, paper.id, tag).then(announced(paper)).catch(report('removing a tag'))}>
              ✕
            </button>
          </span>
        ))}
        {editingTags ? (
          <TagEditor paperId={paper.id} tags={paper.tags} counts={tagCounts} onAdd={(tag) => addTag(db, paper.id, tag).then(announced(paper))} onClose={() => setEditingTags(false)} />
        ) : (
          <button type="button" class="link-button" onClick={() => setEditingTags(true)}>
            + Add tag
          </button>
        )}
      </div>

      <h3>
        <label for="paper-note">Note</label>
      </h3>
      <NoteEditor key={paper.id} db={db} paper={paper} />

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
        {plural(paper.seenCount, 'time', 'times')}: first {formatDayTime(paper.firstSeenAt)}, last {formatDayTime(paper.lastSeenAt)}
      </p>
      <ul class="seen-list" aria-label="Where it was seen">
        {(paper.seenOn ?? []).map((place) => {
          const url = safeHttpUrl(place.url);
          return (
            <li>
              <span class="seen-site">{SITE_NAMES[place.site] ?? place.site}</span>{' '}
              {url ? (
                <a href={url} target="_blank" rel="noopener noreferrer" dir="auto">
                  {place.label}
                </a>
              ) : (
                <bdi>{place.label}</bdi>
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

/** The note, saved a moment after typing stops and when the field is left (or the paper closed). */
function NoteEditor({ db, paper }: { db: PaperdexDB; paper: PaperRecord }) {
  const [text, setText] = useState(paper.note ?? '');
  const [state, setState] = useState<'saved' | 'editing' | 'error'>('saved');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const pending = useRef<string | undefined>(undefined);

  const flush = () => {
    clearTimeout(timer.current);
    const value = pending.current;
    if (value === undefined) return;
    pending.current = undefined;
    setNote(db, paper.id, value).then(
      () => setState(pending.current === undefined ? 'saved' : 'editing'),
      (error: unknown) => {
        report('saving the note')(error);
        setState('error');
      },
    );
  };
  // Closing the paper or switching to another stores what was typed.
  useEffect(() => flush, []);

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
          setState('editing');
          clearTimeout(timer.current);
          timer.current = setTimeout(flush, NOTE_SAVE_MS);
        }}
        onBlur={flush}
      />
      <span class="note-state" role="status">
        {state === 'error' ? 'Could not save the note.' : state === 'editing' ? 'Editing…' : paper.note ? 'Saved' : ''}
      </span>
    </div>
  );
}
