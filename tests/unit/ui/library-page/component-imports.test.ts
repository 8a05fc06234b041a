/**
 * The library page's components change the library only through the actions facade they are given
 * (components/library-page/actions.ts, which also announces every change): none imports the database, the
 * write functions, the settings writer or the announcements, and none queries the database itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../..');
const FOLDER = join(ROOT, 'components/library-page');

function components(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return components(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

/** Value imports only (`import type` brings no code). */
const valueImports = (source: string) => [...source.matchAll(/^import\s+(?!type\b)([^;]*?)\s+from\s+'([^']+)';/gms)].map(([, names, from]) => ({ names: names!, from: from! }));

/** What a component must not reach for, and the one pure helper of utils/library it may use. */
// The library's writers and database (utils/library/*.ts but the pure retention preview and the settings'
// bounds), the change feed's writes and announcements, import/export, the capture queue.
const FORBIDDEN = [
  /\/utils\/library\/(?!retention$|settings$|drafts\/|storage\/)[\w-]+$/,
  /\/utils\/library\/feed\/(?!feed$)/,
  /\/utils\/library\/io(\/|$)/,
  /\/use-live-query$/,
  /\/merge-pending$/,
];
const ALLOWED_FROM_RETENTION = /^\{ expiredRowIds \}$/;

describe('library components', () => {
  const files = components(FOLDER);

  it('are found', () => {
    expect(files.map((file) => relative(FOLDER, file))).toEqual(expect.arrayContaining(['PaperDetail.tsx', 'SettingsPanel.tsx', 'settings/RetentionSetting.tsx']));
  });

  it.each(files.map((file) => [relative(FOLDER, file), file]))('%s changes the library only through the actions it is given', (_, file) => {
    const source = readFileSync(file, 'utf8');
    for (const { names, from } of valueImports(source)) {
      expect(FORBIDDEN.filter((pattern) => pattern.test(from)), `${names} from ${from}`).toEqual([]);
      if (from.endsWith('/utils/library/retention')) expect(names, from).toMatch(ALLOWED_FROM_RETENTION);
      if (from.endsWith('/utils/library/settings')) expect(names, from).not.toMatch(/updateSettings|readSettings/);
    }
    expect(source).not.toMatch(/\bdb\.\w+\.(get|put|update|delete|toArray|where|bulk\w*)\(/);
  });
});
