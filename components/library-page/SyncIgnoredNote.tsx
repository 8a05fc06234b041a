import { useSync } from '@/components/shared/use-sync';
import { ignoredSummary } from '@/utils/library/sync/sync-text';

/**
 * Stats' note on remote sync items that were not applied (corrupt, from a newer format, hostile), in
 * plain words; nothing while sync is off or everything was applied. Details are in Settings › Sync.
 */
export function SyncIgnoredNote() {
  const view = useSync();
  if (!view?.settings.enabled) return null;
  const summary = ignoredSummary(view.status.ignored, view.status.ignoredCount);
  if (!summary) return null;
  return <p class="pd-note pd-sync-ignored-note">{summary}</p>;
}
