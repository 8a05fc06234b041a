/**
 * Issue 17's folder plan, as a script: moves the files of utils/ and components/ into folders named after
 * the four parts of Paperdex (capture, the library with its change feed, search, UI) plus what they share,
 * rewrites every import and path mention that points at a moved file, and renames the symbols whose noun
 * meant two things.
 *
 *   npx tsx tests/tools/relayout.ts [--dry-run] [--no-prepare]
 *
 * - Files are moved with `git mv` (untracked ones with a plain rename), so history follows them.
 * - Imports are found in entrypoints/, components/, utils/, tests/ and the root *.config.ts: `from '…'`,
 *   `import '…'`, `import('…')`, `vi.mock('…')`, `new URL('…', import.meta.url)`, CSS `@import`. `@/…`
 *   (and `~/`, `@@/`, `~~/`, WXT's aliases for the root, which Vitest gets from WxtVitest) stays an alias,
 *   a relative import stays relative; an import that named no extension (or a folder's index) still doesn't.
 * - Path mentions in comments and Markdown (`utils/db/schema.ts`, `utils/library-io`, `utils/sources/`)
 *   follow their file or folder.
 * - Symbol renames are whole-word, in the module that declares the symbol and in every TS/TSX file that
 *   imports that module: two modules may export the same name (`writeSnapshot`) and each gets its own.
 * - Files the plan does not name are moved by folder rule (`utils/db/*` → `utils/library/*`); a file under
 *   utils/ or components/ that neither names nor places is left where it is and listed as a warning.
 * - Safe to run twice: a second run finds nothing to move and nothing to rename, and changes nothing.
 * - The unit tests follow (TEST_MOVES, TEST_FOLDER_RULES): tests/unit mirrors the source parts, a test named
 *   after the module it tests, helpers shared by several folders in tests/unit/support/. A moved file's
 *   relative imports and its `import.meta.dirname` paths are rewritten for its new folder.
 * - Then `wxt prepare` regenerates .wxt (WXT's auto-import list names files by path).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The plan and its test name old paths and old symbols on purpose. */
const OWN_FILES = new Set(['tests/tools/relayout.ts', 'tests/unit/tools/relayout.test.ts']);

