/** The popup proper, loaded by the entry script: opens the library and renders `App`. */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { LibraryStore, NO_LIBRARY, openLibraryConnection, type PopupLibrary } from '@/utils/popup/library-store';
import { writeSnapshot } from '@/utils/popup/snapshot';
import type { PaperRow } from '@/utils/search/result-rows';
import { LibraryIndex } from '@/utils/search/library-index';
import { App } from './App';

/** How often to look again for a library the background has not created yet. */
const RETRY_OPEN_MS = 1_000;

export function start(root: HTMLElement, snapshot: PaperRow[] | undefined): void {
  // The snapshot (if any) stays on screen until the library is open.
  const open = () =>
    openLibraryConnection().then(
      (db) => db && new LibraryStore(db),
      (error: unknown) => {
        console.error('[Paperdex] opening the library failed', error);
        return undefined;
      },
    );
  void open().then((library) => {
    mount(root, library ?? NO_LIBRARY, snapshot);
    if (library) return;
    const retry = setInterval(
      () =>
        void open().then((found) => {
          if (!found) return;
          clearInterval(retry);
          mount(root, found, undefined);
        }),
      RETRY_OPEN_MS,
    );
  });
}

function mount(root: HTMLElement, library: PopupLibrary, snapshot: PaperRow[] | undefined): void {
  // Whatever was typed while the snapshot was shown carries over, with the caret where it was.
  const typed = root.querySelector<HTMLInputElement>('input[type="search"]');
  const hadFocus = typed !== null && document.activeElement === typed;
  const [start, end] = [typed?.selectionStart ?? null, typed?.selectionEnd ?? null];

  render(
    <App
      key={library === NO_LIBRARY ? 'none' : 'library'}
      library={library}
      openIndex={(source) => LibraryIndex.open(source)}
      openUrl={(url, active) => void browser.tabs.create({ url, active })}
      snapshot={snapshot}
      initialQuery={typed?.value ?? ''}
      onRecentShown={(papers) => writeSnapshot(papers)}
    />,
    root,
  );

  const input = root.querySelector<HTMLInputElement>('input[type="search"]');
  if (input && (hadFocus || !typed)) {
    input.focus();
    if (start !== null && end !== null) input.setSelectionRange(start, end);
  }
}
