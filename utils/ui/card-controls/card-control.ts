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
import { type CardState, seenLabel, tagSuggestions } from './card-state';
import { CONTROL_CSS } from './style';
import { errorMessage } from '../../messaging/error-message';

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

function button(doc: Document, className: string, label: string, text: string): HTMLButtonElement {
  const node = element(doc, 'button', className, text);
  node.type = 'button';
  node.setAttribute('aria-label', label);
  node.title = label;
  return node;
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
    const save = button(doc, 'save', 'Save to Paperdex', '☆ Save');
    save.setAttribute('aria-pressed', 'false');
    const tag = button(doc, 'tag', 'Tag in Paperdex', '# Tag');
    tag.setAttribute('aria-expanded', 'false');
    bar.append(save, tag, element(doc, 'span', 'chips'), element(doc, 'span', 'mark'));
    fragment.append(bar);
    templates.set(doc, fragment);
  }
  return fragment.cloneNode(true) as DocumentFragment;
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, at) => tag === b[at]);
}

export function createCardControl(
  doc: Document,
  id: string,
  actions: ControlActions,
  theme: ControlTheme,
  trusted: EventTrust = userEventsOnly,
): CardControl {
  const host = doc.createElement(CONTROL_TAG);
  host.setAttribute('data-theme', theme);
  host.setAttribute('data-paper', id);
  const root = host.attachShadow({ mode: 'closed' });
  roots.set(host, root);
  const bar = template(doc).firstElementChild!;
  styleRoot(doc, root);
  root.append(bar);
  const [save, tagButton, chips, mark] = bar.children as unknown as [HTMLButtonElement, HTMLButtonElement, HTMLElement, HTMLElement];
  // What the template shows: not saved, no tags.
  let view: CardState = { saved: false, tags: [], read: false };
  let editor: { box: HTMLElement; input: HTMLInputElement; list: HTMLDataListElement; error: HTMLElement } | undefined;
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

  function buildEditor() {
    const box = element(doc, 'div', 'editor');
    box.hidden = true;
    const input = element(doc, 'input');
    input.type = 'text';
    input.maxLength = 60;
    input.placeholder = 'tag, e.g. to-read';
    input.setAttribute('aria-label', 'New tag');
    input.setAttribute('autocomplete', 'off');
    const list = element(doc, 'datalist');
    list.id = 'paperdex-tags';
    input.setAttribute('list', list.id);
    const add = button(doc, 'add', 'Add tag', 'Add');
    const error = element(doc, 'span', 'error');
    error.setAttribute('role', 'status');
    box.append(input, list, add, error);
    root.append(box);
    editor = { box, input, list, error };
    return editor;
  }

  function openEditor(open: boolean) {
    const parts = editor ?? (open ? buildEditor() : undefined);
    if (!parts) return;
    parts.box.hidden = !open;
    tagButton.setAttribute('aria-expanded', String(open));
    if (!open) {
      tagButton.focus();
      return;
    }
    setLabel(parts.error, '');
    parts.input.focus();
    void actions.libraryTags(id).then(
      (tags) => {
        const options = tagSuggestions(tags, view.tags, '', tags.length).map((tag) => {
          const option = element(doc, 'option');
          option.value = tag;
          return option;
        });
        parts.list.replaceChildren(...options);
      },
      () => {},
    );
  }

  async function submitTag() {
    if (!editor) return;
    const typed = editor.input.value;
    if (!typed.trim()) return;
    setLabel(editor.error, '');
    try {
      await actions.addTag(id, typed);
      editor.input.value = '';
    } catch (error) {
      setLabel(editor.error, errorMessage(error, 'Could not add the tag.'));
    }
  }

  root.addEventListener('click', (event) => {
    if (!trusted(event)) return;
    const target = event.target as Element | null;
    const clicked = target?.closest('button');
    if (!clicked) return;
    clearNotice();
    if (clicked === save) actions.toggleSave(id);
    else if (clicked === tagButton) openEditor(editor?.box.hidden !== false);
    else if (clicked.classList.contains('add')) void submitTag();
    else if (clicked.dataset.tag) actions.removeTag(id, clicked.dataset.tag);
  });
  root.addEventListener('keydown', (event) => {
    if (!trusted(event)) return;
    const key = (event as KeyboardEvent).key;
    if (!editor || event.target !== editor.input) return;
    if (key === 'Enter') {
      event.preventDefault();
      void submitTag();
    } else if (key === 'Escape') {
      event.preventDefault();
      openEditor(false);
    }
  });

  return {
    id,
    host,
    render(next, now) {
      const previous = view;
      view = next;
      // Only what changed is written: a listing's state answer re-renders every control, most unchanged,
      // and each write would be a DOM mutation for the next frame to restyle.
      setLabel(mark, seenLabel(next, now));
      if (previous.saved === next.saved && sameTags(previous.tags, next.tags)) return;
      save.setAttribute('aria-pressed', String(next.saved));
      setLabel(save, next.saved ? '★ Saved' : '☆ Save');
      const chipNodes = next.tags.map((tag) => {
        const chip = element(doc, 'span', 'chip');
        const remove = button(doc, 'remove', `Remove tag ${tag}`, '×');
        remove.dataset.tag = tag;
        chip.append(Object.assign(element(doc, 'span', undefined, tag), { dir: 'auto' }), remove);
        return chip;
      });
      chips.replaceChildren(...chipNodes);
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
  };
}
