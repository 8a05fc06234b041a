/**
 * axe-core (node_modules/axe-core) run inside a page or frame of the browser under test: extension pages
 * (popup, library) and fixture pages with Paperdex's card controls. Its source is evaluated through
 * Playwright (DevTools' Runtime.evaluate is not subject to the page's CSP, which blocks script tags in
 * extension pages).
 *
 * Closed shadow roots (the card controls') are invisible to axe, which walks `element.shadowRoot`. With
 * `closedRoots`, the roots of the matching hosts are found through the DevTools protocol (which pierces
 * them) and handed to axe by a `shadowRoot` getter installed for the run and removed after it.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: string | undefined;
const source = () => (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

/** One failing node of one rule. */
export interface AxeFinding {
  rule: string;
  impact: AxeImpact;
  help: string;
  /** axe's selector path to the node (one selector per shadow level). */
  target: string[];
  /** What axe says is wrong (e.g. the contrast ratio and colours). */
  summary: string;
}

export interface AxeRunOptions {
  /** Only nodes inside these (CSS selectors in the document, axe's `include`); the whole page by default. */
  include?: string[];
  /** Rules turned on beyond axe's defaults; label-content-name-mismatch (experimental in axe) is on by default. */
  enableRules?: string[];
  /** Rules turned off (say why where you call it). */
  disableRules?: string[];
  /** Hosts (a CSS selector) whose closed shadow roots axe should see; needs a Page (the protocol session). */
  closedRoots?: string;
  /** Impacts reported; serious and critical by default. */
  impacts?: readonly AxeImpact[];
}

const DEFAULT_RULES = ['label-content-name-mismatch'];

interface DomNode {
  nodeName: string;
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: (DomNode & { shadowRootType?: string })[];
}

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const root of node.shadowRoots ?? []) yield* walk(root);
  for (const child of node.children ?? []) yield* walk(child);
}

/** Makes the closed roots of `selector`'s hosts readable as `host.shadowRoot` in the page's main world. */
async function exposeClosedRoots(page: Page, selector: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const hostIds = new Set<number>();
    const { root: doc } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: (doc as unknown as { nodeId: number }).nodeId, selector })) as { nodeIds: number[] };
    for (const nodeId of nodeIds) {
      const { node } = (await cdp.send('DOM.describeNode', { nodeId })) as { node: { backendNodeId: number } };
      hostIds.add(node.backendNodeId);
    }
    await page.evaluate(() => {
      const w = window as unknown as { __axeClosedRoots?: WeakMap<Element, ShadowRoot>; __axeShadowGetter?: PropertyDescriptor };
      if (w.__axeShadowGetter) return;
      const roots = (w.__axeClosedRoots = new WeakMap());
      const original = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot')!;
      w.__axeShadowGetter = original;
      Object.defineProperty(Element.prototype, 'shadowRoot', {
        configurable: true,
        get(this: Element) {
          return roots.get(this) ?? original.get!.call(this);
        },
      });
    });
    for (const node of walk(doc)) {
      const closed = node.shadowRoots?.find((root) => root.shadowRootType === 'closed');
      if (!closed || !hostIds.has(node.backendNodeId)) continue;
      const host = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId })) as { object: { objectId: string } };
      const root = (await cdp.send('DOM.resolveNode', { backendNodeId: closed.backendNodeId })) as { object: { objectId: string } };
      await cdp.send('Runtime.callFunctionOn', {
        objectId: host.object.objectId,
        functionDeclaration: 'function (root) { window.__axeClosedRoots.set(this, root); }',
        arguments: [{ objectId: root.object.objectId }],
      });
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function restoreShadowRoot(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __axeClosedRoots?: unknown; __axeShadowGetter?: PropertyDescriptor };
    if (w.__axeShadowGetter) Object.defineProperty(Element.prototype, 'shadowRoot', w.__axeShadowGetter);
    delete w.__axeShadowGetter;
    delete w.__axeClosedRoots;
  });
}

/**
 * Runs axe on `target` and returns its violations of the given impacts (serious and critical by
 * default), one finding per failing node.
 */
export async function axeViolations(target: Page | Frame, options: AxeRunOptions = {}): Promise<AxeFinding[]> {
  const page = 'mainFrame' in target ? target : undefined;
  if (options.closedRoots) {
    if (!page) throw new Error('closedRoots needs a Page');
    await exposeClosedRoots(page, options.closedRoots);
  }
  try {
    await target.evaluate(source());
    const rules: Record<string, { enabled: boolean }> = {};
    for (const rule of [...DEFAULT_RULES, ...(options.enableRules ?? [])]) rules[rule] = { enabled: true };
    for (const rule of options.disableRules ?? []) rules[rule] = { enabled: false };
    const impacts = options.impacts ?? ['serious', 'critical'];
    const results = await target.evaluate(
      async ({ include, rules }) => {
        const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
        const context = include ? { include: include.map((selector) => [selector]) } : document;
        const { violations } = await axe.run(context, { rules, resultTypes: ['violations'] });
        return violations as { id: string; impact: AxeImpact; help: string; nodes: { target: string[]; impact: AxeImpact; failureSummary?: string }[] }[];
      },
      { include: options.include, rules },
    );
    return results.flatMap((rule) =>
      rule.nodes
        .filter((node) => impacts.includes(node.impact ?? rule.impact))
        .map((node) => ({ rule: rule.id, impact: node.impact ?? rule.impact, help: rule.help, target: node.target.map(String), summary: node.failureSummary ?? '' })),
    );
  } finally {
    if (page && options.closedRoots) await restoreShadowRoot(page);
  }
}

/** A one-line-per-finding text, for an assertion's message. */
export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings.map((finding) => `${finding.impact} ${finding.rule}: ${finding.target.join(' >>> ')} — ${finding.summary.replace(/\s+/g, ' ').slice(0, 200)}`).join('\n');
}

/**
 * Runs axe on `page` in light and in dark (emulated), returning the findings per scheme (empty lists:
 * none); the page is left in light.
 */
export async function axeInBothSchemes(page: Page, options: AxeRunOptions = {}): Promise<Record<'light' | 'dark', AxeFinding[]>> {
  const found = { light: [] as AxeFinding[], dark: [] as AxeFinding[] };
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Colour transitions end before axe reads the colours.
    await page.evaluate(async () => {
      void document.body.offsetHeight;
      await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
    });
    found[colorScheme] = await axeViolations(page, options);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
