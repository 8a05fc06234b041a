/** The relayout script's rewriting, on a made-up tree (the script itself runs on the real one with git). */
import { beforeEach, describe, expect, it } from 'vitest';
import { folderMoves, planMoves, renameSymbols, rewritePaths, warnings } from '../../tools/relayout';

const files = new Set([
  'utils/db/schema.ts',
  'utils/db/user-actions.ts',
  'utils/db/record-capture.ts',
  'utils/library/view.ts',
  'utils/library/rows.ts',
  'utils/library-io/index.ts',
  'utils/library-io/export.ts',
  'utils/popup/links.ts',
  'utils/sanitize.ts',
  'utils/sources/new-site.ts',
  'utils/search/word-index.ts',
  'utils/stray.ts',
  'components/tokens.css',
  'entrypoints/popup/style.css',
  'entrypoints/popup/App.tsx',
]);

beforeEach(() => {
  warnings.length = 0;
});

describe('planMoves', () => {
  it('moves named files, places the rest by folder rule, and warns about a file it cannot place', () => {
    const moves = planMoves(files);
    expect(moves.get('utils/db/schema.ts')).toBe('utils/library/schema.ts');
    expect(moves.get('utils/db/record-capture.ts')).toBe('utils/capture/record-capture.ts');
    expect(moves.get('utils/library/view.ts')).toBe('utils/ui/library-page/sort-filter.ts');
    expect(moves.get('utils/sources/new-site.ts')).toBe('utils/capture/sites/new-site.ts');
    expect(moves.has('utils/search/word-index.ts')).toBe(false);
    expect(moves.has('utils/stray.ts')).toBe(false);
    expect(warnings).toContain('unmapped, left where it is: utils/stray.ts');
  });

  it('after the move, leaves utils/library/ (now the library itself) where it is', () => {
    const after = new Set(['utils/library/schema.ts', 'utils/library/new-write.ts', 'utils/ui/library-page/sort-filter.ts']);
    expect(planMoves(after).size).toBe(0);
    expect(warnings.filter((text) => text.startsWith('unmapped'))).toEqual([]);
  });

  it('moves no file onto one that stays, nor two files onto one path', () => {
    const moves = planMoves(new Set(['utils/sources/arxiv.ts', 'utils/capture/sites/arxiv.ts', 'utils/change-feed/cursor.ts', 'utils/db/feed/cursor.ts']));
    expect(moves.size).toBe(0);
    expect(warnings).toContain('utils/capture/sites/arxiv.ts exists already: utils/sources/arxiv.ts is not moved');
    expect(warnings).toContain('two files would become utils/library/feed/cursor.ts (utils/change-feed/cursor.ts, utils/db/feed/cursor.ts): neither is moved');
  });
});

describe('rewritePaths', () => {
  const moves = planMoves(files);
  const folders = folderMoves(files, moves);

  it('keeps aliases as aliases and relative imports relative, without adding extensions', () => {
    const text = [
      "import { db } from '@/utils/db/schema';",
      "import { safeHttpUrl } from '../sanitize';",
      "const io = () => import('@/utils/library-io');",
      "import { unknown } from 'preact';",
    ].join('\n');
    expect(rewritePaths('utils/popup/links.ts', text, files, moves, folders).split('\n')).toEqual([
      "import { db } from '@/utils/library/schema';",
      "import { safeHttpUrl } from '../../paper/sanitize';",
      "const io = () => import('@/utils/library/io');",
      "import { unknown } from 'preact';",
    ]);
  });

  it('rewrites CSS imports and path mentions, but not a path inside an import it already rewrote', () => {
    expect(rewritePaths('entrypoints/popup/style.css', "@import '../../components/tokens.css';", files, moves, folders)).toBe(
      "@import '../../components/shared/tokens.css';",
    );
    const comment = '/** See `utils/db/schema.ts`, `utils/library/view` and `utils/library-io/`; not `utils/stray.ts`. */';
    expect(rewritePaths('entrypoints/popup/App.tsx', comment, files, moves, folders)).toBe(
      '/** See `utils/library/schema.ts`, `utils/ui/library-page/sort-filter` and `utils/library/io/`; not `utils/stray.ts`. */',
    );
  });

  it('changes nothing the second time', () => {
    const once = rewritePaths('utils/popup/links.ts', "import { db } from '@/utils/db/schema'; // utils/db/schema.ts", files, moves, folders);
    const after = new Set([...files].map((file) => moves.get(file) ?? file));
    const again = planMoves(after);
    expect(rewritePaths('utils/ui/shared/links.ts', once, after, again, folderMoves(after, again))).toBe(once);
  });
});

describe('renameSymbols', () => {
  it('renames whole words only', () => {
    const renames = [{ from: 'PaperView', to: 'PaperList', in: 'x.ts' }];
    expect(renameSymbols('let a: PaperView; let b: PaperViewLoader; const PaperView2 = 1;', renames)).toBe(
      'let a: PaperList; let b: PaperViewLoader; const PaperView2 = 1;',
    );
  });
});
