/**
 * Mozilla's addons-linter (what addons.mozilla.org runs on every upload) over the Firefox build: no
 * errors, and no warning but the two known ones. Those two are `innerHTML` assignments inside Preact's own
 * DOM code (its `dangerouslySetInnerHTML` support), which Paperdex never uses: no Paperdex code sets HTML
 * (README, "Store notes"). Any other warning — a new permission, an API the minimum version lacks —
 * fails here, so it is looked at before a store review finds it.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error addons-linter ships no types; createInstance({ config }).run() resolves to its report.
import linter from 'addons-linter';

interface Message {
  code: string;
  message: string;
  file?: string;
}
interface Report {
  errors: Message[];
  warnings: Message[];
  notices: Message[];
}

const BUILD = path.resolve(process.env.PAPERDEX_OUT_DIR ?? '.output', 'firefox-mv2');

async function lint(): Promise<Report> {
  const instance = linter.createInstance({
    config: { _: [BUILD], logLevel: 'fatal', stack: false, pretty: false, warningsAsErrors: false, metadata: false, output: 'none', boring: true, selfHosted: false, enableBackgroundServiceWorker: false },
    runAsBinary: false,
  });
  return (await instance.run()) as Report;
}

describe('addons-linter on the Firefox build', () => {
  it('reports no error, and no warning but Preact’s two innerHTML assignments', async () => {
    const report = await lint();
    const brief = (messages: Message[]) => messages.map((message) => `${message.code} ${message.file ?? ''}: ${message.message}`);
    expect(brief(report.errors)).toEqual([]);
    const others = report.warnings.filter((warning) => warning.code !== 'UNSAFE_VAR_ASSIGNMENT');
    expect(brief(others)).toEqual([]);
    const innerHtml = report.warnings.filter((warning) => warning.code === 'UNSAFE_VAR_ASSIGNMENT');
    expect(innerHtml.length).toBeLessThanOrEqual(2);
    // Each is in a bundle that carries Preact's `dangerouslySetInnerHTML` handling, not in Paperdex's code.
    for (const warning of innerHtml) {
      const text = await readFile(path.join(BUILD, warning.file!), 'utf8');
      expect(text, warning.file).toContain('dangerouslySetInnerHTML');
    }
  }, 120_000);

  it('the manifest declares the minimum versions its data-collection declaration needs', async () => {
    const manifest = JSON.parse(await readFile(path.join(BUILD, 'manifest.json'), 'utf8'));
    expect(manifest.browser_specific_settings.gecko.strict_min_version).toBe('140.0');
    expect(manifest.browser_specific_settings.gecko_android.strict_min_version).toBe('142.0');
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });
});
