import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { NOTICE_KEY, parseRestoreNotice, type RestoreNotice as Notice, restoreNoticeText } from '@/utils/library/marks-copy/notice';
import './restore-notice.css';

/** The restore notice while the view is open: read once, then followed (a restore may finish while it is open). */
function useRestoreNotice(): [Notice | undefined, () => void] {
  const [notice, setNotice] = useState<Notice>();
  useEffect(() => {
    let open = true;
    const local = browser.storage?.local;
    void Promise.resolve(local?.get(NOTICE_KEY))
      .then((stored) => open && setNotice(parseRestoreNotice(stored?.[NOTICE_KEY])))
      .catch(() => undefined);
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && NOTICE_KEY in changes) setNotice(parseRestoreNotice(changes[NOTICE_KEY]!.newValue));
    };
    browser.storage?.onChanged?.addListener(listener);
    return () => {
      open = false;
      browser.storage?.onChanged?.removeListener(listener);
    };
  }, []);
  const dismiss = () => {
    setNotice(undefined);
    void Promise.resolve(browser.storage?.local?.remove(NOTICE_KEY)).catch(() => undefined);
  };
  return [notice, dismiss];
}

/** "Paperdex restored 37 papers … from its backup copy …", until the user dismisses it (every view then stops showing it). */
export function RestoreNotice({ class: className = '' }: { class?: string }) {
  const [notice, dismiss] = useRestoreNotice();
  if (!notice) return null;
  return (
    <p class={`restore-notice ${className}`} role="status">
      <span>{restoreNoticeText(notice)}</span>
      <button type="button" class="restore-notice-dismiss" aria-label="Dismiss the restore notice" onClick={dismiss}>
        ✕
      </button>
    </p>
  );
}
