import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { readPopupShortcut, whereToSetShortcut } from '@/utils/ui/popup/shortcut';

interface ShortcutHintProps {
  /** Reads the shortcut (default: the browser's commands); '' when unbound, undefined when unknown. */
  read?: () => Promise<string | undefined>;
  firefox?: boolean;
}

/** The keys that open the popup, or, when the browser left them unbound, where to set them. Nothing when unknown. */
export function ShortcutHint({ read = readPopupShortcut, firefox = import.meta.env.FIREFOX }: ShortcutHintProps) {
  const [shortcut, setShortcut] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void read().then((value) => live && setShortcut(value));
    return () => {
      live = false;
    };
  }, [read]);
  if (shortcut === undefined) return null;
  if (shortcut === '')
    return (
      <p class="shortcut-hint">
        No keyboard shortcut opens Paperdex yet. {whereToSetShortcut(firefox)}
      </p>
    );
  const keys = shortcut.split('+').filter(Boolean);
  return (
    <p class="shortcut-hint">
      Open Paperdex any time with{' '}
      <span class="keys">
        {keys.map((key, at) => (
          <Fragment key={at}>
            {at > 0 && '+'}
            <kbd>{key}</kbd>
          </Fragment>
        ))}
      </span>
      .
    </p>
  );
}
