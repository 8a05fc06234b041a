/**
 * Reads and drives the card controls as a user does. Their shadow roots are closed and they act only on
 * trusted events, so neither page script nor Playwright's locators reach in: the DevTools protocol does
 * (`DOM.getDocument` with `pierce` walks closed roots), and clicks and keys are the browser's own input
 * events at the element's position (`page.mouse`, `page.keyboard`): trusted, as a user's.
 */
import type { CDPSession, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: (DomNode & { shadowRootType?: string })[];
}

/** What one control shows, read from inside its (closed) root. */
export interface ControlState {
  id: string;
  /** The root's mode as the browser reports it. */
  rootType: string | undefined;
  pressed: string | null;
  saveLabel: string;
  mark: string;
  chips: string[];
  notice: string;
  expanded: string | null;
  /** The tag entry's suggestions (library tags), when it is open. */
  options: string[];
  editorError: string;
  /** Text nodes anywhere in the root (the control keeps the library's state out of them). */
  text: string[];
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
function session(page: Page): Promise<CDPSession> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  return cdp;
}

function attributes(node: DomNode): Record<string, string> {
  const list = node.attributes ?? [];
  const result: Record<string, string> = {};
  for (let at = 0; at < list.length; at += 2) result[list[at]!] = list[at + 1]!;
  return result;
}

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  // Form controls' own user-agent roots (an input's placeholder) are the browser's, not the page's DOM.
  for (const root of node.shadowRoots ?? []) if (root.shadowRootType !== 'user-agent') yield* walk(root);
  for (const child of node.children ?? []) yield* walk(child);
}

const hasClass = (node: DomNode, name: string) => (attributes(node).class ?? '').split(/\s+/).includes(name);
const label = (node: DomNode | undefined) => (node ? (attributes(node)['data-label'] ?? '') : '');

interface Control {
  host: DomNode;
  root: DomNode | undefined;
  find(predicate: (node: DomNode) => boolean): DomNode | undefined;
  all(predicate: (node: DomNode) => boolean): DomNode[];
}

