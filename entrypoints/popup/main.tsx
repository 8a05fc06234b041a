/**
 * The popup's entry script. It starts opening the library and renders `App` at once: with the
 * snapshot of the last open's recent list (`utils/ui/popup/first-screen`) while IndexedDB opens and is read,
 * then the library's own list in place of it (the same rows, updated). The search code (the index and
 * Fuse.js) is loaded only once that list is shown: typing before that says "Preparing search…".
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PlainLibraryDb, NO_LIBRARY, openLibraryConnection, type PopupLibrary } from '@/utils/ui/popup/plain-library-db';
import { libraryWhenOpen } from '@/utils/ui/popup/plain-library-db-when-open';
import { requestMergePending } from '@/utils/capture/merge-pending';
import { readFirstScreen, writeFirstScreen } from '@/utils/ui/popup/first-screen';
import type { ResultRow } from '@/utils/search/result-row';
import { App } from './App';
import './style.css';

/** How often to look again for a library the background has not created yet. */
const RETRY_OPEN_MS = 1_000;

const root = document.getElementById('app')!;

const open = (): Promise<PlainLibraryDb | undefined> =>
  openLibraryConnection().then(
    (db) => db && new PlainLibraryDb(db),
    (error: unknown) => {
      console.error('[Paperdex] opening the library failed', error);
      return undefined;
    },
  );

const openIndex = (library: PopupLibrary) => import('@/utils/search/library-index').then(({ LibraryIndex }) => LibraryIndex.open(library));

let mounts = 0;
function mount(library: PopupLibrary, snapshot: ResultRow[] | undefined): void {
  // On a later mount (the library found after the first-run view), what was typed carries over.
  const typed = root.querySelector<HTMLInputElement>('input[type="search"]');
  const hadFocus = typed !== null && document.activeElement === typed;
  const [start, end] = [typed?.selectionStart ?? null, typed?.selectionEnd ?? null];
  render(
    <App
      key={mounts++}
      library={library}
      openIndex={openIndex}
      openUrl={(url, active) => void browser.tabs.create({ url, active })}
      snapshot={snapshot}
      initialQuery={typed?.value ?? ''}
      onRecentShown={(papers) => writeFirstScreen(papers)}
    />,
    root,
  );
  const input = root.querySelector<HTMLInputElement>('input[type="search"]');
  if (input && (hadFocus || !typed)) {
    input.focus();
    if (start !== null && end !== null) input.setSelectionRange(start, end);
  }
}

const opening = open();
mount(libraryWhenOpen(opening.then((library) => library ?? NO_LIBRARY)), readFirstScreen());
// Captures a stopped worker left queued are merged by the background (woken only when there are some),
// once the first list is painted; the popup's reads follow that write when it happens.
requestAnimationFrame(() => setTimeout(() => void opening.then(async (library) => (await library?.hasPendingCaptures()) && requestMergePending())));
// No library yet (the first seconds after installing): the first-run view, until the background has created it.
void opening.then((library) => {
  if (library) return;
  const retry = setInterval(
    () =>
      void open().then((found) => {
        if (!found) return;
        clearInterval(retry);
        mount(found, undefined);
      }),
    RETRY_OPEN_MS,
  );
});