/** Files moved by name: old path → new path. */
export const MOVES: Readonly<Record<string, string>> = {
  // What a paper is, shared by every part.
  'utils/paper.ts': 'utils/paper/record.ts',
  'utils/arxiv-id.ts': 'utils/paper/arxiv-id.ts',
  'utils/sanitize.ts': 'utils/paper/sanitize.ts',
  'utils/bidi.ts': 'utils/paper/bidi.ts',
  'utils/tags.ts': 'utils/paper/tags.ts',
  'utils/note.ts': 'utils/paper/note.ts',

  // 1. Capture: a page's cards → a message → the queue → merged into the library.
  'utils/capture-session.ts': 'utils/capture/session.ts',
  'utils/page-views.ts': 'utils/capture/page-views.ts',
  'utils/script-started-guard.ts': 'utils/capture/script-started-guard.ts',
  'utils/fingerprint.ts': 'utils/capture/fingerprint.ts',
  'utils/merge.ts': 'utils/capture/merge.ts',
  'utils/merge-pending.ts': 'utils/capture/merge-pending.ts',
  'utils/db/record-capture.ts': 'utils/capture/record-capture.ts',

  // Messages between the parts.
  'utils/messages.ts': 'utils/messaging/messages.ts',
  'utils/handle-message.ts': 'utils/messaging/handle-message.ts',
  'utils/error-message.ts': 'utils/messaging/error-message.ts',

  // 2. The library: its database, every write, the change feed, and what is kept beside it.
  'utils/library-sync.ts': 'utils/library/feed/announce-to-tabs.ts',
  'utils/settings.ts': 'utils/library/settings.ts',
  'utils/storage-health.ts': 'utils/library/storage/storage-health.ts',
  'utils/storage-health-browser.ts': 'utils/library/storage/storage-health-browser.ts',
  'utils/write-failure.ts': 'utils/library/storage/write-failure.ts',
  'utils/persistent-storage.ts': 'utils/library/storage/persistent-storage.ts',
  'utils/draft-store.ts': 'utils/library/drafts/draft-storage.ts',
  'utils/tag-drafts.ts': 'utils/library/drafts/tag-drafts.ts',
  'utils/library/note-drafts.ts': 'utils/library/drafts/note-drafts.ts',

  // 3. Search.
  'utils/search/paper-row.ts': 'utils/search/result-row.ts',
  'utils/search/result-rows.ts': 'utils/search/result-row-table.ts',
  'utils/search/index-store.ts': 'utils/search/index-source.ts',

  // 4. UI. Helpers of the popup, the library page and the omnibox alike leave utils/popup/.
  'utils/popup/authors.ts': 'utils/ui/shared/authors.ts',
  'utils/popup/highlight.ts': 'utils/ui/shared/highlight.ts',
  'utils/popup/links.ts': 'utils/ui/shared/links.ts',
  'utils/popup/seen-time.ts': 'utils/ui/shared/seen-time.ts',
  'utils/popup/tag-suggestions.ts': 'utils/ui/shared/tag-suggestions.ts',
  'utils/plural.ts': 'utils/ui/shared/plural.ts',
  'utils/popup/library-store.ts': 'utils/ui/popup/plain-library-db.ts',
  'utils/popup/library-when-open.ts': 'utils/ui/popup/plain-library-db-when-open.ts',
  'utils/popup/library-view.ts': 'utils/ui/popup/paper-list.ts',
  'utils/popup/use-library-query.ts': 'utils/ui/popup/use-paper-list.ts',
  'utils/popup/snapshot.ts': 'utils/ui/popup/first-screen.ts',
  'utils/popup-shortcut.ts': 'utils/ui/popup/shortcut.ts',
  'utils/library/row-store.ts': 'utils/ui/library-page/row-cache.ts',
  'utils/library/row-snapshot.ts': 'utils/ui/library-page/row-cache-chunks.ts',
  'utils/library/rows.ts': 'utils/ui/library-page/table-rows.ts',
  'utils/library/rows-view.ts': 'utils/ui/library-page/loaded-rows.ts',
  'utils/library/view.ts': 'utils/ui/library-page/sort-filter.ts',
  'utils/db/paper-states.ts': 'utils/ui/card-controls/paper-states.ts',
  'utils/omnibox.ts': 'utils/ui/omnibox.ts',
  'utils/save-link-menu.ts': 'utils/ui/save-link-menu.ts',

  'components/EmptyState.tsx': 'components/popup/EmptyState.tsx',
  'components/Filters.tsx': 'components/popup/Filters.tsx',
  'components/HelpLine.tsx': 'components/popup/HelpLine.tsx',
  'components/Highlighted.tsx': 'components/popup/Highlighted.tsx',
  'components/PaperItem.tsx': 'components/popup/PaperItem.tsx',
  'components/ResultList.tsx': 'components/popup/ResultList.tsx',
  'components/Icon.tsx': 'components/shared/Icon.tsx',
  'components/SearchBox.tsx': 'components/shared/SearchBox.tsx',
  'components/StorageNotice.tsx': 'components/shared/StorageNotice.tsx',
  'components/TagEditor.tsx': 'components/shared/TagEditor.tsx',
  'components/use-live-query.ts': 'components/shared/use-live-query.ts',
  'components/use-page-leave.ts': 'components/shared/use-page-leave.ts',
  'components/tokens.css': 'components/shared/tokens.css',
};

/**
 * Unit tests moved by name, old path → new path: each goes to the folder of the module it tests, named
 * after that module; helpers used by tests of several folders go to tests/unit/support/.
 */
