/**
 * A card control's tag entry: a panel over the page with the field, an Add button and the library's tags
 * as suggestion pills, ranked as in the popup (`suggestTags`). ↑/↓ pick a suggestion, Enter adds (the
 * picked one, else what was typed), Tab completes, Esc closes. Plain DOM, like the rest of the control;
 * what it shows of the library (the suggestions, a refusal) is generated content, never text nodes.
 */
import { suggestTags, type TagCount } from '../shared/tag-suggestions';

/** Suggestions shown at once (as in the popup). */
const SUGGESTIONS = 6;

export interface TagEntry {
  panel: HTMLElement;
  input: HTMLInputElement;
  /** Opened again: no refusal, nothing picked. */
  reset(): void;
  /** The library's tags, most used first (asked when the entry opens). */
  setLibraryTags(tags: readonly string[], cardTags: readonly string[]): void;
  /** The field or the card's tags changed: suggest again. */
  typed(cardTags: readonly string[]): void;
  /** A key in the field; true when the entry used it. */
  key(event: KeyboardEvent): boolean;
  /** A click inside the panel (Add, or a suggestion). */
  clicked(target: Element): void;
  showError(message: string): void;
}

export interface TagEntryActions {
  /** Adds a tag; resolves to whether it was added. */
  submit(tag: string): Promise<boolean>;
  close(): void;
}

export function createTagEntry(doc: Document, root: ShadowRoot, actions: TagEntryActions): TagEntry {
  const label = (node: Element, text: string) => node.setAttribute('data-label', text);
  const panel = doc.createElement('div');
  panel.className = 'panel';
  panel.hidden = true;
  const row = doc.createElement('div');
  row.className = 'entry';
  const input = doc.createElement('input');
  input.type = 'text';
  input.maxLength = 60;
  input.placeholder = 'Add tag…';
  input.setAttribute('aria-label', 'Add tag');
  input.setAttribute('autocomplete', 'off');
  input.spellcheck = false;
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  const add = doc.createElement('button');
  add.type = 'button';
  add.className = 'add';
  add.setAttribute('aria-label', 'Add');
  label(add, 'Add');
  row.append(input, add);
  const list = doc.createElement('ul');
  list.className = 'suggestions';
  list.id = 'paperdex-tag-suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Tag suggestions');
  input.setAttribute('aria-controls', list.id);
  const error = doc.createElement('span');
  error.className = 'error';
  error.setAttribute('role', 'status');
  label(error, '');
  panel.append(row, list, error);
  root.append(panel);

  let counts: TagCount[] = [];
  let shown: string[] = [];
  let picked = -1;
  let cardTagsNow: readonly string[] = [];

  function pick(at: number) {
    picked = at;
    list.querySelectorAll('[role=option]').forEach((option, index) => option.setAttribute('aria-selected', String(index === at)));
    if (at >= 0) input.setAttribute('aria-activedescendant', `paperdex-tag-${at}`);
    else input.removeAttribute('aria-activedescendant');
  }

  function suggest(cardTags: readonly string[] = cardTagsNow) {
    cardTagsNow = cardTags;
    const next = suggestTags(input.value, counts, cardTags, SUGGESTIONS);
    if (next.length === shown.length && next.every((tag, at) => tag === shown[at])) return;
    shown = next;
    list.replaceChildren(
      ...next.map((tag, at) => {
        const option = doc.createElement('li');
        option.id = `paperdex-tag-${at}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.suggestion = tag;
        label(option, tag);
        // Its name for assistive tools that don't read generated content (axe among them).
        option.setAttribute('aria-label', `#${tag}`);
        return option;
      }),
    );
    input.setAttribute('aria-expanded', String(next.length > 0));
    pick(-1);
  }

  async function submit(tag: string) {
    if (await actions.submit(tag)) {
      input.value = '';
      pick(-1);
    }
  }

  return {
    panel,
    input,
    reset() {
      label(error, '');
      pick(-1);
    },
    setLibraryTags(tags, cardTags) {
      // The background sends them most used first; suggestTags keeps that order within each rank.
      counts = tags.map((tag) => ({ tag, count: 0 }));
      shown = [];
      suggest(cardTags);
    },
    typed(cardTags) {
      label(error, '');
      suggest(cardTags);
    },
    key(event) {
      if (event.isComposing) return false;
      const count = shown.length;
      switch (event.key) {
        case 'ArrowDown':
          if (count) pick((picked + 1) % count);
          return true;
        case 'ArrowUp':
          if (count) pick(picked <= 0 ? count - 1 : picked - 1);
          return true;
        case 'Enter':
          void submit(picked >= 0 ? shown[picked]! : input.value);
          return true;
        case 'Tab': {
          const completion = shown[Math.max(picked, 0)];
          if (!input.value.trim() || !completion || completion === input.value) return false;
          input.value = completion;
          suggest();
          return true;
        }
        case 'Escape':
          actions.close();
          return true;
        default:
          return false;
      }
    },
    clicked(target) {
      const suggestion = (target as HTMLElement).dataset.suggestion;
      if (suggestion) void submit(suggestion);
      else if (target === add) void submit(input.value);
    },
    showError(message) {
      label(error, message);
    },
  };
}
