import { describe, expect, it } from 'vitest';
import { keyAction, type KeyPlace, type KeyPress } from '@/utils/ui/popup/keyboard';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ...extra });

describe('keyAction', () => {
  it.each<[string, KeyPress, KeyPlace, boolean, ReturnType<typeof keyAction>]>([
    // in the search box: typing is typing
    ['↓ goes to the results', press('ArrowDown'), 'search', false, 'next'],
    ['↑ does nothing', press('ArrowUp'), 'search', false, undefined],
    ['Enter opens the highlighted result', press('Enter'), 'search', false, 'open'],
    ['Shift+Enter opens it in the background', press('Enter', { shiftKey: true }), 'search', false, 'open-in-background'],
    ['letters are typed', press('s'), 'search', false, undefined],
    ['t is typed', press('t'), 'search', false, undefined],
    ['Esc clears a query', press('Escape'), 'search', false, 'clear'],
    ['Esc with no query is left to the browser', press('Escape'), 'search', true, undefined],
    ['Ctrl+S saves', press('s', { ctrlKey: true }), 'search', false, 'save'],
    ['⌘+S saves', press('s', { metaKey: true }), 'search', false, 'save'],
    ['Ctrl+Shift+S too', press('S', { ctrlKey: true, shiftKey: true }), 'search', false, 'save'],
    ['Ctrl+Alt+S is not ours', press('s', { ctrlKey: true, altKey: true }), 'search', false, undefined],
    ['Enter while composing CJK is not ours', press('Enter', { isComposing: true }), 'search', false, undefined],
    ['IME process key', press('Process'), 'result', false, undefined],
    // on a result
    ['↓ moves down', press('ArrowDown'), 'result', false, 'next'],
    ['↑ moves up', press('ArrowUp'), 'result', false, 'previous'],
    ['Home', press('Home'), 'result', false, 'first'],
    ['End', press('End'), 'result', false, 'last'],
    ['Enter opens', press('Enter'), 'result', false, 'open'],
    ['o opens', press('o'), 'result', false, 'open'],
    ['s saves', press('s'), 'result', false, 'save'],
    ['t tags', press('t'), 'result', false, 'tag'],
    ['r marks read', press('r'), 'result', false, 'read'],
    ['Esc clears', press('Escape'), 'result', true, 'clear'],
    ['/ goes back to the search box', press('/'), 'result', false, 'type'],
    ['another letter is typed into the search box', press('x'), 'result', false, 'type'],
    ['S (shifted) is a letter to type', press('S', { shiftKey: true }), 'result', false, 'type'],
    ['a CJK character is typed', press('注'), 'result', false, 'type'],
    ['an emoji is typed', press('🙂'), 'result', false, 'type'],
    ['space is not typed (it scrolls)', press(' '), 'result', false, undefined],
    ['Tab is left alone', press('Tab'), 'result', false, undefined],
    ['Ctrl+C is left alone', press('c', { ctrlKey: true }), 'result', false, undefined],
    // on a button or link inside a result
    ['Enter clicks the button', press('Enter'), 'control', false, undefined],
    ['s is not a shortcut there', press('s'), 'control', false, undefined],
    ['Ctrl+S still saves', press('s', { ctrlKey: true }), 'control', false, 'save'],
    ['Esc clears', press('Escape'), 'control', false, 'clear'],
    // between a result's controls
    ['→ on a result goes to its first control', press('ArrowRight'), 'result', false, 'control-next'],
    ['← on a result goes to its last control', press('ArrowLeft'), 'result', false, 'control-previous'],
    ['→ on a control goes to the next', press('ArrowRight'), 'control', false, 'control-next'],
    ['← on a control goes to the previous', press('ArrowLeft'), 'control', false, 'control-previous'],
    ['← and → in the search box move the caret', press('ArrowLeft'), 'search', false, undefined],
    ['Alt+← is the browser’s', press('ArrowLeft', { altKey: true }), 'result', false, undefined],
  ])('%s', (_, key, place, queryEmpty, expected) => {
    expect(keyAction(key, place, queryEmpty)).toBe(expected);
  });
});
