/**
 * One card's Paperdex control: a `paperdex-control` element with a closed shadow root, built with plain DOM
 * so thousands mount cheaply. The page it sits in is hostile, and its scripts share the DOM:
 * - the root is closed, so page script can't reach in (`host.shadowRoot` is null), and our CSS can't leak out;
 * - only trusted events act (a user's click or key, never a script's `click()` or dispatched event);
 * - what the control shows of the library (saved, tags, seen, messages) is CSS generated content from
 *   attributes inside the root, never text nodes: `window.find()` searches text in closed roots too, and
 *   its selection would read it out; generated content is neither found nor selectable, and screen
 *   readers still read it;
 * - its box has the same size whatever it shows (one line, clipped), so layout reveals nothing either.
 * Events inside never reach the page: no link navigation, no upvote, no page shortcut.
 */
import { type CardState, seenLabel } from './card-state';
import { CONTROL_CSS } from './style';
import { createTagEntry, type TagEntry } from './tag-entry';
import { normalizeTag, TAG_NEEDS_LETTER } from '../../paper/tags';
import { failureText } from '../../library/storage/write-failure';

export const CONTROL_TAG = 'paperdex-control';
export type ControlTheme = 'light' | 'dark' | 'auto';

export interface ControlActions {
  toggleSave(id: string): void;
  /** Resolves when stored; rejects with a message to show. */
  addTag(id: string, tag: string): Promise<void>;
  removeTag(id: string, tag: string): void;
  /** Library tags for autocomplete (asked when the entry opens). */
  libraryTags(id: string): Promise<readonly string[]>;
}

export interface CardControl {
  readonly id: string;
  readonly host: HTMLElement;
  render(view: CardState, now: number): void;
  /** Shows a short message on the bar (an action that failed), until the next click or a few seconds. */
  notify(message: string): void;
  setTheme(theme: ControlTheme): void;
  /** Its card is faded by dim-seen: the mark darkens to keep its contrast. */
  setDimmed(dim: boolean): void;
  /** Shows or hides the "seen …" mark (the per-site setting). */
  showSeenMarks(show: boolean): void;
}

/** How long a failed action's message stays on the bar. */
const NOTICE_MS = 8_000;

/** Events stopped at the shadow root: the page sees none of them. */
const CONTAINED_EVENTS = [
  'click', 'dblclick', 'auxclick', 'contextmenu', 'mousedown', 'mouseup', 'pointerdown', 'pointerup',
  'touchstart', 'touchend', 'keydown', 'keyup', 'keypress', 'input', 'change', 'submit', 'focusin', 'focusout',
] as const;

/** Attribute whose value the control's CSS shows as generated content (see above: never a text node). */
export const LABEL_ATTRIBUTE = 'data-label';

/** What an element of the control shows. */
export function labelOf(node: Element | null | undefined): string {
  return node?.getAttribute(LABEL_ATTRIBUTE) ?? '';
}

function setLabel(node: Element, text: string): void {
  if (labelOf(node) !== text) node.setAttribute(LABEL_ATTRIBUTE, text);
}

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text) setLabel(node, text);
  return node;
}

/**
 * The closed roots, for this content script's own code (its tests reach a control's parts through
 * `controlRoot`). Page script can't call it: the module lives in the extension's isolated world.
 */
const roots = new WeakMap<Element, ShadowRoot>();
export function controlRoot(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}

/** A user's own event; page script can dispatch look-alikes, but never trusted ones. */
export type EventTrust = (event: Event) => boolean;
export const userEventsOnly: EventTrust = (event) => event.isTrusted;

function button(doc: Document, className: string, label: string, text?: string): HTMLButtonElement {
  const node = element(doc, 'button', className, text);
  node.type = 'button';
  node.setAttribute('aria-label', label);
  return node;
}

/** A button whose label is its accessible name (what it shows is what a screen reader says). */
function labelledButton(doc: Document, className: string, label: string, title: string, widest?: string): HTMLButtonElement {
  const node = button(doc, className, label);
  node.title = title;
  node.append(element(doc, 'span', 'label', label));
  if (widest) {
    // Sized to its widest label, so "Saved" is no wider than "Save" and nothing after it moves.
    const sizer = element(doc, 'span', 'sizer', widest);
    sizer.setAttribute('aria-hidden', 'true');
    node.append(sizer);
  }
  return node;
}

