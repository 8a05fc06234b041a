/**
 * axe-core over a page driven by Playwright: the library's source is evaluated into the page (an
 * extension page's CSP blocks script tags, not evaluation from the test), then `axe.run` reports what
 * it finds. Generic on purpose (any page, any impact floor), so it can merge into a shared helper.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Each offending node: its selector and axe's summary of what is wrong. */
  nodes: { target: string; summary: string }[];
}

/**
 * The violations of impact `serious` or `critical` (or those in `impacts`) on `page` now, in the state it
 * is in (light or dark as emulated). Only the page's own document (`context`: a selector to narrow).
 */
export async function axeViolations(page: Page, { impacts = ['serious', 'critical'], context }: { impacts?: string[]; context?: string } = {}): Promise<AxeViolation[]> {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(source);
  const found = await page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(within ?? document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(' '), summary: node.failureSummary ?? '' })),
    }));
  }, context);
  return found.filter((violation) => violation.impact !== null && impacts.includes(violation.impact));
}

/** One line per violation and node, for a failing expectation's message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes.map((node) => `  ${node.target}: ${node.summary.replace(/\s+/g, ' ')}`).join('\n')}`).join('\n');
}
