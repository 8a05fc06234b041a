/**
 * The popup's entry script, kept small: it paints the recent list from the snapshot the last open
 * left (`utils/popup/snapshot`), then loads the popup itself (database, search) and hands over to it.
 * Without a snapshot (first open, or a broken one) the popup waits for the library, as it always did.
 */
import { render } from 'preact';
import { readSnapshot } from '@/utils/popup/snapshot';
import { Shell } from './Shell';
import './style.css';

const root = document.getElementById('app')!;
const snapshot = readSnapshot();
// The snapshot's buttons do nothing by themselves: the last one clicked is clicked again on the
// popup's own markup (the same buttons, in the same order) once it has taken over.
const buttons = () => [...root.querySelectorAll('button')];
let clicked = -1;
const rememberClick = (event: Event) => {
  const button = (event.target as Element | null)?.closest?.('button');
  if (button) clicked = buttons().indexOf(button);
};
if (snapshot) {
  render(<Shell papers={snapshot} />, root);
  root.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
  root.addEventListener('click', rememberClick);
}
const takeOver = () =>
  void import('./start').then(({ start }) => {
    root.removeEventListener('click', rememberClick);
    start(root, snapshot);
    if (clicked >= 0) buttons()[clicked]?.click();
  }, (error: unknown) => console.error('[Paperdex] loading the popup failed', error));
// Evaluating the popup's code (database, search) holds the page for a while: after the snapshot's
// first paint, not before it.
if (snapshot) requestAnimationFrame(() => setTimeout(takeOver, 0));
else takeOver();
