/**
 * The storage-trouble state between the extension's parts: the background shows it on the toolbar
 * badge and mirrors it in `storage.session` (memory only: it can be written on a full disk, and it is
 * gone with the browser session, when free space is measured afresh); views ask the background for it
 * (a fresh measure) and follow the mirror while open; a view's own failed write is reported to it.
 */
import { browser } from 'wxt/browser';
import type { StorageHealthMessage, StorageHealthResponse } from '../../messaging/messages';
import { noteStorageHealth, STORAGE_HEALTH_KEY, type StorageHealth, troubleNotice } from './storage-health';
import { failureText, storageFailure } from './write-failure';

type Api = typeof browser;

const isHealth = (value: unknown): value is StorageHealth =>
  typeof value === 'object' && value !== null && (!('trouble' in value) || typeof (value as StorageHealth).trouble?.reason === 'string');

/** Background: the badge ("!" and a title that says why) and the mirror, for a new state. */
export function publishStorageHealth(health: StorageHealth, api: Api = browser): void {
  const action = api.action ?? api.browserAction;
  const notice = health.trouble && troubleNotice(health.trouble);
  if (action) {
    void Promise.resolve(action.setBadgeText({ text: notice ? '!' : '' })).catch(() => undefined);
    void Promise.resolve(action.setTitle({ title: notice ? `${notice.title}. ${notice.detail}` : 'Paperdex' })).catch(() => undefined);
    if (notice) void Promise.resolve(action.setBadgeBackgroundColor({ color: '#b91c1c' })).catch(() => undefined);
  }
  void Promise.resolve(api.storage?.session?.set({ [STORAGE_HEALTH_KEY]: health })).catch(() => undefined);
}

/** Background, at start: the state the stopped worker left (none in a new browser session). */
export async function restoreStorageHealth(api: Api = browser): Promise<StorageHealth | undefined> {
  const stored = (await api.storage?.session?.get(STORAGE_HEALTH_KEY))?.[STORAGE_HEALTH_KEY];
  return isHealth(stored) ? stored : undefined;
}

/** Views: the state, measured now by the background (and, with `failure`, a failed write of the view's told first). */
export async function askStorageHealth(failure?: StorageHealthMessage['failure'], api: Api = browser): Promise<StorageHealth | undefined> {
  const message: StorageHealthMessage = { type: 'storage-health', ...(failure ? { failure } : {}) };
  const response = (await api.runtime.sendMessage(message)) as StorageHealthResponse | undefined;
  if (!response?.ok || !isHealth(response.health)) return undefined;
  noteStorageHealth(response.health);
  return response.health;
}

/** Views: called with every new state while open; returns the unsubscribe. */
export function watchStorageHealth(onChange: (health: StorageHealth) => void, api: Api = browser): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const next = changes[STORAGE_HEALTH_KEY]?.newValue;
    if (area !== 'session' || !isHealth(next)) return;
    noteStorageHealth(next);
    onChange(next);
  };
  api.storage?.onChanged?.addListener(listener);
  return () => api.storage?.onChanged?.removeListener(listener);
}

/** Views: a write of theirs failed; when the storage is why, the background pauses capture and every view says so. */
export function reportStorageFailure(error: unknown, api: Api = browser): void {
  const failure = storageFailure(error);
  if (failure) void askStorageHealth(failure, api).catch(() => undefined);
}

/** Views: what to show where the user acted ("<what>: <reason>."), the failure reported as above. */
export function failedWrite(what: string, error: unknown, api: Api = browser): string {
  console.error(`[Paperdex] ${what}`, error);
  reportStorageFailure(error, api);
  return failureText(what, error);
}
