import type { Notice } from './use-page-actions';

interface NoticesProps {
  notice: Notice | undefined;
  /** Why something failed ('' for nothing). */
  failure: string;
  busy: boolean;
  onUndo: (records: NonNullable<Notice['undo']>) => void;
  onDismiss: () => void;
}

/** What the last action did (with Undo after a delete), and what failed. */
export function Notices({ notice, failure, busy, onUndo, onDismiss }: NoticesProps) {
  if (!notice && !failure) return null;
  return (
    <div class="notices">
      {notice && (
        <p class="notice" role="status">
          {notice.text}
          {notice.undo && (
            <button type="button" class="button" disabled={busy} onClick={() => onUndo(notice.undo!)}>
              Undo
            </button>
          )}
          <button type="button" class="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            ✕
          </button>
        </p>
      )}
      {failure && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
