/** The keys, in one line at the bottom of the popup (the library page is a link in the header: LibraryLink). */
export function HelpLine() {
  return (
    <footer class="help" aria-label="Keyboard shortcuts">
      <span><kbd>↑</kbd><kbd>↓</kbd> move</span>
      <span><kbd>↵</kbd> open</span>
      <span><kbd>s</kbd> save</span>
      <span><kbd>t</kbd> tag</span>
      <span><kbd>r</kbd> read</span>
      <span><kbd>esc</kbd> clear</span>
    </footer>
  );
}
