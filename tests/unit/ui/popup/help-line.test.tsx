/**
 * The popup's help line tells the truth: each key it shows does, on a highlighted result, what the
 * line says (the keys themselves are `utils/ui/popup/keyboard.ts`).
 */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { HelpLine } from '@/components/popup/HelpLine';
import { type KeyAction, keyAction } from '@/utils/ui/popup/keyboard';

const KEY_NAMES: Record<string, string> = { '↑': 'ArrowUp', '↓': 'ArrowDown', '↵': 'Enter', esc: 'Escape' };
const ACTIONS: Record<string, KeyAction[]> = { move: ['previous', 'next'], open: ['open'], save: ['save'], tag: ['tag'], read: ['read'], clear: ['clear'] };

const root = document.createElement('div');
afterEach(() => render(null, root));

describe('popup help line', () => {
  it('lists the keys, each doing on a result what it says', () => {
    render(<HelpLine />, root);
    const entries = [...root.querySelectorAll('footer[aria-label="Keyboard shortcuts"] > span')].map((span) => ({
      keys: [...span.querySelectorAll('kbd')].map((kbd) => kbd.textContent!),
      says: span.textContent!.replace(/^.*\s/, ''),
    }));
    expect(entries.map((entry) => entry.says)).toEqual(['move', 'open', 'save', 'tag', 'read', 'clear']);
    for (const { keys, says } of entries) {
      const actions = keys.map((key) => keyAction({ key: KEY_NAMES[key] ?? key }, 'result', false));
      expect(actions, `${keys.join('')} ${says}`).toEqual(ACTIONS[says]);
    }
  });
});
