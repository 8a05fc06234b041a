/**
 * The library page (also the extension's options page): opens the library and renders `App`. What the
 * first screen doesn't need (export/import, the Stats and Settings views) is loaded when first used.
 */
import { render } from 'preact';
import type { LibraryIO } from '@/components/library-page/actions';
import { libraryDb } from '@/utils/library/schema';
import { mergePendingCaptures } from '@/utils/capture/merge-pending';
import { requestPersistentStorage } from '@/utils/library/storage/persistent-storage';
import { App } from './App';
import { pageViews } from './views';
import './style.css';
// The views' own stylesheet, loaded with the page: a lazily imported chunk's CSS is not injected here
// (the build replaces Vite's preload helper, which is what would load it).
import '@/components/library-page/panels.css';

const db = libraryDb();
// Opening IndexedDB is the longest wait before the first rows: start it before the first render.
db.open().catch(() => {}); // a failure surfaces in the page's first read

const io: LibraryIO = {
  // Captures still queued (a stopped worker's) are part of the library: merged before the export reads.
  exportLibrary: (...args) =>
    Promise.all([import('@/utils/library/io'), mergePendingCaptures(db)]).then(([{ exportLibrary }]) => exportLibrary(...args)),
  importLibraryFile: (...args) => import('@/utils/library/io').then(({ importLibraryFile }) => importLibraryFile(...args)),
};

render(<App db={db} io={io} views={pageViews(db)} />, document.getElementById('app')!);

// Ask once per visit, after the first rows had their time: the library is the user's only copy.
setTimeout(() => void requestPersistentStorage(), 2_000);
