import type { Ref } from 'preact';
import { Icon } from './Icon';

interface SearchBoxProps {
  value: string;
  onInput: (value: string) => void;
  inputRef: Ref<HTMLInputElement>;
  /** The hint in the empty field (the popup's is shorter: its header also holds the Library link). */
  placeholder?: string;
}

/** The search field; focused when the popup opens. Keys are handled by the popup as a whole. */
export function SearchBox({ value, onInput, inputRef, placeholder = 'Search by title, author, tag or arXiv id' }: SearchBoxProps) {
  return (
    <div class="search">
      <Icon name="search" class="search-icon" />
      <input
        ref={inputRef}
        type="search"
        aria-label="Search papers"
        placeholder={placeholder}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        autocomplete="off"
        spellcheck={false}
        enterkeyhint="go"
      />
    </div>
  );
}
