/**
 * axe-core (node_modules/axe-core) run inside a page through Playwright: extension pages' CSP blocks
 * script tags, so axe's source is evaluated into the page (DevTools protocol evaluation is not subject
 * to the page's CSP), then `axe.run` over the whole document or a part of it.
 *
 *   const found = await axeViolations(page, { include: '.data' });   // serious and critical by default
 *   expect(found, describeViolations(found)).toEqual([]);
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeViolation {
  id: string;
  impact: AxeImpact | null;
  help: string;
  /** Each node: its CSS path and axe's explanation (e.g. the contrast ratio found). */
  nodes: { target: string; summary: string }[];
}

export interface AxeOptions {
  /** A CSS selector of the part of the page to check; default: the whole document. */
  include?: string;
  /** The impacts reported; default serious and critical. */
  impacts?: readonly AxeImpact[];
}

let axeSource: Promise<string> | undefined;
const loadAxe = () => (axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

export async function axeViolations(page: Page, { include, impacts = ['serious', 'critical'] }: AxeOptions = {}): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await loadAxe());
  const violations = await page.evaluate(async (selector) => {
    type Axe = {
      run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }>;
    };
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(' '), summary: node.failureSummary ?? '' })),
    }));
  }, include ?? null);
  return (violations as AxeViolation[]).filter((violation) => violation.impact !== null && impacts.includes(violation.impact));
}

/** The violations in a few lines, for an assertion's message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((violation) => `${violation.impact} ${violation.id} (${violation.help}): ${violation.nodes.length} nodes, e.g. ${violation.nodes[0]?.target} — ${violation.nodes[0]?.summary.replace(/\s+/g, ' ')}`)
    .join('\n');
}
