import { Icon } from '../shared/Icon';

/** The way to the library page, in the popup's header: an icon and the word. */
export function LibraryLink() {
  // An extension page: a link with a target opens it in a new tab, from the popup too.
  return (
    <a class="button library-link" href="/library.html" target="_blank" title="Open the library page">
      <Icon name="papers" />
      Library
    </a>
  );
}
