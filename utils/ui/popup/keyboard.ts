/**
 * The popup's keys, as a pure function of the key and where the focus is:
 * - in the search box: ↓ goes to the results, Enter opens the highlighted result, Esc clears;
 * - on a result: ↑/↓ (Home/End) move, Enter or o opens, s saves, t tags, r marks read, Esc clears the
 *   search, `/` or any other letter goes back to typing;
 * - on a result or a control in it: ←/→ move between the result's controls (star, links, tag, read,
 *   tag chips): a roving tabindex keeps only the current result's controls in the Tab order;
 * - anywhere: Ctrl/⌘+S saves the highlighted result.
 * Keys pressed while an input method composes (CJK) are never actions.
 */

export type KeyAction =
  | 'next'
  | 'previous'
  | 'first'
  | 'last'
  | 'open'
  | 'open-in-background'
  | 'save'
  | 'tag'
  | 'read'
  | 'clear'
  | 'type'
  | 'control-next'
  | 'control-previous';

/** Where the key was pressed: the search box, a result row itself, or a control inside a result. */
export type KeyPlace = 'search' | 'result' | 'control';

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  isComposing?: boolean;
}

const RESULT_KEYS: Record<string, KeyAction> = {
  ArrowDown: 'next',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
  o: 'open',
  s: 'save',
  t: 'tag',
  r: 'read',
  Escape: 'clear',
  '/': 'type',
};

export function keyAction(press: KeyPress, place: KeyPlace, queryEmpty: boolean): KeyAction | undefined {
  if (press.isComposing || press.key === 'Process') return undefined;
  const command = press.ctrlKey || press.metaKey;
  if (command && !press.altKey && press.key.toLowerCase() === 's') return 'save';
  if (command || press.altKey) return undefined;
  if (press.key === 'Enter') {
    if (place === 'control') return undefined; // the focused button or link does its own thing
    return press.shiftKey ? 'open-in-background' : 'open';
  }
  if (place === 'search') {
    if (press.key === 'ArrowDown') return 'next';
    if (press.key === 'Escape') return queryEmpty ? undefined : 'clear';
    return undefined;
  }
  if (press.key === 'ArrowRight') return 'control-next';
  if (press.key === 'ArrowLeft') return 'control-previous';
  if (place === 'control') return press.key === 'Escape' ? 'clear' : undefined;
  const bound = Object.hasOwn(RESULT_KEYS, press.key) ? RESULT_KEYS[press.key] : undefined;
  if (bound) return bound;
  // Any other printable character: back to the search box, which receives it.
  return [...press.key].length === 1 && press.key !== ' ' ? 'type' : undefined;
}
