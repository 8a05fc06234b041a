import type { Ref } from 'preact';
import { Icon } from './Icon';

interface SearchBoxProps {
  value: string;
  onInput: (value: string) => void;
  inputRef: Ref<HTMLInputElement>;
}

/** The search field; focused when the popup opens. Keys are handled by the popup as a whole. */
export function SearchBox({ value, onInput, inputRef }: SearchBoxProps) {
  return (
    <div class="search">
      <Icon name="search" class="search-icon" />
      <input
        ref={inputRef}
        type="search"
        aria-label="Search papers"
        placeholder="Search by title, author, tag or arXiv id"
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        autocomplete="off"
        spellcheck={false}
        enterkeyhint="go"
      />
    </div>
  );
}
