/**
 * The background's side of the on-page controls: read the state of the papers on a page, and apply a
 * card's Save/Tag through `user-actions` (the same writes as the popup).
 */
import { MAX_AUTOCOMPLETE_TAGS, type PaperActionMessage, type PaperState } from '../../messaging/messages';
import type { PaperRecord } from '../../paper/record';
import { readSettings, type Settings } from '../../library/settings';
import { recordCapture } from '../../capture/record-capture';
import type { PaperdexDB } from '../../library/schema';
import { addTag, removeTag, setSaved, tagCounts } from '../../library/user-actions';

export function paperState(record: PaperRecord): PaperState {
  return {
    saved: record.savedAt !== undefined,
    tags: [...record.tags],
    read: record.readAt !== undefined,
    seenCount: record.seenCount,
    firstSeenAt: record.firstSeenAt,
    lastSeenAt: record.lastSeenAt,
  };
}

export interface PaperStates {
  states: Record<string, PaperState>;
  dimSeen: boolean;
  /** Per site: controls and seen marks shown or not (the page picks its own site's). */
  cardControls: Settings['cardControls'];
  tags?: string[];
}

/** One bulkGet for the page's ids; papers not in the library are left out. */
export async function readPaperStates(db: PaperdexDB, ids: string[], withTags = false): Promise<PaperStates> {
  const [records, settings, tags] = await Promise.all([
    db.papers.bulkGet(ids),
    readSettings(db),
    withTags ? tagCounts(db) : undefined,
  ]);
  const states: Record<string, PaperState> = {};
  for (const record of records) if (record) states[record.id] = paperState(record);
  return {
    states,
    dimSeen: settings.dimSeen,
    cardControls: settings.cardControls,
    ...(tags ? { tags: tags.slice(0, MAX_AUTOCOMPLETE_TAGS).map((entry) => entry.tag) } : {}),
  };
}

/**
 * Applies a card's action. A card whose capture is not merged yet (or never arrived) is recorded from the
 * card the message carries first, by the capture's merge rules; without that card, an unknown id is an error.
 */
export async function applyPaperAction(db: PaperdexDB, message: PaperActionMessage, now = Date.now()): Promise<PaperState> {
  const act = () => {
    if (message.type === 'set-saved') return setSaved(db, message.id, message.saved, now);
    if (message.type === 'add-tag') return addTag(db, message.id, message.tag, now);
    return removeTag(db, message.id, message.tag, now);
  };
  let record = await act();
  if (!record && message.type !== 'remove-tag' && message.paper && message.listing) {
    await recordCapture(db, { listing: message.listing, papers: [message.paper], problems: [] }, now);
    record = await act();
  }
  if (!record) throw new Error('This paper is not in the library yet.');
  return paperState(record);
}
