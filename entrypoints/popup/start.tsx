/** The popup proper, loaded by the entry script: opens the library and renders `App`. */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { libraryDb } from '@/utils/db/schema';
import type { PaperRow } from '@/utils/search/result-rows';
import { writeSnapshot } from '@/utils/popup/snapshot';
import { LibraryIndex } from '@/utils/search/library-index';
import { App } from './App';

export function start(root: HTMLElement, snapshot: PaperRow[] | undefined): void {
  const db = libraryDb();
  // Opening IndexedDB is the longest wait before the first list: start it before the first render.
  db.open().catch(() => {}); // a failure surfaces in the popup's first query

  // Whatever was typed while the snapshot was shown carries over, with the caret where it was.
  const typed = root.querySelector<HTMLInputElement>('input[type="search"]');
  const hadFocus = typed !== null && document.activeElement === typed;
  const [start, end] = [typed?.selectionStart ?? null, typed?.selectionEnd ?? null];

  render(
    <App
      db={db}
      openIndex={(database) => LibraryIndex.open(database)}
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