export const TEST_MOVES: Readonly<Record<string, string>> = {
  // Shared test helpers.
  'tests/unit/full-disk.ts': 'tests/unit/support/full-disk.ts',
  'tests/unit/isolated.ts': 'tests/unit/support/isolated.ts',
  'tests/unit/load-fixture.ts': 'tests/unit/support/load-fixture.ts',
  'tests/unit/library/fixtures.ts': 'tests/unit/support/paper-records.ts',
  'tests/unit/change-feed/helpers.ts': 'tests/unit/support/change-contract.ts',
  'tests/unit/search/seed-library.ts': 'tests/unit/support/seed-library.ts',
  'tests/unit/library-io/sample-library.ts': 'tests/unit/support/sample-library.ts',

  'tests/unit/arxiv-id.test.ts': 'tests/unit/paper/arxiv-id.test.ts',
  'tests/unit/sanitize.test.ts': 'tests/unit/paper/sanitize.test.ts',

  'tests/unit/capture-session.test.ts': 'tests/unit/capture/session.test.ts',
  'tests/unit/merge.test.ts': 'tests/unit/capture/merge.test.ts',
  'tests/unit/page-views.test.ts': 'tests/unit/capture/page-views.test.ts',
  'tests/unit/db/record-capture.test.ts': 'tests/unit/capture/record-capture.test.ts',

  'tests/unit/handle-message.test.ts': 'tests/unit/messaging/handle-message.test.ts',
  // plural (ui/shared) and errorMessage (messaging): the words the UI shows.
  'tests/unit/words.test.ts': 'tests/unit/ui/shared/words.test.ts',

  'tests/unit/settings.test.ts': 'tests/unit/library/settings.test.ts',
  'tests/unit/storage-health.test.ts': 'tests/unit/library/storage/storage-health.test.ts',
  'tests/unit/persistent-storage.test.ts': 'tests/unit/library/storage/persistent-storage.test.ts',

  'tests/unit/omnibox.test.ts': 'tests/unit/ui/shared/omnibox.test.ts',
  'tests/unit/save-link-menu.test.ts': 'tests/unit/ui/shared/save-link-menu.test.ts',
  'tests/unit/popup/display.test.ts': 'tests/unit/ui/shared/display.test.ts',
  'tests/unit/popup/seen-time.test.ts': 'tests/unit/ui/shared/seen-time.test.ts',
  'tests/unit/popup/tag-suggestions.test.ts': 'tests/unit/ui/shared/tag-suggestions.test.ts',
  'tests/unit/popup/library-store.test.ts': 'tests/unit/ui/popup/plain-library-db.test.ts',
  'tests/unit/popup/library-when-open.test.ts': 'tests/unit/ui/popup/plain-library-db-when-open.test.ts',
  'tests/unit/popup/library-view.test.ts': 'tests/unit/ui/popup/paper-list.test.ts',
  'tests/unit/popup/snapshot.test.ts': 'tests/unit/ui/popup/first-screen.test.ts',
  'tests/unit/library/row-store.test.ts': 'tests/unit/ui/library-page/row-cache.test.ts',
  'tests/unit/library/row-snapshot.test.ts': 'tests/unit/ui/library-page/row-cache-chunks.test.ts',
  'tests/unit/library/view.test.ts': 'tests/unit/ui/library-page/sort-filter.test.ts',
};

interface FolderRule {
  from: string;
  to: string;
  /** Applies only while this file exists: a folder that the plan reuses for another part (utils/library/). */
  onlyWhile?: string;
}

/** Files the plan does not name (including new ones from other branches) move by folder. */
export const FOLDER_RULES: readonly FolderRule[] = [
  { from: 'utils/sources/', to: 'utils/capture/sites/' },
  { from: 'utils/controls/', to: 'utils/ui/card-controls/' },
  { from: 'utils/db/', to: 'utils/library/' },
  { from: 'utils/change-feed/', to: 'utils/library/feed/' },
  { from: 'utils/library-io/', to: 'utils/library/io/' },
  { from: 'utils/popup/', to: 'utils/ui/popup/' },
  // Today's utils/library/ is the library page's logic; after the move, utils/library/ is the library itself.
  { from: 'utils/library/', to: 'utils/ui/library-page/', onlyWhile: 'utils/db/schema.ts' },
  { from: 'components/library/', to: 'components/library-page/' },
];