/** A Save/Tag button's label (the text shown and its accessible name). */
export function buttonLabel(node: Element | null | undefined): string {
  return labelOf(node?.querySelector('.label'));
}

/**
 * One stylesheet object shared by every control's shadow root (a `<style>` per root costs a style scope
 * each); `undefined` where constructable stylesheets are unavailable.
 */
const sheets = new WeakMap<Document, CSSStyleSheet | null>();
function sharedSheet(doc: Document): CSSStyleSheet | undefined {
  let sheet = sheets.get(doc);
  if (sheet === undefined) {
    try {
      sheet = new (doc.defaultView ?? window).CSSStyleSheet();
      sheet.replaceSync(CONTROL_CSS);
    } catch {
      sheet = null;
    }
    sheets.set(doc, sheet);
  }
  return sheet ?? undefined;
}

function styleRoot(doc: Document, root: ShadowRoot): void {
  const sheet = sharedSheet(doc);
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Firefox's content-script wrappers may refuse an adopted sheet: fall back to a <style>.
    }
  }
  root.prepend(element(doc, 'style', undefined, CONTROL_CSS));
}

/** The parts every control starts with, built once per document and cloned (cheaper than building each). */
const templates = new WeakMap<Document, DocumentFragment>();
function template(doc: Document): DocumentFragment {
  let fragment = templates.get(doc);
  if (!fragment) {
    fragment = doc.createDocumentFragment();
    const bar = element(doc, 'div', 'bar');
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', 'Paperdex');
    const save = labelledButton(doc, 'save', SAVE_LABEL, 'Save to Paperdex', SAVED_LABEL);
    save.setAttribute('aria-pressed', 'false');
    const tag = labelledButton(doc, 'tag', 'Tag', 'Tag in Paperdex');
    tag.setAttribute('aria-expanded', 'false');
    const actions = element(doc, 'span', 'actions');
    actions.append(save, tag);
    bar.append(element(doc, 'span', 'mark'), element(doc, 'span', 'chips'), actions);
    fragment.append(bar);
    templates.set(doc, fragment);
  }
  return fragment.cloneNode(true) as DocumentFragment;
}

const SAVE_LABEL = 'Save';
const SAVED_LABEL = 'Saved';

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, at) => tag === b[at]);
}

/** Where a control sits: over its card's own space, inline after the title, or (no title) a row at the card's end. */
export type ControlPlace = 'overlay' | 'inline' | 'block';

export interface ControlOptions {
  place?: ControlPlace;
  /** Whether the "seen …" mark is shown (a per-site setting). */
  seenMarks?: boolean;
}