async function hosts(page: Page): Promise<Control[]> {
  const cdp = await session(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const found: Control[] = [];
  for (const node of walk(root)) {
    if (node.nodeName !== 'PAPERDEX-CONTROL') continue;
    const shadow = node.shadowRoots?.[0];
    const inside = shadow ? [...walk(shadow)] : [];
    found.push({ host: node, root: shadow, find: (predicate) => inside.find(predicate), all: (predicate) => inside.filter(predicate) });
  }
  return found;
}

function stateOf(control: Control): ControlState {
  const { find, all } = control;
  const save = find((node) => node.nodeName === 'BUTTON' && hasClass(node, 'save'));
  const tag = find((node) => node.nodeName === 'BUTTON' && hasClass(node, 'tag'));
  const editor = find((node) => hasClass(node, 'panel'));
  const labelInside = (button: DomNode | undefined) => label(button && [...walk(button)].find((node) => hasClass(node, 'label')));
  return {
    id: attributes(control.host)['data-paper'] ?? '',
    rootType: (control.root as { shadowRootType?: string } | undefined)?.shadowRootType,
    pressed: save ? (attributes(save)['aria-pressed'] ?? null) : null,
    saveLabel: labelInside(save),
    mark: label(find((node) => hasClass(node, 'mark'))),
    chips: all((node) => hasClass(node, 'chip')).map((chip) => label(chip.children?.find((child) => child.nodeName === 'SPAN'))),
    notice: label(find((node) => hasClass(node, 'notice'))),
    expanded: tag ? (attributes(tag)['aria-expanded'] ?? null) : null,
    options: editor && !('hidden' in attributes(editor)) ? all((node) => attributes(node).role === 'option').map((option) => label(option)) : [],
    editorError: editor ? label([...walk(editor)].find((node) => hasClass(node, 'error'))) : '',
    text: all((node) => node.nodeType === 3 && node.nodeName === '#text').map((node) => node.nodeValue ?? '').filter((text) => text.trim()),
  };
}

/** Every control on the page, in document order. */
export async function readControls(page: Page): Promise<ControlState[]> {
  return (await hosts(page)).map(stateOf);
}

/** Polls until `accept` holds for the controls (default timeout 10 s). */
export async function waitForControlStates(page: Page, accept: (controls: ControlState[]) => boolean, timeout = 10_000): Promise<ControlState[]> {
  const until = Date.now() + timeout;
  for (;;) {
    const controls = await readControls(page);
    if (accept(controls)) return controls;
    if (Date.now() > until) throw new Error(`controls never reached the expected state: ${JSON.stringify(controls.slice(0, 5))}`);
    await page.waitForTimeout(100);
  }
}

/** Waits until the control of paper `id` satisfies `accept`. */
export async function waitForControl(page: Page, id: string, accept: (control: ControlState) => boolean, timeout = 10_000): Promise<ControlState> {
  const controls = await waitForControlStates(page, (all) => all.some((control) => control.id === id && accept(control)), timeout);
  return controls.find((control) => control.id === id && accept(control))!;
}

/** A button by its class, the field, a remove button by its tag, or the seen mark / the Save+Tag group. */
export type ControlPart = 'save' | 'tag' | 'input' | 'add' | 'mark' | 'actions' | { removeTag: string };

function partOf(control: Control, part: ControlPart): DomNode | undefined {
  if (part === 'input') return control.find((node) => node.nodeName === 'INPUT');
  if (part === 'mark' || part === 'actions') return control.find((node) => hasClass(node, part));
  if (typeof part === 'string') return control.find((node) => node.nodeName === 'BUTTON' && hasClass(node, part));
  return control.find((node) => node.nodeName === 'BUTTON' && attributes(node)['data-tag'] === part.removeTag);
}

/** Clicks a part of paper `id`'s control with the mouse (the first control of that paper). */
export async function clickControl(page: Page, id: string, part: ControlPart): Promise<void> {
  const control = (await hosts(page)).find((candidate) => attributes(candidate.host)['data-paper'] === id);
  const node = control && partOf(control, part);
  if (!node) throw new Error(`no ${JSON.stringify(part)} in the control of ${id}`);
  const cdp = await session(page);
  // Controls off screen have no height until rendered (content-visibility), so scrolling one into view
  // can move it again: scroll until its position holds for a frame.
  let previous = '';
  let center: [number, number] | undefined;
  for (let attempt = 0; attempt < 10; attempt++) {
    await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const { quads } = (await cdp.send('DOM.getContentQuads', { backendNodeId: node.backendNodeId })) as { quads: number[][] };
    const quad = quads[0];
    if (!quad) continue;
    center = [(quad[0]! + quad[2]! + quad[4]! + quad[6]!) / 4, (quad[1]! + quad[3]! + quad[5]! + quad[7]!) / 4];
    if (JSON.stringify(quad) === previous) break;
    previous = JSON.stringify(quad);
  }
  if (!center) throw new Error(`the ${JSON.stringify(part)} of ${id} is not visible`);
  const [x, y] = center;
  await page.mouse.click(x, y);
}

/** Gives keyboard focus to a part (as Tab would reach it): for key presses. */
export async function focusControl(page: Page, id: string, part: ControlPart): Promise<void> {
  const control = (await hosts(page)).find((candidate) => attributes(candidate.host)['data-paper'] === id);
  const node = control && partOf(control, part);
  if (!node) throw new Error(`no ${JSON.stringify(part)} in the control of ${id}`);
  await (await session(page)).send('DOM.focus', { backendNodeId: node.backendNodeId });
}

/** Opens paper `id`'s tag entry and types a tag, then Enter: as a user. */
export async function addTagOnCard(page: Page, id: string, tag: string): Promise<void> {
  await clickControl(page, id, 'tag');
  await waitForControl(page, id, (control) => control.expanded === 'true');
  await clickControl(page, id, 'input');
  await page.keyboard.type(tag);
  await page.keyboard.press('Enter');
}

/** A computed style of a part of paper `id`'s control (read through the protocol: the root is closed). */
export async function controlStyle(page: Page, id: string, part: ControlPart, property: string): Promise<string> {
  const control = (await hosts(page)).find((candidate) => attributes(candidate.host)['data-paper'] === id);
  const node = control && partOf(control, part);
  if (!node) throw new Error(`no ${JSON.stringify(part)} in the control of ${id}`);
  const cdp = await session(page);
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId })) as { object: { objectId: string } };
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: 'function (property) { return getComputedStyle(this).getPropertyValue(property); }',
    arguments: [{ value: property }],
    returnByValue: true,
  })) as { result: { value: string } };
  return result.value;
}

/**
 * Waits until the page shows exactly `count` controls. Controls inline in a title (arXiv) mount only near
 * the viewport (utils/ui/card-controls/near-viewport.ts), so the page is scrolled through, a screen at a
 * time, and back to its top.
 */
export async function waitForControlCount(page: Page, count: number, timeout = 15_000): Promise<void> {
  const shown = () => page.evaluate(() => document.querySelectorAll('paperdex-control').length);
  if (count > 0) await page.waitForFunction(() => document.querySelectorAll('paperdex-control').length > 0, undefined, { timeout });
  for (let screen = 1; (await shown()) < count; screen++) {
    const atEnd = await page.evaluate((at) => {
      window.scrollTo(0, at * innerHeight);
      return scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
    }, screen);
    await page.waitForTimeout(100);
    if (atEnd) break;
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction((n) => document.querySelectorAll('paperdex-control').length === n, count, { timeout });
}
