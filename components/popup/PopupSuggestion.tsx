import type { ComponentChildren } from 'preact';

/** The library's Settings view (`library.html#settings` opens on it), where every suggestion is set up. */
export const SETTINGS_PAGE = '/library.html#settings';

interface PopupSuggestionProps {
  /** The question, in plain words. */
  children: ComponentChildren;
  /** The link's words; it opens the library's Settings in a new tab. */
  action: string;
  /** Where the link goes (default: the Settings view). */
  href?: string;
  /** The dismiss button's name for screen readers ("Don't suggest … again"). */
  dismissLabel: string;
  /** Records the answer for good (its failure is ignored: the suggestion simply shows again next time). */
  onDismiss: () => Promise<unknown>;
}

/**
 * A one-time suggestion in the popup: a question, a link into the library's Settings and a dismiss
 * button. Not a problem, so in the page's own colour (`.popup-suggest`). Whether it shows, and where the
 * answer is kept, is the caller's (backups, sync).
 */
export function PopupSuggestion({ children, action, href = SETTINGS_PAGE, dismissLabel, onDismiss }: PopupSuggestionProps) {
  return (
    <p class="popup-notice popup-suggest">
      <span>
        {children}{' '}
        <a href={href} target="_blank">
          {action}
        </a>
      </span>
      <button type="button" class="notice-dismiss" aria-label={dismissLabel} onClick={() => void onDismiss().catch(() => undefined)}>
        ✕
      </button>
    </p>
  );
}
