import { render } from 'preact';
import { browser } from 'wxt/browser';
import { libraryDb } from '@/utils/db/schema';
import { LibraryIndex } from '@/utils/search/library-index';
import { App } from './App';
import './style.css';

render(
  <App
    db={libraryDb()}
    openIndex={(db) => LibraryIndex.open(db)}
    openUrl={(url, active) => void browser.tabs.create({ url, active })}
  />,
  document.getElementById('app')!,
);
