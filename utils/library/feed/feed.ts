/**
 * The change feed: how every reader learns that the library changed. A writer posts one
 * `LibraryChange` once its transaction has committed (`write.ts` does it for Dexie writes, the popup's
 * `PlainLibraryDb.change` for its own); readers subscribe with `onLibraryChange` and catch up from their
 * cursor (`changesSince`). One BroadcastChannel of Paperdex's own carries it to the other contexts of
 * the extension (pages, popup, background); listeners in the writer's own context are called directly
 * (a BroadcastChannel does not deliver to its sender). No Dexie here: the popup loads this module.
 *
 * A change to the user's own fields (save, tag, read, note, delete, import) or to the settings (dimming)
 * also goes to the open listing tabs, whose cards show them: from an extension page as a `library-changed` message
 * to the background (which wakes it), in the background straight to the tabs (`setUserChangeRelay`).
 * Captures are never relayed.
 */
import { type Announcement, announceToBackground, MAX_ANNOUNCED_IDS } from './announce-to-tabs';

export type LibraryChange =
  /** Papers written or deleted (`ids` may be empty: a capture that only counted problems). */
  | { kind: 'papers'; ids: string[]; user: boolean }
  /** The settings row changed. */
  | { kind: 'settings' };

export type LibraryChangeListener = (change: LibraryChange) => void;

/** Paperdex's own channel (not Dexie's `x-storagemutated-1`). */
export const FEED_CHANNEL = 'paperdex-library-feed';

const listeners = new Set<LibraryChangeListener>();
let channel: BroadcastChannel | undefined;
let relayUserChange: (announcement: Announcement) => void = announceToBackground;

/** Validates a message from the channel (other contexts of the extension only, but checked all the same). */
export function parseLibraryChange(data: unknown): LibraryChange | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const change = data as Partial<Record<string, unknown>>;
  if (change.kind === 'settings') return { kind: 'settings' };
  if (change.kind !== 'papers' || typeof change.user !== 'boolean' || !Array.isArray(change.ids)) return undefined;
  const ids = change.ids.filter((id): id is string => typeof id === 'string');
  return { kind: 'papers', ids, user: change.user };
}

function deliver(change: LibraryChange): void {
  for (const listener of [...listeners]) {
    try {
      listener(change);
    } catch (error) {
      console.error('[Paperdex] a library change listener failed', error);
    }
  }
}

/** Calls `listener` after every change to the library, made here or in any other context; returns the unsubscribe. */
export function onLibraryChange(listener: LibraryChangeListener): () => void {
  if (!listeners.size && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(FEED_CHANNEL);
    channel.onmessage = (event: MessageEvent) => {
      const change = parseLibraryChange(event.data);
      if (change) deliver(change);
    };
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size) return;
    channel?.close();
    channel = undefined;
  };
}

/** Announces a committed change: to this context's listeners, the other contexts, and (user changes) the listing tabs. */
export function postLibraryChange(change: LibraryChange): void {
  deliver(change);
  try {
    // Through the listening channel when there is one: a channel object never hears its own posts, but
    // another one of the same name in this context would (and call the listeners twice).
    if (channel) channel.postMessage(change);
    else {
      const out = new BroadcastChannel(FEED_CHANNEL);
      out.postMessage(change);
      out.close();
    }
  } catch {
    // No BroadcastChannel: no other context to tell.
  }
  if (change.kind === 'settings') relayUserChange({ type: 'settings-changed' });
  else if (change.user && change.ids.length) relayUserChange({ type: 'library-changed', ids: change.ids.slice(0, MAX_ANNOUNCED_IDS) });
}

/** Where user changes and settings go besides the feed: the background passes its relay to the listing tabs. Returns the undo. */
export function setUserChangeRelay(relay: (announcement: Announcement) => void): () => void {
  const previous = relayUserChange;
  relayUserChange = relay;
  return () => {
    relayUserChange = previous;
  };
}

/** A change source for hooks that take one (`useLibraryQuery`). */
export const LIBRARY_FEED = { onChange: (listener: () => void) => onLibraryChange(() => listener()) };
