/**
 * A copy of a built extension whose manifest grants `downloads` at load, for backup tests and the bench:
 * no test can click the browser's permission prompt. Chromium's `permissions.request` for a permission
 * the extension already has resolves at once, so the real request path still runs from there.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function copyWithDownloadsGranted(built: string, copy: string): Promise<string> {
  await cp(built, copy, { recursive: true });
  const file = path.join(copy, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as { permissions: string[]; optional_permissions?: string[] };
  manifest.permissions.push('downloads');
  delete manifest.optional_permissions;
  await writeFile(file, JSON.stringify(manifest));
  return copy;
}
