import { Icon } from '../shared/Icon';

/** The keys, in one line at the bottom of the popup, and the way to the library page. */
export function HelpLine() {
  return (
    <footer class="help" aria-label="Keyboard shortcuts">
      <span><kbd>↑</kbd><kbd>↓</kbd> move</span>
      <span><kbd>↵</kbd> open</span>
      <span><kbd>s</kbd> save</span>
      <span><kbd>t</kbd> tag</span>
      <span><kbd>r</kbd> read</span>
      <span><kbd>esc</kbd> clear</span>
      {/* An extension page: a link with a target opens it in a new tab, from the popup too. */}
      <a class="help-library" href="/library.html" target="_blank" aria-label="Library" title="Open the library page">
        <Icon name="papers" />
      </a>
    </footer>
  );
}
