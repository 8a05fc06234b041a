import { createFoldChain } from '@/utils/capture/fold-chain';
import { foldPendingCaptures } from '@/utils/capture/record-capture';
import { pruneIfDue } from '@/utils/library/retention';
import { libraryDb } from '@/utils/library/schema';
import { registerOmnibox } from '@/utils/ui/omnibox';
import { registerSaveLinkMenu } from '@/utils/ui/save-link-menu';
import { type HandleOptions, handleMessage } from '@/utils/messaging/handle-message';
import { setUserChangeRelay } from '@/utils/library/feed/feed';
import { gatheringRelay, relayToListingTabs } from '@/utils/library/feed/announce-to-tabs';
import { createPageViews, memoryArea, type SessionArea } from '@/utils/capture/page-views';
import { StorageHealthMonitor } from '@/utils/library/storage/storage-health';
import { publishStorageHealth, restoreStorageHealth } from '@/utils/library/storage/storage-health-browser';
import { keepMarksCopy } from '@/utils/library/marks-copy';
import { registerBackups } from '@/utils/library/backup/backup-scheduler';
import { registerSync } from '@/utils/library/sync/register-sync';

export default defineBackground({
  main() {
    const db = libraryDb();
    // Free space is known before Paperdex writes captures: below a floor capture pauses, and the badge,
    // popup and library say so (utils/library/storage/storage-health.ts).
    const storage = new StorageHealthMonitor({
      estimate: navigator.storage?.estimate ? () => navigator.storage.estimate() : undefined,
      publish: (health) => publishStorageHealth(health),
      initial: restoreStorageHealth().catch(() => undefined),
    });
    void storage.check();
    // Address-bar search (`pd` + words) and "Save to Paperdex" on paper links: listeners at start-up.
    registerOmnibox(db);
    registerSaveLinkMenu(db, browser, undefined, storage);
    // One fold at a time; card states and actions wait for the merges queued before them
    // (utils/capture/fold-chain.ts). Merging writes too: queued batches wait (durably) while storage is in trouble.
    const chain = createFoldChain({
      foldPending: () => foldPendingCaptures(db),
      paused: () => storage.capturePaused(),
      onFoldError: (error) => storage.writeFailed(error),
      onChainError: (error) => console.error('[Paperdex] fold failed', error),
      // The latest fold's duration is kept for `npm run bench` (cleared first, so nothing accumulates).
      onFolded: (result, start) => {
        performance.clearMeasures('paperdex:fold');
        performance.measure('paperdex:fold', { start, detail: result });
      },
    });
    const fold = chain.fold;

    // What each tab's page view listed and captured (kept across worker restarts in storage.session).
    const pageViews = createPageViews((browser.storage?.session as SessionArea | undefined) ?? memoryArea());
    browser.tabs.onRemoved.addListener((tabId) => void pageViews.tabClosed(tabId).catch(() => {}));
    // Changes to the user's fields reach the open listing tabs: those written here (card actions, the
    // link menu, retention never) straight from the change feed, those of extension pages by their message.
    const announce = gatheringRelay((message) => void relayToListingTabs(browser.tabs, message).catch((error: unknown) => console.warn('[Paperdex] relay failed', error)));
    setUserChangeRelay(announce);
    const options: HandleOptions = {
      extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
      pageViews,
      afterFold: chain.afterFold,
      foldPending: fold,
      announce,
      storage,
    };

    // Registered synchronously at start-up, as MV3 requires; the reply is the returned promise.
    browser.runtime.onMessage.addListener((message, sender) => {
      const start = performance.now();
      const reply = handleMessage(db, message, sender, browser.runtime.id, Date.now(), options);
      void reply.then((response) => {
        if (!('accepted' in response)) return;
        performance.clearMeasures('paperdex:capture');
        performance.measure('paperdex:capture', { start, detail: response });
        // Also when only drift problems were queued (a page with no cards): they are counted by the fold.
        void fold().catch(() => {});
      });
      return reply;
    });
    // Automatic backups (opt-in, Settings): a daily file in the downloads' Paperdex/ folder.
    registerBackups(db);
    // Batches queued by a worker that was stopped before merging them.
    void fold().catch(() => {});
    // The second copy of the user's marks (storage.local), restored from when the database was lost;
    // after the start-up fold, and not while storage is in trouble (utils/library/marks-copy/).
    const marksCopy = keepMarksCopy(db, browser.storage.local, { paused: () => storage.capturePaused(), onError: (error) => console.error('[Paperdex] marks copy failed', error) });
    void chain.settled().then(() => marksCopy.run());
    // Sync of the user's marks through storage.sync (opt-in, Settings): after the start-up fold (utils/library/sync/).
    const sync = registerSync(db, () => storage.capturePaused());
    void chain.settled().then(() => sync.start());
    // History retention: checked at each start-up (the worker starts often), run at most once a day;
    // after the start-up fold but outside the fold chain, so captures never wait for it.
    // Not while storage is in trouble: deleting rewrites (compacts) the database.
    void chain
      .settled()
      .then(async () => (await storage.capturePaused()) || pruneIfDue(db))
      .catch((error: unknown) => console.error('[Paperdex] retention failed', storage.writeFailed(error), error));
  },
});
