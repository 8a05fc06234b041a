import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Bundles a bench entry (which imports the extension's own modules) into one IIFE, to be evaluated in
 * a page of the real browser, so the code measured is the code the extension ships.
 */
export async function bundleForPage(entry: string, name: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    resolve: { alias: { '@': ROOT } },
    build: { write: false, minify: true, lib: { entry, formats: ['iife'], name } },
  });
  for (const result of Array.isArray(output) ? output : [output]) {
    if ('output' in result) {
      const chunk = result.output.find((item) => item.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error(`bench bundle ${entry}: no output chunk`);
}
