import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/**
 * Keys of the extension's `storage.local` while a view is open: read once, then again whenever one of
 * them changes (`storage.onChanged`; the background may write while the view is open), and made into
 * what the view shows by `view`. Undefined until first read (or when the area can't be read).
 * `keys` is read once: pass a constant list.
 */
export function useLocalKeys<T>(keys: readonly string[], view: (items: Record<string, unknown>) => T): T | undefined {
  const [shown, setShown] = useState<T>();
  useEffect(() => {
    let open = true;
    const read = () =>
      Promise.resolve(browser.storage?.local?.get([...keys])).then(
        (items) => open && setShown(view(items ?? {})),
        () => undefined,
      );
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && keys.some((key) => key in changes)) void read();
    };
    browser.storage?.onChanged?.addListener(listener);
    void read();
    return () => {
      open = false;
      browser.storage?.onChanged?.removeListener(listener);
    };
  }, []);
  return shown;
}
