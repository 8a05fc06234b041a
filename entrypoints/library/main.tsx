/** The library page (also the extension's options page): opens the library and renders `App`. */
import { render } from 'preact';
import { libraryDb } from '@/utils/db/schema';
import { exportLibrary, importLibraryFile } from '@/utils/library-io';
import { App } from './App';
import './style.css';

const db = libraryDb();
// Opening IndexedDB is the longest wait before the first rows: start it before the first render.
db.open().catch(() => {}); // a failure surfaces in the page's first read

render(<App db={db} io={{ exportLibrary, importLibraryFile }} />, document.getElementById('app')!);
