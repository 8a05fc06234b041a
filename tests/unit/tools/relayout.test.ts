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

describe('moving unit tests', () => {
  const tests = new Set([
    'utils/paper/record.ts',
    'tests/fixtures/hf/index.json',
    'tests/unit/load-fixture.ts',
    'tests/unit/sanitize.test.ts',
    'tests/unit/new-root.test.ts',
    'tests/unit/sources/huggingface.test.ts',
    'tests/unit/sources/new-site.test.ts',
    'tests/unit/library/library-app.test.tsx',
    'tests/unit/library/fixtures.ts',
    'tests/unit/library/view.test.ts',
    'tests/unit/db/bulk-actions.test.ts',
    'tests/unit/search/ranking.test.ts',
  ]);
  const moves = planMoves(tests);
  const folders = folderMoves(tests, moves);

  it('moves tests by name and by folder rule, and warns about a root test it cannot place', () => {
    const moves = planMoves(tests);
    expect(moves.get('tests/unit/sanitize.test.ts')).toBe('tests/unit/paper/sanitize.test.ts');
    expect(moves.get('tests/unit/library/view.test.ts')).toBe('tests/unit/ui/library-page/sort-filter.test.ts');
    expect(moves.get('tests/unit/library/library-app.test.tsx')).toBe('tests/unit/ui/library-page/library-app.test.tsx');
    expect(moves.get('tests/unit/library/fixtures.ts')).toBe('tests/unit/support/paper-records.ts');
    expect(moves.get('tests/unit/sources/new-site.test.ts')).toBe('tests/unit/capture/sites/new-site.test.ts');
    expect(moves.get('tests/unit/db/bulk-actions.test.ts')).toBe('tests/unit/library/bulk-actions.test.ts');
    expect(moves.has('tests/unit/search/ranking.test.ts')).toBe(false);
    expect(moves.has('tests/unit/new-root.test.ts')).toBe(false);
    expect(warnings).toContain('unmapped, left where it is: tests/unit/new-root.test.ts');
  });

  it("rewrites a moved test's relative imports, its import.meta.dirname paths, and mentions of it", () => {
    const text = [
      "import fixtures from '../../fixtures/hf/index.json';",
      "import { fixtureDocument } from '../load-fixture';",
      "import { paper } from '../library/fixtures';",
      "const ROOT = path.resolve(import.meta.dirname, '../../..');",
      '// See tests/unit/sources/huggingface.test.ts and tests/unit/sources/<site>.test.ts.',
    ].join('\n');
    expect(rewritePaths('tests/unit/sources/huggingface.test.ts', text, tests, moves, folders).split('\n')).toEqual([
      "import fixtures from '../../../fixtures/hf/index.json';",
      "import { fixtureDocument } from '../../support/load-fixture';",
      "import { paper } from '../../support/paper-records';",
      "const ROOT = path.resolve(import.meta.dirname, '../../../..');",
      '// See tests/unit/capture/sites/huggingface.test.ts and tests/unit/capture/sites/<site>.test.ts.',
    ]);
    expect(rewritePaths('tests/unit/load-fixture.ts', "const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');", tests, moves, folders)).toBe(
      "const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');",
    );
  });

  it('changes nothing the second time: tests/unit/library/ now tests the library itself', () => {
    const file = 'tests/unit/library/bulk-actions.test.ts';
    const once = rewritePaths('tests/unit/db/bulk-actions.test.ts', "import { paper } from '../library/fixtures'; // import.meta.dirname, '..'", tests, moves, folders);
    const after = new Set([...tests].map((old) => moves.get(old) ?? old));
    const again = planMoves(after);
    expect(again.size).toBe(0);
    expect(rewritePaths(file, once, after, again, folderMoves(after, again))).toBe(once);
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