/** Unit tests the plan does not name (including new ones from other branches) move by folder. */
export const TEST_FOLDER_RULES: readonly FolderRule[] = [
  { from: 'tests/unit/sources/', to: 'tests/unit/capture/sites/' },
  { from: 'tests/unit/controls/', to: 'tests/unit/ui/card-controls/' },
  { from: 'tests/unit/db/', to: 'tests/unit/library/' },
  { from: 'tests/unit/change-feed/', to: 'tests/unit/library/feed/' },
  { from: 'tests/unit/library-io/', to: 'tests/unit/library/io/' },
  { from: 'tests/unit/popup/', to: 'tests/unit/ui/popup/' },
  // Today's tests/unit/library/ tests the library page; after the move, tests/unit/library/ tests the library.
  { from: 'tests/unit/library/', to: 'tests/unit/ui/library-page/', onlyWhile: 'tests/unit/library/library-app.test.tsx' },
];

const NAMED: Readonly<Record<string, string>> = { ...MOVES, ...TEST_MOVES };
const RULES: readonly FolderRule[] = [...FOLDER_RULES, ...TEST_FOLDER_RULES];

/** Folders of the new layout: a file already in one of them is in place. */
const PLACED = [
  ...['utils/paper/', 'utils/capture/', 'utils/messaging/', 'utils/library/', 'utils/search/', 'utils/ui/', 'components/popup/', 'components/shared/', 'components/library-page/'],
  ...['paper/', 'capture/', 'messaging/', 'library/', 'search/', 'ui/', 'tools/', 'support/'].map((folder) => `tests/unit/${folder}`),
];
/** The folders the plan moves files in. */
const MOVED_FOLDERS = ['utils/', 'components/', 'tests/unit/'];

interface Rename {
  from: string;
  to: string;
  /** The module (old path) that declares it. */
  in: string;
}

/** Nouns that meant two things. Store: where the library is kept (the database); Snapshot, View: gone. */
export const RENAMES: readonly Rename[] = [
  // "Store": the popup's own connection, the library page's row cache, what the search index reads.
  { from: 'LibraryStore', to: 'PlainLibraryDb', in: 'utils/popup/library-store.ts' },
  { from: 'RowStore', to: 'RowCache', in: 'utils/library/row-store.ts' },
  { from: 'IndexStore', to: 'IndexSource', in: 'utils/search/index-store.ts' },
  { from: 'dexieIndexStore', to: 'dexieIndexSource', in: 'utils/search/index-store.ts' },
  { from: 'draftStore', to: 'draftStorage', in: 'utils/draft-store.ts' },
  // "Snapshot": the popup's first screen (localStorage) and the library page's row cache (a table).
  { from: 'SNAPSHOT_KEY', to: 'FIRST_SCREEN_KEY', in: 'utils/popup/snapshot.ts' },
  { from: 'SNAPSHOT_SIZE', to: 'FIRST_SCREEN_SIZE', in: 'utils/popup/snapshot.ts' },
  { from: 'snapshotText', to: 'firstScreenText', in: 'utils/popup/snapshot.ts' },
  { from: 'parseSnapshot', to: 'parseFirstScreen', in: 'utils/popup/snapshot.ts' },
  { from: 'readSnapshot', to: 'readFirstScreen', in: 'utils/popup/snapshot.ts' },
  { from: 'writeSnapshot', to: 'writeFirstScreen', in: 'utils/popup/snapshot.ts' },
  { from: 'SNAPSHOT_KEY', to: 'ROW_CACHE_KEY', in: 'utils/library/row-snapshot.ts' },
  { from: 'SNAPSHOT_FORMAT', to: 'ROW_CACHE_FORMAT', in: 'utils/library/row-snapshot.ts' },
  { from: 'SNAPSHOT_CHUNK', to: 'ROW_CACHE_CHUNK', in: 'utils/library/row-snapshot.ts' },
  { from: 'SnapshotHead', to: 'RowCacheHead', in: 'utils/library/row-snapshot.ts' },
  { from: 'readSnapshotHead', to: 'readRowCacheHead', in: 'utils/library/row-snapshot.ts' },
  { from: 'readSnapshotChunk', to: 'readRowCacheChunk', in: 'utils/library/row-snapshot.ts' },
  { from: 'writeSnapshot', to: 'writeRowCache', in: 'utils/library/row-snapshot.ts' },
  // "View": the popup's list, the library page's tabs, a card's state, an arXiv page's kind, the loaded rows.
  { from: 'PaperView', to: 'PaperList', in: 'utils/popup/library-view.ts' },
  { from: 'PaperViewLoader', to: 'PaperListLoader', in: 'utils/popup/library-view.ts' },
  { from: 'PaperViewOptions', to: 'PaperListOptions', in: 'utils/popup/library-view.ts' },
  { from: 'ViewSource', to: 'PaperListSource', in: 'utils/popup/library-view.ts' },
  { from: 'PageView', to: 'LibraryTab', in: 'entrypoints/library/App.tsx' },
  { from: 'CardView', to: 'CardState', in: 'utils/controls/card-state.ts' },
  { from: 'EMPTY_VIEW', to: 'EMPTY_CARD_STATE', in: 'utils/controls/card-state.ts' },
  { from: 'nextView', to: 'nextCardState', in: 'utils/controls/card-state.ts' },
  { from: 'ArxivView', to: 'ArxivPageKind', in: 'utils/sources/arxiv.ts' },
  { from: 'LibraryRowsView', to: 'LoadedRows', in: 'utils/library/rows-view.ts' },
  // "Row": a search result's fields (popup, omnibox) and a row of the library page's table.
  { from: 'PaperRow', to: 'ResultRow', in: 'utils/search/paper-row.ts' },
  { from: 'toPaperRow', to: 'toResultRow', in: 'utils/search/paper-row.ts' },
  { from: 'RowTable', to: 'ResultRowTable', in: 'utils/search/result-rows.ts' },
  { from: 'LibraryRow', to: 'TableRow', in: 'utils/library/rows.ts' },
  { from: 'toRow', to: 'toTableRow', in: 'utils/library/rows.ts' },
];

