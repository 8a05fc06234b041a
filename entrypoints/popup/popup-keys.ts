/**
 * The popup's keys (`utils/ui/popup/keyboard.ts` says which key does what where): moving between the
 * search box and the results, and acting on the highlighted or focused result.
 */
import type { RefObject } from 'preact';
import type { PaperActions } from '@/components/popup/PaperItem';
import { keyAction, type KeyPlace } from '@/utils/ui/popup/keyboard';
import { primaryLink } from '@/utils/ui/shared/links';
import type { ResultRow } from '@/utils/search/result-row';

/** Moving the focus: to the result at `at` (or the nearest one rendered: the list renders more as it scrolls), or to the search box. */
export function resultFocus(listRef: RefObject<HTMLUListElement | null>, searchRef: RefObject<HTMLInputElement | null>, setSelected: (at: number) => void) {
  return {
    focusResult: (at: number) => {
      const rows = listRef.current?.querySelectorAll<HTMLElement>('[data-index]');
      if (!rows?.length) return;
      const next = Math.max(0, Math.min(at, rows.length - 1));
      setSelected(next);
      rows[next]!.focus();
    },
    focusSearch: () => searchRef.current?.focus(),
  };
}

/**
 * ←/→ within a result: the focus steps through the row and its controls (buttons and links), in order,
 * wrapping. Only the current row's controls are in the Tab order (PaperItem), so Tab leaves the list.
 */
export function focusControl(row: HTMLElement, from: HTMLElement, by: 1 | -1): void {
  const stops = [row, ...row.querySelectorAll<HTMLElement>('button, a[href]')].filter((stop) => !stop.closest('.tag-editor'));
  const at = Math.max(0, stops.indexOf(from));
  stops[(at + by + stops.length) % stops.length]!.focus();
}

export interface PopupKeysOptions {
  papers: readonly ResultRow[];
  /** The highlighted result (the search box's keys act on it). */
  active: number;
  query: string;
  searchRef: RefObject<HTMLInputElement | null>;
  listRef: RefObject<HTMLUListElement | null>;
  actions: Pick<PaperActions, 'toggleSaved' | 'toggleRead'>;
  openUrl: (url: string, active: boolean) => void;
  setSelected: (at: number) => void;
  editTagsOf: (id: string | undefined) => void;
  clearQuery: () => void;
}

/** The popup's keydown handler. */
export function popupKeys({ papers, active, query, searchRef, listRef, actions, openUrl, setSelected, editTagsOf, clearQuery }: PopupKeysOptions) {
  const { focusResult, focusSearch } = resultFocus(listRef, searchRef, setSelected);

  return (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest('.tag-editor')) return; // the tag field has its own keys
    const row = target.closest<HTMLElement>('[data-index]');
    const place: KeyPlace | undefined = target === searchRef.current ? 'search' : row ? (row === target ? 'result' : 'control') : undefined;
    if (!place) return;
    const action = keyAction(event, place, query === '');
    if (!action) return;
    const at = place === 'search' ? active : Number(row!.dataset.index);
    const paper = papers[at];
    if (action !== 'type') event.preventDefault();
    switch (action) {
      case 'next':
        focusResult(place === 'search' ? at : at + 1);
        break;
      case 'previous':
        if (at === 0) focusSearch();
        else focusResult(at - 1);
        break;
      case 'first':
        focusResult(0);
        break;
      case 'last':
        focusResult(papers.length - 1);
        break;
      case 'open':
      case 'open-in-background': {
        const link = paper && primaryLink(paper);
        if (link) openUrl(link.url, action === 'open');
        break;
      }
      case 'save':
        if (paper) actions.toggleSaved(paper);
        break;
      case 'read':
        if (paper) actions.toggleRead(paper);
        break;
      case 'tag':
        if (paper) {
          setSelected(at);
          editTagsOf(paper.id);
        }
        break;
      case 'clear':
        clearQuery();
        editTagsOf(undefined);
        focusSearch();
        break;
      case 'control-next':
      case 'control-previous':
        focusControl(row!, target, action === 'control-next' ? 1 : -1);
        break;
      case 'type':
        // Back to the search box, which receives the key (but not the `/` that asked for it).
        if (event.key === '/') event.preventDefault();
        focusSearch();
        break;
    }
  };
}
