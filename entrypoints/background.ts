import { type FoldResult, foldPendingCaptures } from '@/utils/db/record-capture';
import { pruneIfDue } from '@/utils/db/retention';
import { libraryDb } from '@/utils/db/schema';
import { registerOmnibox } from '@/utils/omnibox';
import { registerSaveLinkMenu } from '@/utils/save-link-menu';
import { type HandleOptions, handleMessage } from '@/utils/handle-message';
import { setUserChangeRelay } from '@/utils/change-feed/feed';
import { gatheringRelay, relayToListingTabs } from '@/utils/library-sync';
import { createPageViews, memoryArea, type SessionArea } from '@/utils/page-views';
import { StorageHealthMonitor } from '@/utils/storage-health';
import { publishStorageHealth, restoreStorageHealth } from '@/utils/storage-health-browser';

export default defineBackground({
  main() {
    const db = libraryDb();
    // Free space is known before Paperdex writes captures: below a floor capture pauses, and the badge,
    // popup and library say so (utils/storage-health.ts).
    const storage = new StorageHealthMonitor({
      estimate: navigator.storage?.estimate ? () => navigator.storage.estimate() : undefined,
      publish: (health) => publishStorageHealth(health),
      initial: restoreStorageHealth().catch(() => undefined),
    });
    void storage.check();
    // Address-bar search (`pd` + words) and "Save to Paperdex" on paper links: listeners at start-up.
    registerOmnibox(db);
    registerSaveLinkMenu(db, browser, undefined, storage);
    // One fold at a time; a fold started while another runs picks up whatever that one left. Resolves
    // when this fold is done (an extension page's `merge-pending` waits for it); the chain goes on after a failure.
    let folding: Promise<unknown> = Promise.resolve();
    const fold = (): Promise<FoldResult> => {
      const run = folding.then(async () => {
        // Merging writes too: queued batches wait (durably) until there is room.
        if (await storage.capturePaused()) return { batches: 0, papers: 0, failed: 0 };
        const start = performance.now();
        const result = await foldPendingCaptures(db).catch((error: unknown) => {
          storage.writeFailed(error);
          throw error;
        });
        // The latest capture's and fold's durations are kept for `npm run bench` (cleared first, so
        // nothing accumulates).
        performance.clearMeasures('paperdex:fold');
        performance.measure('paperdex:fold', { start, detail: result });
        return result;
      });
      folding = run.catch((error: unknown) => console.error('[Paperdex] fold failed', error));
      return run;
    };

    // Card states and actions run after the merges queued before them: a page's state, asked before its
    // capture is sent, is read before that capture is merged ("seen before this visit"), and a card saved
    // after its capture finds its paper.
    const afterFold = <T>(work: () => Promise<T>): Promise<T> => {
      const result = folding.then(work);
      // A read that hangs must not hold every later merge: the chain moves on after 5 s at most.
      folding = Promise.race([result.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      return result;
    };
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
      afterFold,
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
    // Batches queued by a worker that was stopped before merging them.
    void fold().catch(() => {});
    // History retention: checked at each start-up (the worker starts often), run at most once a day;
    // after the start-up fold but outside the fold chain, so captures never wait for it.
    // Not while storage is in trouble: deleting rewrites (compacts) the database.
    void folding
      .then(async () => (await storage.capturePaused()) || pruneIfDue(db))
      .catch((error: unknown) => console.error('[Paperdex] retention failed', storage.writeFailed(error), error));
  },
});