const SCANNED = ['entrypoints/', 'components/', 'utils/', 'tests/'];
const CODE = /\.(?:ts|tsx|mts|js|mjs)$/;
const TEXT = /\.(?:ts|tsx|mts|js|mjs|css|md|html)$/;
const ALIASES = ['@/', '~/', '@@/', '~~/'];

export const warnings: string[] = [];
const warn = (text: string) => warnings.push(text);

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
}

/** Every file git tracks or would track (untracked, not ignored), relative to the root, with `/`. */
function repoFiles(): Set<string> {
  const listed = `${git('ls-files', '-z')}${git('ls-files', '-z', '--others', '--exclude-standard')}`;
  return new Set(listed.split('\0').filter((file) => file && existsSync(path.join(ROOT, file))));
}

/** Where each file goes: only files that move, old → new. */
export function planMoves(files: ReadonlySet<string>): Map<string, string> {
  const moves = new Map<string, string>();
  for (const file of [...files].sort()) {
    if (!MOVED_FOLDERS.some((folder) => file.startsWith(folder))) continue;
    let target: string | undefined = NAMED[file];
    if (target === undefined) {
      const rule = RULES.find((candidate) => file.startsWith(candidate.from) && (!candidate.onlyWhile || files.has(candidate.onlyWhile)));
      if (rule) target = rule.to + file.slice(rule.from.length);
    }
    if (target === undefined) {
      if (!PLACED.some((folder) => file.startsWith(folder))) warn(`unmapped, left where it is: ${file}`);
      continue;
    }
    if (target !== file) moves.set(file, target);
  }
  // Named moves whose file is gone: done by an earlier run, or the file was removed by another change.
  for (const [old, target] of Object.entries(NAMED)) {
    if (!files.has(old) && !files.has(target)) warn(`named in the plan but not found: ${old}`);
  }
  const targets = new Map<string, string>();
  for (const [old, target] of [...moves]) {
    const clash = targets.get(target);
    if (clash !== undefined) {
      warn(`two files would become ${target} (${clash}, ${old}): neither is moved`);
      moves.delete(old);
      moves.delete(clash);
    } else if (files.has(target) && !moves.has(target)) {
      warn(`${target} exists already: ${old} is not moved`);
      moves.delete(old);
    }
    targets.set(target, old);
  }
  return moves;
}

