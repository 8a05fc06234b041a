import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { StorageNotice } from '@/components/shared/StorageNotice';
import { RestoreNotice } from '@/components/shared/RestoreNotice';

export interface Tab {
  id: string;
  label: string;
}

interface LibraryLayoutProps {
  /** The page's views: the library first, then the others (Stats, Settings). */
  tabs: readonly Tab[];
  tab: string;
  onTab: (id: string) => void;
  /** The view shown when it is not the library's. */
  view?: ComponentChildren;
  sidebar: ComponentChildren;
  toolbar: ComponentChildren;
  /** Under the toolbar: the bulk bar, the notices. */
  bars: ComponentChildren;
  /** The table, or what to show instead. */
  table: ComponentChildren;
  /** The paper view beside the table, when open. */
  detail?: ComponentChildren;
}

/**
 * Where each part of the library page goes: the head with the tabs, the storage banner, then the active
 * view. In a narrow window (style.css: below 1000 px) the sidebar is a drawer the head's "Filters"
 * button opens (Esc or a click beside it closes it), and the paper view lies over the table.
 */
export function LibraryLayout({ tabs, tab, onTab, view, sidebar, toolbar, bars, table, detail }: LibraryLayoutProps) {
  const active = tabs.find((candidate) => candidate.id === tab);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const library = view === undefined;
  return (
    <div class="library">
      <header class="page-head">
        {library && (
          <button
            type="button"
            class="button sidebar-toggle"
            aria-expanded={sidebarOpen}
            aria-controls="library-sidebar"
            onClick={() => setSidebarOpen(!sidebarOpen)}
          >
            Filters &amp; export
          </button>
        )}
        <h1>Paperdex</h1>
        <nav class="tabs" role="tablist" aria-label="Views">
          {tabs.map((candidate) => (
            <button type="button" role="tab" class="tab" aria-selected={tab === candidate.id} onClick={() => onTab(candidate.id)}>
              {candidate.label}
            </button>
          ))}
        </nav>
      </header>
      <StorageNotice class="banner" />
      <RestoreNotice class="banner" />
      {!library ? (
        // The view is the page's main content (one main landmark on every tab, as axe's landmark rules ask).
        <main class="view">
          <div role="tabpanel" aria-label={active?.label}>
            {view}
          </div>
        </main>
      ) : (
        <div class={`layout${sidebarOpen ? ' sidebar-open' : ''}${detail ? ' detail-open' : ''}`} role="tabpanel" aria-label="Library">
          <div
            class="sidebar-slot"
            id="library-sidebar"
            onKeyDown={(event) => {
              if (event.key === 'Escape' && !event.defaultPrevented && sidebarOpen) setSidebarOpen(false);
            }}
          >
            {sidebar}
          </div>
          {sidebarOpen && <div class="scrim" aria-hidden="true" onClick={() => setSidebarOpen(false)} />}
          <main class="main">
            {toolbar}
            {bars}
            {table}
          </main>
          {detail}
        </div>
      )}
    </div>
  );
}

/** Instead of the table, when the library has no paper at all. */
export function EmptyLibrary() {
  return (
    <div class="empty">
      <h2>Your library is empty</h2>
      <p>
        Browse{' '}
        <a href="https://huggingface.co/papers" target="_blank" rel="noopener noreferrer">
          Hugging Face Papers
        </a>{' '}
        or arXiv listings (such as{' '}
        <a href="https://arxiv.org/list/cs.LG/recent" target="_blank" rel="noopener noreferrer">
          cs.LG recent
        </a>
        ): every paper you are shown lands here. Or import a Paperdex export or a list of arXiv ids.
      </p>
    </div>
  );
}
