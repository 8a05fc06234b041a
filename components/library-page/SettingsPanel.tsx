/**
 * The library's Settings view: history retention (with the number of papers a new value removes, shown
 * before it is applied), dimming seen papers on listing pages, the popup's keyboard shortcut, and the
 * library's storage (how much, whether the browser may clear it). Each section is its own component
 * (`settings/`); this lays them out.
 */
import type { LoadedRows } from '@/utils/ui/library-page/loaded-rows';
import type { Settings } from '@/utils/library/settings';
import type { LibraryActions } from './actions';
import { CardControlsSetting } from './settings/CardControlsSetting';
import { DimSeenSetting } from './settings/DimSeenSetting';
import { RetentionSetting } from './settings/RetentionSetting';
import { ShortcutSetting } from './settings/ShortcutSetting';
import { StorageSetting } from './settings/StorageSetting';
import './panels.css';

export interface SettingsPanelProps {
  /** The stored settings; `undefined` until read. */
  settings: Settings | undefined;
  library: LoadedRows;
  actions: Pick<LibraryActions, 'applyRetention' | 'setDimSeen' | 'setCardControls'>;
}

export function SettingsPanel({ settings, library, actions }: SettingsPanelProps) {
  return (
    <div class="pd-panel pd-settings">
      <section class="pd-section" aria-labelledby="pd-settings-history">
        <h2 id="pd-settings-history">History</h2>
        {settings ? <RetentionSetting library={library} current={settings.retentionDays} actions={actions} /> : <p class="pd-note">Loading…</p>}
      </section>
      <section class="pd-section" aria-labelledby="pd-settings-pages">
        <h2 id="pd-settings-pages">Listing pages</h2>
        <DimSeenSetting dimSeen={settings?.dimSeen} actions={actions} />
        <CardControlsSetting cardControls={settings?.cardControls} actions={actions} />
      </section>
      <section class="pd-section" aria-labelledby="pd-settings-shortcut">
        <h2 id="pd-settings-shortcut">Keyboard shortcut</h2>
        <ShortcutSetting />
      </section>
      <section class="pd-section" aria-labelledby="pd-settings-storage">
        <h2 id="pd-settings-storage">Storage</h2>
        <StorageSetting />
      </section>
    </div>
  );
}