/** The file an import specifier names (and how: with its extension, without, or as a folder's index). */
interface Resolved {
  file: string;
  form: 'exact' | 'bare' | 'index';
}

export function resolveSpecifier(spec: string, importer: string, files: ReadonlySet<string>): Resolved | undefined {
  let base: string;
  const alias = ALIASES.find((prefix) => spec.startsWith(prefix));
  if (alias) base = spec.slice(alias.length);
  else if (spec.startsWith('./') || spec.startsWith('../')) base = path.posix.join(path.posix.dirname(importer), spec);
  else return undefined;
  base = path.posix.normalize(base);
  if (files.has(base)) return { file: base, form: 'exact' };
  for (const ext of ['.ts', '.tsx', '.mts', '.js']) if (files.has(base + ext)) return { file: base + ext, form: 'bare' };
  for (const index of ['/index.ts', '/index.tsx']) if (files.has(base + index)) return { file: base + index, form: 'index' };
  return undefined;
}

export function formatSpecifier(spec: string, importer: string, resolved: Resolved): string {
  const target =
    resolved.form === 'exact' ? resolved.file : resolved.form === 'bare' ? resolved.file.replace(/\.[^./]+$/, '') : path.posix.dirname(resolved.file);
  const alias = ALIASES.find((prefix) => spec.startsWith(prefix));
  if (alias) return alias + target;
  const relative = path.posix.relative(path.posix.dirname(importer), target);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** Folders every file of which moves to one new folder, old → new (for mentions like `utils/library-io`). */
export function folderMoves(files: ReadonlySet<string>, moves: ReadonlyMap<string, string>): Map<string, string> {
  const folders = new Map<string, string | null>();
  for (const file of files) {
    const parts = file.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      const rest = parts.slice(depth).join('/');
      const moved = moves.get(file);
      const to = moved?.endsWith(`/${rest}`) ? moved.slice(0, -rest.length - 1) : null;
      const seen = folders.get(folder);
      if (seen === undefined) folders.set(folder, to);
      else if (seen !== to) folders.set(folder, null);
    }
  }
  const found = new Map([...folders].filter((entry): entry is [string, string] => entry[1] !== null));
  // A folder whose files part ways (utils/db: most to utils/library/, one to capture) follows its rule.
  for (const rule of RULES) {
    const from = rule.from.slice(0, -1);
    if (!found.has(from) && (!rule.onlyWhile || files.has(rule.onlyWhile)) && [...files].some((file) => file.startsWith(rule.from))) {
      found.set(from, rule.to.slice(0, -1));
    }
  }
  return found;
}

