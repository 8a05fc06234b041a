/**
 * What the popup's results do to the library: save, read, tag, untag. Each shows at once (the row is
 * painted with the change while it is written: `pending`), is written by `writePaper`, and is undone on
 * screen, with the reason said at the top (or, for a tag, under its field), if the write fails. Until the
 * list read from the library shows the change (a list read before the write was stored may come after
 * it), the row keeps showing it.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PaperActions } from '@/components/popup/PaperItem';
import { tagToAdd } from '@/utils/library/feed/user-changes';
import type { PaperChange } from '@/utils/messaging/messages';
import type { ResultRow } from '@/utils/search/result-row';
import { failedWrite, reportStorageFailure } from '@/utils/library/storage/storage-health-browser';
import { failureText } from '@/utils/library/storage/write-failure';
import { recoverTagDrafts } from '@/utils/library/drafts/tag-drafts';
import { RecordedWriteFailure, type WritePaper } from './write-paper';

/** What a row shows of its user fields. */
type Shown = Partial<Pick<ResultRow, 'savedAt' | 'readAt' | 'tags'>>;

interface Pending {
  /** The fields the row shows, over what the list read from the library says. */
  shown: Shown;
  /** Writes still under way. */
  writing: number;
  /** Counts the writes started, so a later write's change is not dropped for an earlier one. */
  version: number;
}

/**
 * How long a stored change stays shown by hand at most, if the list read from the library does not show
 * it by then (the paper changed again elsewhere meanwhile, or is not in the list): the list is the truth.
 */
const SHOWN_AFTER_WRITE_MS = 2_000;

const NONE: ReadonlyMap<string, Pending> = new Map();

const agrees = (row: ResultRow, shown: Shown) =>
  Object.entries(shown).every(([key, value]) => JSON.stringify(row[key as keyof Shown]) === JSON.stringify(value));

/** UI actions the rows also call (they are not writes). */
export type ViewActions = Pick<PaperActions, 'showTag' | 'editTags' | 'select'>;

export interface PaperActionsOptions {
  /** The list as read from the library. */
  papers: readonly ResultRow[];
  writePaper: WritePaper;
  /** A write found its paper gone from the library (deleted elsewhere). */
  forget: (id: string) => void;
  /** Whether the library's own list is on screen: tags typed on closed pages are added then. */
  shown: boolean;
  view: ViewActions;
}

