/**
 * axe-core in any page of the extension, through Playwright. Extension pages' CSP (script-src 'self')
 * refuses an injected <script> (so `addScriptTag` fails there); `page.evaluate` of axe's source runs
 * through the DevTools protocol, which that CSP does not govern.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** Up to five of the nodes at fault: their selector and axe's summary of what is wrong. */
  nodes: { target: string; summary: string }[];
}

/** The serious and critical violations axe finds in `page` as it is now (WCAG 2.x A and AA, and best practices). */
export async function axeViolations(page: Page, impacts: readonly string[] = ['serious', 'critical']): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact?: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => ({ target: node.target.join(' '), summary: (node.failureSummary ?? '').slice(0, 300) })),
    }));
  });
  return violations.filter((violation) => impacts.includes(violation.impact));
}

/** Runs axe on `page` in light and in dark, returning the findings per scheme (empty lists: none). */
export async function axeInBothSchemes(page: Page, impacts?: readonly string[]): Promise<Record<'light' | 'dark', AxeFinding[]>> {
  const found = { light: [] as AxeFinding[], dark: [] as AxeFinding[] };
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Colour transitions end before axe reads the colours.
    await page.evaluate(async () => {
      void document.body.offsetHeight;
      await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
    });
    found[colorScheme] = await axeViolations(page, impacts);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