export function createCardControl(
  doc: Document,
  id: string,
  actions: ControlActions,
  theme: ControlTheme,
  trusted: EventTrust = userEventsOnly,
  options: ControlOptions = {},
): CardControl {
  const host = doc.createElement(CONTROL_TAG);
  host.setAttribute('data-theme', theme);
  host.setAttribute('data-paper', id);
  const root = host.attachShadow({ mode: 'closed' });
  roots.set(host, root);
  const bar = template(doc).firstElementChild!;
  // Placement and state are attributes inside the root (see style.ts): the host shows none of them.
  bar.setAttribute('data-place', options.place ?? 'inline');
  styleRoot(doc, root);
  root.append(bar);
  const [mark, chips, actionsBox] = bar.children as unknown as [HTMLElement, HTMLElement, HTMLElement];
  const [save, tagButton] = actionsBox.children as unknown as [HTMLButtonElement, HTMLButtonElement];
  // What the template shows: not saved, no tags.
  let view: CardState = { saved: false, tags: [], read: false };
  let seenMarks = options.seenMarks ?? true;
  let lastNow = 0;
  let editor: TagEntry | undefined;
  // Built on first use, like the editor: most controls never show one.
  let notice: HTMLElement | undefined;
  let noticeTimer: number | undefined;

  function clearNotice() {
    if (notice) setLabel(notice, '');
    if (noticeTimer !== undefined) doc.defaultView?.clearTimeout(noticeTimer);
    noticeTimer = undefined;
  }

  for (const type of CONTAINED_EVENTS) {
    root.addEventListener(type, (event) => {
      event.stopPropagation();
      // A click's default would follow a link or toggle an upvote label around the card's control.
      if (type === 'click' || type === 'auxclick' || type === 'submit') event.preventDefault();
    });
  }

  function openEditor(open: boolean) {
    const entry = editor ?? (open ? (editor = createTagEntry(doc, root, { submit: submitTag, close: () => openEditor(false) })) : undefined);
    if (!entry) return;
    entry.panel.hidden = !open;
    tagButton.setAttribute('aria-expanded', String(open));
    if (!open) {
      tagButton.focus();
      return;
    }
    entry.reset();
    entry.input.focus();
    void actions.libraryTags(id).then(
      (tags) => entry.setLibraryTags(tags, view.tags),
      () => {},
    );
  }

  /** Adds a tag; resolves to whether it was (a refusal's reason is shown under the field). */
  async function submitTag(typed: string): Promise<boolean> {
    if (!editor || !typed.trim()) return false;
    // The popup's rule and words: checked here, so a refusal never shows the message protocol's wording.
    if (!normalizeTag(typed)) {
      editor.showError(TAG_NEEDS_LETTER);
      return false;
    }
    editor.showError('');
    try {
      await actions.addTag(id, typed);
      return true;
    } catch (error) {
      editor.showError(failureText('Tag not added', error));
      return false;
    }
  }

  root.addEventListener('click', (event) => {
    if (!trusted(event)) return;
    const target = event.target as Element | null;
    const clicked = target?.closest('button, [role=option]');
    if (!clicked) return;
    clearNotice();
    if (clicked === save) actions.toggleSave(id);
    else if (clicked === tagButton) openEditor(editor?.panel.hidden !== false);
    else if (editor?.panel.contains(clicked)) editor.clicked(clicked);
    else if ((clicked as HTMLElement).dataset.tag) actions.removeTag(id, (clicked as HTMLElement).dataset.tag!);
  });
  root.addEventListener('keydown', (event) => {
    if (!trusted(event) || !editor || event.target !== editor.input) return;
    if (editor.key(event as KeyboardEvent)) event.preventDefault();
  });
  root.addEventListener('input', (event) => {
    if (trusted(event) && editor && event.target === editor.input) editor.typed(view.tags);
  });

  function renderMark() {
    setLabel(mark, seenMarks ? seenLabel(view, lastNow) : '');
  }

  return {
    id,
    host,
    render(next, now) {
      const previous = view;
      view = next;
      lastNow = now;
      // Only what changed is written: a listing's state answer re-renders every control, most unchanged,
      // and each write would be a DOM mutation for the next frame to restyle.
      renderMark();
      if (previous.saved === next.saved && sameTags(previous.tags, next.tags)) return;
      bar.toggleAttribute('data-touched', next.saved || next.tags.length > 0);
      save.setAttribute('aria-pressed', String(next.saved));
      const label = next.saved ? SAVED_LABEL : SAVE_LABEL;
      save.setAttribute('aria-label', label);
      setLabel(save.firstElementChild!, label);
      const chipNodes = next.tags.map((tag) => {
        const chip = element(doc, 'span', 'chip');
        const remove = button(doc, 'remove', `Remove tag ${tag}`, '×');
        remove.dataset.tag = tag;
        chip.append(Object.assign(element(doc, 'span', undefined, tag), { dir: 'auto' }), remove);
        return chip;
      });
      chips.replaceChildren(...chipNodes);
      editor?.typed(next.tags);
    },
    notify(message) {
      if (!notice) {
        notice = element(doc, 'span', 'error notice');
        notice.setAttribute('role', 'status');
        bar.append(notice);
      }
      clearNotice();
      setLabel(notice, message);
      noticeTimer = doc.defaultView?.setTimeout(clearNotice, NOTICE_MS);
    },
    setTheme(theme) {
      host.setAttribute('data-theme', theme);
    },
    setDimmed(dim) {
      bar.toggleAttribute('data-dimmed', dim);
    },
    showSeenMarks(show) {
      if (show === seenMarks) return;
      seenMarks = show;
      renderMark();
    },
  };
}
