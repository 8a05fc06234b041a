import { render } from 'preact';
import { browser } from 'wxt/browser';
import { libraryDb } from '@/utils/db/schema';
import { LibraryIndex } from '@/utils/search/library-index';
import { App } from './App';
import './style.css';

const db = libraryDb();
// Opening IndexedDB is the longest wait before the first list: start it before the first render.
db.open().catch(() => {}); // a failure surfaces in the popup's first query

render(
  <App db={db} openIndex={(database) => LibraryIndex.open(database)} openUrl={(url, active) => void browser.tabs.create({ url, active })} />,
  document.getElementById('app')!,
);
