import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { POPUP_SHORTCUT } from './utils/ui/popup/shortcut';

const TOOLBAR_ICON = { 16: 'icon/16.png', 32: 'icon/32.png' };

export default defineConfig({
  srcDir: '.',
  hooks: {
    // The popup is built on its own, not in one Rollup build with the library page: shared chunks cut
    // the popup's code into 8 files (each compressed alone: 1.9 kB more gzipped) fetched in 3 rounds.
    // On its own it is 2 files: the entry (first paint) and the chunk it imports after that paint.
    // The library page gets its own copies of the modules they share.
    'entrypoints:grouped': (_wxt, groups) => {
      for (const [at, group] of groups.entries()) {
        if (!Array.isArray(group) || group.length < 2) continue;
        const popup = group.find((entry) => entry.name === 'popup');
        if (!popup) continue;
        groups[at] = group.filter((entry) => entry !== popup);
        groups.push([popup]);
        return;
      }
    },
  },
  // PAPERDEX_OUT_DIR lets parallel builds (and their browser tests) use separate folders.
  outDir: process.env.PAPERDEX_OUT_DIR ?? '.output',
  vite: () => ({
    plugins: [
      preact(),
      {
        // Lazy chunks here import nothing their page hasn't loaded, so they need no preloading: Vite's
        // preload helper is replaced by a call (it would also inject a lazy chunk's CSS: pages link theirs).
        name: 'paperdex:no-preload-helper',
        enforce: 'pre',
        load: (id: string) => (id === '\0vite/preload-helper.js' ? 'export const __vitePreload = (load) => load();' : undefined),
      },
    ],
    // Dexie's package entry is a UMD bundle (wrapped in CommonJS interop); its ES module build is smaller.
    resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
    // Extension pages load their scripts from disk: no modulepreload polyfill. The <link rel="modulepreload">
    // tags stay: a chunk that a page's entry imports statically is fetched with the entry, not after it.
    build: { modulePreload: { polyfill: false } },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Paperdex',
    description:
      'Remembers every research paper you skim on Hugging Face Papers and arXiv; search, save and tag them. Your library stays on your device.',
    // IndexedDB needs no permission; unlimitedStorage keeps the browser from evicting the library.
    // No host_permissions: the content scripts' own `matches` (HF papers pages; arXiv listing, abstract
    // and search pages) are all the page access Paperdex needs.
    // contextMenus: "Save to Paperdex" on links to arXiv/HF papers (shown only on such links through
    // targetUrlPatterns; it reads no page).
    // storage: storage.session, where the background keeps what each tab's page view captured across
    // worker restarts (utils/capture/page-views.ts); in memory, never on disk, and not readable by content
    // scripts (Chrome's default access level). No install warning.
    // alarms: the hourly check for a due backup, only while backups are on (no install warning).
    // offscreen (Chrome; no install warning): the MV3 service worker can't make the Blob URL a backup
    // is downloaded from, so a hidden extension page does (utils/library/backup/backup-source.ts).
    // Firefox runs the background as a page, which can, and has no `offscreen` API.
    permissions: ['unlimitedStorage', 'contextMenus', 'storage', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // downloads: automatic backups write into the downloads folder; asked for when the user turns them
    // on in Settings, never at install.
    optional_permissions: ['downloads'],
    // Address-bar search: `pd` then words, an author or an arXiv id (needs no permission).
    omnibox: { keyword: 'pd' },
    // The library page (entrypoints/library) is also the options page, in a tab of its own.
    options_ui: { page: 'library.html', open_in_tab: true },
    // WXT fills `icons` from public/icon/<size>.png but leaves the toolbar icon unset (and does not move
    // it to MV2's browser_action); the popup's default_popup is merged in when that entrypoint exists.
    ...(manifestVersion === 2 ? { browser_action: { default_icon: TOOLBAR_ICON } } : { action: { default_icon: TOOLBAR_ICON } }),
    // The toolbar shortcut opens the popup (MV2, Firefox's build, names the command after browser_action).
    commands: {
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: { suggested_key: { default: POPUP_SHORTCUT } },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'paperdex@paperdex.app',
              // data_collection_permissions (Mozilla's required privacy declaration) came with Firefox 140
              // and Firefox for Android 142; older versions would ignore it (addons-linter warns).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