// An import specifier (group 2) after its keyword, or a path mention (group 3) anywhere else.
const SPECIFIER_OR_MENTION =
  /((?:\bfrom|\bimport|\bimport\(|\bvi\.(?:mock|doMock|unmock|importActual)(?:<[^>]*>)?\(|\brequire\(|\bnew URL\(|@import)\s*['"])([^'"\n]+)(?=['"])|(?<![\w@~./-])((?:utils|components|entrypoints|tests\/unit)\/[\w./-]*[\w/])/g;

// A path relative to the file's own folder: `path.resolve(import.meta.dirname, '../fixtures')`.
const DIRNAME_RELATIVE = /(\bimport\.meta\.dirname,\s*['"])(\.\.?(?:\/[^'"\n]*)?)(?=['"])/g;

export function rewritePaths(file: string, text: string, files: ReadonlySet<string>, moves: ReadonlyMap<string, string>, folders: ReadonlyMap<string, string>): string {
  const newFile = moves.get(file) ?? file;
  const relativeDone =
    newFile === file
      ? text
      : text.replace(DIRNAME_RELATIVE, (_, keyword: string, relative: string) => {
          const target = path.posix.join(path.posix.dirname(file), relative);
          return keyword + (path.posix.relative(path.posix.dirname(newFile), target) || '.');
        });
  return relativeDone.replace(SPECIFIER_OR_MENTION, (match, keyword: string | undefined, spec: string | undefined, mention: string | undefined) => {
    if (keyword !== undefined && spec !== undefined) {
      const resolved = resolveSpecifier(spec, file, files);
      if (!resolved || (!moves.has(resolved.file) && newFile === file)) return match;
      return keyword + formatSpecifier(spec, newFile, { ...resolved, file: moves.get(resolved.file) ?? resolved.file });
    }
    if (mention === undefined) return match;
    const trailing = mention.endsWith('/') ? '/' : '';
    const bare = trailing ? mention.slice(0, -1) : mention;
    const exact = moves.get(bare);
    if (exact !== undefined) return exact + trailing;
    for (const ext of ['.ts', '.tsx']) {
      const moved = moves.get(bare + ext);
      if (moved !== undefined) return moved.slice(0, -ext.length) + trailing;
    }
    return (folders.get(bare) ?? bare) + trailing;
  });
}

export function renameSymbols(text: string, renames: readonly Rename[]): string {
  let out = text;
  for (const rename of renames) {
    const word = new RegExp(`(?<![\\w$])${rename.from}(?![\\w$])`, 'g');
    out = out.replace(word, rename.to);
  }
  return out;
}

function removeEmptyFolders(folder: string): void {
  const full = path.join(ROOT, folder);
  if (!existsSync(full) || !statSync(full).isDirectory()) return;
  for (const entry of readdirSync(full)) removeEmptyFolders(path.posix.join(folder, entry));
  if (readdirSync(full).length === 0) rmdirSync(full);
}

function main(): void {
  const args = new Set(process.argv.slice(2));
  const dryRun = args.has('--dry-run');
  const files = repoFiles();
  const tracked = new Set(git('ls-files', '-z').split('\0').filter(Boolean));
  const moves = planMoves(files);
  const folders = folderMoves(files, moves);

  const scanned = [...files].filter(
    (file) => !OWN_FILES.has(file) && TEXT.test(file) && (SCANNED.some((folder) => file.startsWith(folder)) || !file.includes('/')),
  );
  let rewritten = 0;
  let renamed = 0;
  const texts = new Map<string, string>();
  for (const file of scanned) texts.set(file, readFileSync(path.join(ROOT, file), 'utf8'));

  // Which files each rename applies to: its module, the modules that re-export it, and the code files
  // that import any of those (resolved before any move).
  const imports = new Map<string, { spec: string; file: string }[]>();
  for (const [file, text] of texts) {
    if (!CODE.test(file)) continue;
    const found: { spec: string; file: string }[] = [];
    for (const match of text.matchAll(SPECIFIER_OR_MENTION)) {
      const resolved = match[2] === undefined ? undefined : resolveSpecifier(match[2], file, files);
      if (resolved) found.push({ spec: match[2]!, file: resolved.file });
    }
    imports.set(file, found);
  }
  const renamesFor = new Map<string, Set<Rename>>();
  for (const rename of RENAMES) {
    // The module that declares it: the plan's, or the one module that exports it now (code moves between branches).
    const exported = new RegExp(`^export\\s+(?:declare\\s+)?(?:async\\s+)?(?:interface|type|class|function\\*?|const|let|var|enum)\\s+${rename.from}(?![\\w$])`, 'm');
    const declares = (file: string) => exported.test(texts.get(file) ?? '');
    let home: string | undefined = rename.in;
    if (!declares(rename.in)) {
      home = undefined;
      const movedTo = NAMED[rename.in];
      const done = [...imports.keys()].some((file) => new RegExp(exported.source.replace(rename.from, rename.to), 'm').test(texts.get(file)!));
      if (!texts.has(rename.in)) {
        // Moved by an earlier run (nothing to do), or gone from the tree.
        if (!(movedTo !== undefined && files.has(movedTo)) && !done) warn(`${rename.from} → ${rename.to}: ${rename.in} not found, not renamed`);
        continue;
      }
      const found = [...imports.keys()].filter(declares);
      if (found.length === 1) {
        home = found[0];
        warn(`${rename.from} is declared in ${home}, not ${rename.in}: renamed from there`);
      } else if (found.length > 1 || !done) {
        warn(`${rename.from} → ${rename.to}: not renamed, declared in ${found.length ? found.join(', ') : 'no module'}`);
      }
    }
    if (home === undefined) continue;
    const providers = new Set([home]);
    const word = new RegExp(`(?<![\\w$])${rename.from}(?![\\w$])`);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [file, found] of imports) {
        const reexports = found.some(
          (entry) => providers.has(entry.file) && new RegExp(`export[^;]*from\\s*['"]${entry.spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`).test(texts.get(file)!),
        );
        if (reexports && !providers.has(file) && word.test(texts.get(file)!)) {
          providers.add(file);
          grew = true;
        }
      }
    }
    // A name declared nowhere else (and renamed once) is renamed everywhere, comments included.
    const declaration = new RegExp(`^\\s*(?:export\\s+)?(?:declare\\s+)?(?:async\\s+)?(?:interface|type|class|function\\*?|const|let|var|enum)\\s+${rename.from}(?![\\w$])`, 'm');
    const unique =
      RENAMES.filter((other) => other.from === rename.from).length === 1 &&
      [...imports.keys()].every((file) => providers.has(file) || !declaration.test(texts.get(file)!));
    for (const [file, found] of imports) {
      if (unique || providers.has(file) || found.some((entry) => providers.has(entry.file))) {
        renamesFor.set(file, (renamesFor.get(file) ?? new Set()).add(rename));
      }
    }
  }

  for (const [file, text] of texts) {
    const renames = [...(renamesFor.get(file) ?? [])];
    for (const rename of renames) {
      if (new RegExp(`(?<![\\w$])${rename.to}(?![\\w$])`).test(text) && new RegExp(`(?<![\\w$])${rename.from}(?![\\w$])`).test(text)) {
        warn(`${file} has both ${rename.from} and ${rename.to}: check the rename by hand`);
      }
    }
    const pathsDone = rewritePaths(file, text, files, moves, folders);
    const next = renameSymbols(pathsDone, renames);
    if (pathsDone !== text) rewritten++;
    if (next !== pathsDone) renamed++;
    if (next !== text && !dryRun) writeFileSync(path.join(ROOT, file), next);
  }
  // README and other Markdown at the root: path mentions only.
  for (const file of [...files].filter((name) => /^[^/]+\.md$/.test(name))) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const next = rewritePaths(file, text, files, moves, folders);
    if (next !== text) {
      rewritten++;
      if (!dryRun) writeFileSync(path.join(ROOT, file), next);
    }
  }

  if (!dryRun) {
    for (const [old, target] of moves) {
      mkdirSync(path.dirname(path.join(ROOT, target)), { recursive: true });
      if (tracked.has(old)) git('mv', old, target);
      else renameSync(path.join(ROOT, old), path.join(ROOT, target));
    }
    removeEmptyFolders('utils');
    removeEmptyFolders('components');
    removeEmptyFolders('tests/unit');
  }

  console.log(`${dryRun ? 'would move' : 'moved'} ${moves.size} files; paths rewritten in ${rewritten} files, symbols renamed in ${renamed}`);
  if (dryRun) for (const [old, target] of moves) console.log(`  ${old} → ${target}`);
  for (const text of warnings) console.warn(`warning: ${text}`);
  if (!dryRun && [...moves.keys()].some((file) => !file.startsWith('tests/')) && !args.has('--no-prepare')) {
    // WXT's generated auto-import list (.wxt/types) names files by path.
    execFileSync('npx', ['wxt', 'prepare'], { cwd: ROOT, stdio: 'inherit' });
  }
}

// Run as a script, not when a test imports its parts.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
