/**
 * Chrome's offscreen document for backups (`utils/library/backup/backup-source.ts`): the service worker
 * can't make Blob URLs, so this page builds the file in the backup worker, makes its URL, and keeps it
 * until the background has downloaded it. It answers only its two messages, and only from the extension
 * itself (not from a tab).
 */
import { browser } from 'wxt/browser';
import { BACKUP_WORKER_PATH } from '@/utils/library/backup/backup-worker-client';
import { isOffscreenMessage, type OffscreenBuildReply, pageSource } from '@/utils/library/backup/backup-source';

const source = pageSource(browser.runtime.getURL(BACKUP_WORKER_PATH));
const releases = new Map<string, () => Promise<void>>();

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  if (!isOffscreenMessage(message) || sender.id !== browser.runtime.id || sender.tab) return undefined;
  if (message.type === 'backup-offscreen-release') {
    const release = releases.get(message.url);
    releases.delete(message.url);
    return (release?.() ?? Promise.resolve()).then(() => ({ ok: true }));
  }
  return source.build(message.now).then((built): OffscreenBuildReply => {
    if (!built.ok) return built;
    releases.set(built.url, built.release);
    return { ok: true, url: built.url, papers: built.papers, bytes: built.bytes };
  });
});