export function usePaperActions({ papers, writePaper, forget, shown, view }: PaperActionsOptions) {
  const [pending, setPending] = useState(NONE);
  /** A save, read or tag change that failed, said at the top of the popup in plain words. */
  const [failure, setFailure] = useState('');

  const rows = useMemo(
    () => (pending.size ? papers.map((paper) => (pending.has(paper.id) ? { ...paper, ...pending.get(paper.id)!.shown } : paper)) : papers),
    [papers, pending],
  );

  // A stored change stays shown by hand until the list read from the library shows it.
  useEffect(() => {
    if (!pending.size) return;
    const settled = [...pending].filter(([id, entry]) => {
      const row = !entry.writing && papers.find((paper) => paper.id === id);
      return row && agrees(row, entry.shown);
    });
    if (settled.length) setPending((now) => without(now, settled.map(([id]) => id)));
  }, [papers, pending]);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  /** Drops what write `version` showed after `SHOWN_AFTER_WRITE_MS`, unless a later write is under way. */
  const dropLater = (id: string, version: number) => {
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setPending((now) => {
        const entry = now.get(id);
        return entry && !entry.writing && entry.version === version ? without(now, [id]) : now;
      });
    }, SHOWN_AFTER_WRITE_MS);
    timers.current.add(timer);
  };

  /** Tags typed on a page that closed before it could add them (utils/library/drafts/tag-drafts): added once the first list is shown. */
  useEffect(() => {
    if (!shown) return;
    recoverTagDrafts((id, tag) => writePaper(id, { addTag: tagToAdd(tag) })).catch((error: unknown) =>
      console.error('[Paperdex] adding typed tags failed', error),
    );
  }, [writePaper, shown]);

  const versions = useRef(0);
  const update = (id: string, change: (entry: Pending) => Pending | undefined) =>
    setPending((now) => {
      const next = new Map(now);
      const entry = change(now.get(id) ?? { shown: {}, writing: 0, version: 0 });
      if (entry) next.set(id, entry);
      else next.delete(id);
      return next;
    });

  /** Shows `shown` on the row at once, writes `change`; on failure the row shows the library's state again. */
  const write = async (paper: ResultRow, change: PaperChange, shown: Shown): Promise<unknown> => {
    setFailure('');
    const version = ++versions.current;
    update(paper.id, (entry) => ({ shown: { ...entry.shown, ...shown }, writing: entry.writing + 1, version }));
    try {
      const written = await writePaper(paper.id, change);
      if (!written) forget(paper.id);
      update(paper.id, (entry) => (written ? { ...entry, writing: entry.writing - 1 } : undefined));
      dropLater(paper.id, version);
      return written;
    } catch (error) {
      update(paper.id, (entry) => {
        const kept = Object.fromEntries(Object.entries(entry.shown).filter(([key]) => !(key in shown)));
        return { ...entry, shown: kept, writing: entry.writing - 1 };
      });
      throw error;
    }
  };
  // A failed write is said where the user acted. A storage failure must reach the background (a full disk
  // pauses capture and every view says so): one in the background's answer is recorded there already,
  // so only a failure of the popup's own is reported.
  const recorded = (error: unknown) => error instanceof RecordedWriteFailure;
  const failed = (what: string) => (error: unknown) => setFailure(recorded(error) ? failureText(what, error) : failedWrite(what, error));

  const latestActions: PaperActions = {
    ...view,
    toggleSaved: (paper) => {
      const saved = paper.savedAt === undefined;
      void write(paper, { saved }, { savedAt: saved ? Date.now() : undefined }).catch(failed(saved ? 'Not saved' : 'Not unsaved'));
    },
    toggleRead: (paper) => {
      const read = paper.readAt === undefined;
      void write(paper, { read }, { readAt: read ? Date.now() : undefined }).catch(failed(read ? 'Not marked read' : 'Not marked unread'));
    },
    // (The tag field says why a tag was not added, under itself.)
    addTag: async (paper, raw) => {
      const tag = tagToAdd(raw);
      return write(paper, { addTag: tag }, { tags: paper.tags.includes(tag) ? paper.tags : [...paper.tags, tag] }).catch((error: unknown) => {
        if (!recorded(error)) reportStorageFailure(error);
        throw error;
      });
    },
    removeTag: (paper, tag) =>
      void write(paper, { removeTag: tag }, { tags: paper.tags.filter((kept) => kept !== tag) }).catch(failed(`#${tag} not removed`)),
  };
  // The rows get the same functions on every render (so they render again only when their paper
  // changes); each calls this render's.
  const latest = useRef(latestActions);
  latest.current = latestActions;
  const actions = useMemo<PaperActions>(
    () => ({
      toggleSaved: (paper) => latest.current.toggleSaved(paper),
      toggleRead: (paper) => latest.current.toggleRead(paper),
      addTag: (paper, tag) => latest.current.addTag(paper, tag),
      removeTag: (paper, tag) => latest.current.removeTag(paper, tag),
      showTag: (tag) => latest.current.showTag(tag),
      editTags: (paper, refocus) => latest.current.editTags(paper, refocus),
      select: (index) => latest.current.select(index),
    }),
    [],
  );

  return { rows, actions, failure, dismissFailure: () => setFailure('') };
}

function without(map: ReadonlyMap<string, Pending>, ids: readonly string[]): ReadonlyMap<string, Pending> {
  const next = new Map(map);
  for (const id of ids) next.delete(id);
  return next;
}
