/**
 * Where a backup's file gets its URL for `downloads.download`. An MV3 service worker cannot make Blob
 * URLs, so in Chrome the background asks an offscreen document (`entrypoints/backup-offscreen/`), which
 * builds the file in the backup worker and keeps the Blob URL alive until the download is done. Firefox
 * runs the background as a page (WXT builds MV2 for it), which does the same itself.
 */
import { browser } from 'wxt/browser';
import { isRecord } from '../../paper/sanitize';
import { BACKUP_WORKER_PATH, buildInWorker } from './backup-worker-client';

export type SourcedBackup = { ok: true; url: string; papers: number; bytes: number; release(): Promise<void> } | { ok: false; error: string };

export interface BackupSource {
  /** Builds and verifies a backup and gives it a URL; `release` frees it once downloaded. */
  build(now: number): Promise<SourcedBackup>;
}

/** In a page (Firefox's background page, Chrome's offscreen document): the worker, then a Blob URL. */
export function pageSource(workerUrl: string): BackupSource {
  return {
    async build(now) {
      const built = await buildInWorker(workerUrl, now);
      if (!built.ok) return built;
      const url = URL.createObjectURL(built.blob);
      return { ok: true, url, papers: built.papers, bytes: built.bytes, release: async () => URL.revokeObjectURL(url) };
    },
  };
}

export const OFFSCREEN_PATH = '/backup-offscreen.html';

/** Background → offscreen document messages (the document answers nothing else). */
export type OffscreenMessage = { type: 'backup-offscreen-build'; now: number } | { type: 'backup-offscreen-release'; url: string };
export type OffscreenBuildReply = { ok: true; url: string; papers: number; bytes: number } | { ok: false; error: string };

export function isOffscreenMessage(value: unknown): value is OffscreenMessage {
  if (!isRecord(value)) return false;
  if (value.type === 'backup-offscreen-build') return typeof value.now === 'number';
  return value.type === 'backup-offscreen-release' && typeof value.url === 'string';
}

function isBuildReply(value: unknown): value is OffscreenBuildReply {
  if (!isRecord(value)) return false;
  if (value.ok === false) return typeof value.error === 'string';
  return value.ok === true && typeof value.url === 'string' && value.url.startsWith('blob:') && typeof value.papers === 'number' && typeof value.bytes === 'number';
}

/** The parts of Chrome's `offscreen` and `runtime` APIs used here. */
export interface OffscreenApis {
  createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument(): Promise<boolean>;
  sendMessage(message: OffscreenMessage): Promise<unknown>;
}

/** In Chrome's service worker: the offscreen document builds the file and holds its URL. */
export function offscreenSource(apis: OffscreenApis): BackupSource {
  const close = () => apis.closeDocument().catch(() => {});
  return {
    async build(now) {
      try {
        if (!(await apis.hasDocument())) {
          await apis.createDocument({ url: OFFSCREEN_PATH, reasons: ['BLOBS'], justification: 'Make the Blob URL of the library backup file for downloads.download' });
        }
      } catch (error) {
        return { ok: false, error: `the backup page could not be opened (${String(error)})` };
      }
      const reply = await apis.sendMessage({ type: 'backup-offscreen-build', now }).catch((error: unknown) => ({ ok: false, error: `the backup page did not answer (${String(error)})` }));
      if (!isBuildReply(reply)) {
        await close();
        return { ok: false, error: 'the backup page sent an unexpected answer' };
      }
      if (!reply.ok) {
        await close();
        return reply;
      }
      return {
        ...reply,
        release: async () => {
          await apis.sendMessage({ type: 'backup-offscreen-release', url: reply.url }).catch(() => {});
          await close();
        },
      };
    },
  };
}

/** The backup source of the background this runs in. */
export function backgroundSource(): BackupSource {
  if (typeof document !== 'undefined' && typeof URL.createObjectURL === 'function') return pageSource(browser.runtime.getURL(BACKUP_WORKER_PATH));
  const chromeApi = (globalThis as unknown as { chrome: { offscreen: Omit<OffscreenApis, 'hasDocument' | 'sendMessage'>; runtime: { getContexts(filter: { contextTypes: string[] }): Promise<unknown[]>; sendMessage(message: unknown): Promise<unknown> } } }).chrome;
  return offscreenSource({
    createDocument: (parameters) => chromeApi.offscreen.createDocument(parameters),
    closeDocument: () => chromeApi.offscreen.closeDocument(),
    hasDocument: async () => (await chromeApi.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length > 0,
    sendMessage: (message) => chromeApi.runtime.sendMessage(message),
  });
}
