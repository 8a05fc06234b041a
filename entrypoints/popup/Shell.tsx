/**
 * The popup as first painted from the snapshot of the last open's recent list, by the entry script
 * alone (Preact and the list components, no database or search code). Same markup as `App` with that
 * snapshot; `App` replaces it, in the same task, once it is loaded. Actions wait for `App`.
 */
import { useRef, useState } from 'preact/hooks';
import { Filters } from '@/components/Filters';
import { HelpLine } from '@/components/HelpLine';
import type { PaperActions } from '@/components/PaperItem';
import { ResultList } from '@/components/ResultList';
import { SearchBox } from '@/components/SearchBox';
import type { PaperRow } from '@/utils/search/paper-row';
import { ALL_PAPERS } from '@/utils/popup/library-view';

const nothing = () => {};
const NO_ACTIONS: PaperActions = {
  toggleSaved: nothing,
  toggleRead: nothing,
  addTag: () => Promise.resolve(),
  removeTag: nothing,
  showTag: nothing,
  editTags: nothing,
  select: nothing,
};
const NO_TERMS: ReadonlySet<string> = new Set();

export function Shell({ papers }: { papers: PaperRow[] }) {
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  return (
    <div class="popup">
      <header class="top">
        <SearchBox value={query} onInput={setQuery} inputRef={searchRef} />
        <Filters filter={ALL_PAPERS} onChange={nothing} tags={[]} status={undefined} />
      </header>
      <main class="body">
        <ResultList
          papers={papers}
          query=""
          busy={query !== ''}
          listKey="recent||all"
          grouped
          active={0}
          highlightTerms={NO_TERMS}
          now={Date.now()}
          tagCounts={[]}
          editingTagsOf={undefined}
          actions={NO_ACTIONS}
          listRef={listRef}
          fromSnapshot
        />
      </main>
      <HelpLine />
    </div>
  );
}
