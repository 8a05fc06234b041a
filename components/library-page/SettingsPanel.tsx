/**
 * The library's Settings view: history retention (with the number of papers a new value removes, shown
 * before it is applied), dimming seen papers on listing pages, the popup's keyboard shortcut, and the
 * library's storage (how much, whether the browser may clear it), automatic backups and sync. Each section is its own component
 * (`settings/`) inside a `SettingsSection` (heading, what it is for, controls); the panel's grid
 * (panels.css) lays out as many sections as there are, one column at 800 px, two from about 1100 px.
 */
import type { LoadedRows } from '@/utils/ui/library-page/loaded-rows';
import type { Settings } from '@/utils/library/settings';
import type { LibraryActions } from './actions';
import { CardControlsSetting } from './settings/CardControlsSetting';
import { BackupSetting } from './settings/BackupSetting';
import { DimSeenSetting } from './settings/DimSeenSetting';
import { RetentionSetting } from './settings/RetentionSetting';
import { SettingsSection } from './settings/SettingsSection';
import { ShortcutSetting } from './settings/ShortcutSetting';
import { StorageSetting } from './settings/StorageSetting';
import { SyncSetting } from './settings/SyncSetting';
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
      <SettingsSection id="pd-settings-history" title="History" summary="How long Paperdex keeps papers you only saw. Saved, read, tagged and annotated papers always stay.">
        {settings ? <RetentionSetting library={library} current={settings.retentionDays} actions={actions} /> : <p class="pd-note">Loading…</p>}
      </SettingsSection>
      <SettingsSection id="pd-settings-pages" title="Listing pages" summary="How Hugging Face and arXiv listings show the papers you have seen.">
        <DimSeenSetting dimSeen={settings?.dimSeen} actions={actions} />
        <CardControlsSetting cardControls={settings?.cardControls} actions={actions} />
      </SettingsSection>
      <SettingsSection id="pd-settings-shortcut" title="Keyboard shortcut" summary="Open the popup from any tab without the mouse.">
        <ShortcutSetting />
      </SettingsSection>
      <SettingsSection id="pd-settings-storage" title="Storage" summary="Where your library lives and whether the browser may clear it.">
        <StorageSetting />
      </SettingsSection>
      <SettingsSection id="pd-settings-backups" title="Automatic backups" summary="A daily copy of the whole library in your downloads, in case this browser loses it.">
        <BackupSetting />
      </SettingsSection>
      <SettingsSection id="pd-settings-sync" title="Sync" summary="Your marks on your other browsers, through the browser's own sync.">
        <SyncSetting />
      </SettingsSection>
    </div>
  );
}
