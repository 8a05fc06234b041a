import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { POPUP_SHORTCUT, readPopupShortcut } from '@/utils/ui/popup/shortcut';

/** The manifest's default, shown when the browser can't say. */
const DEFAULT_SHORTCUT = POPUP_SHORTCUT;

function Keys({ shortcut }: { shortcut: string }) {
  const keys = shortcut.split('+').filter(Boolean);
  return (
    <kbd class="pd-keys" aria-label={shortcut}>
      {keys.map((key, index) => (
        <Fragment key={index}>
          {index > 0 && <span aria-hidden="true">+</span>}
          <kbd class="pd-key">{key}</kbd>
        </Fragment>
      ))}
    </kbd>
  );
}

/** The popup's keyboard shortcut as the browser has it, and where to change it. */
export function ShortcutSetting() {
  const [shortcut, setShortcut] = useState<string | undefined | null>(null);
  useEffect(() => {
    void readPopupShortcut().then(setShortcut);
  }, []);
  const firefox = import.meta.env.FIREFOX;
  const openShortcuts = () => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }).catch(() => undefined);
  return (
    <>
      <p class="pd-shortcut" aria-busy={shortcut === null}>
        Open the Paperdex popup:{' '}
        {shortcut === null ? '…' : shortcut === '' ? <span class="pd-muted">no shortcut set</span> : <Keys shortcut={shortcut ?? DEFAULT_SHORTCUT} />}
        {shortcut === undefined && <span class="pd-muted"> (the default)</span>}
      </p>
      {firefox ? (
        <p class="pd-note">
          To change it, open <span class="pd-url">about:addons</span>, click the gear icon, then <em>Manage Extension Shortcuts</em>.
        </p>
      ) : (
        <p class="pd-note">
          To change it, open <span class="pd-url">chrome://extensions/shortcuts</span>{' '}
          <button type="button" class="pd-button pd-button-small" onClick={openShortcuts}>
            Open shortcut settings
          </button>
        </p>
      )}
    </>
  );
}
