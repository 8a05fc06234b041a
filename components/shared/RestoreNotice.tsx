import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { NOTICE_KEY, parseRestoreNotice, type RestoreNotice as Notice, restoreNoticeText } from '@/utils/library/marks-copy/notice';
import { useLocalKeys } from './use-local-keys';
import './restore-notice.css';

const NOTICE_KEYS = [NOTICE_KEY];

/** The restore notice while the view is open: read once, then followed (a restore may finish while it is open). */
function useRestoreNotice(): [Notice | undefined, () => void] {
  const stored = useLocalKeys(NOTICE_KEYS, (items) => parseRestoreNotice(items[NOTICE_KEY]));
  // Hidden at once when dismissed; a later restore (a new notice) shows again.
  const [dismissed, setDismissed] = useState<Notice>();
  const notice = stored === dismissed ? undefined : stored;
  const dismiss = () => {
    setDismissed(stored);
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
