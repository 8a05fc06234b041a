import { syncLocalArea, useSync } from '@/components/shared/use-sync';
import { offerSync, writeSyncSettings } from '@/utils/library/sync/sync-store';
import { PopupSuggestion, SETTINGS_PAGE } from './PopupSuggestion';

/**
 * The first-run view's one-time offer of sync (set up in the library's Settings): never again once
 * dismissed or once sync is on (`offerSync`).
 */
export function SyncOffer() {
  const view = useSync();
  if (!view || !offerSync(view.settings)) return null;
  return (
    <PopupSuggestion action="Set up sync" href={`${SETTINGS_PAGE}-sync`} dismissLabel="Don't offer sync again" onDismiss={() => writeSyncSettings(syncLocalArea(), { offerDone: true })}>
      Use Paperdex on another computer? Sync your saved papers and tags through your browser's own sync.
    </PopupSuggestion>
  );
}
