/**
 * The table's rows in view as plain DOM, kept by hand instead of by Preact: a row scrolled out gives its
 * elements to a row scrolled in, which only gets its text and attributes set. Scrolling then allocates
 * next to nothing (at 50k papers, rendering rows as components allocated ~5 kB a row scrolled in, and
 * the collections that followed were the scroll's long tasks).
 */
import type { DateKey } from '@/utils/ui/library-page/sort-filter';
import { formatDay, seenAgo } from '@/utils/ui/shared/seen-time';
import { highlightPieces } from '@/utils/ui/shared/highlight';
import { type TableRow, neverSeen, rowAuthors } from '@/utils/ui/library-page/table-rows';

export const rowDomId = (id: string) => `paper-row-${id}`;

/** What every row shows the same way: which date, relative to when, and the searched words. */
export interface RowView {
  /** The date in the one date column (the one the list is sorted by, else last seen). */
  dateKey: DateKey;
  now: number;
  /** Folded words the search matched: marked in titles and authors. */
  terms: ReadonlySet<string>;
}

export const PLAIN_VIEW: RowView = { dateKey: 'lastSeen', now: 0, terms: new Set() };

/** The date column's text: relative for a sighting ("3 h ago"), a day for a publication or a save. */
export function rowDate(row: TableRow, view: RowView): string {
  switch (view.dateKey) {
    case 'published':
      return formatDay(row.publishedAt);
    case 'saved':
      return row.savedAt === undefined ? '' : seenAgo(row.savedAt, view.now);
    case 'firstSeen':
      return neverSeen(row) ? '' : seenAgo(row.firstSeenAt, view.now);
    case 'lastSeen':
      return neverSeen(row) ? '' : seenAgo(row.lastSeenAt, view.now);
  }
}

interface RowParts {
  element: HTMLDivElement;
  checkbox: HTMLInputElement;
  title: HTMLSpanElement;
  authors: HTMLSpanElement;
  dateCell: HTMLDivElement;
  date: Text;
  savedCell: HTMLDivElement;
  saved: HTMLSpanElement;
  readCell: HTMLDivElement;
  read: HTMLSpanElement;
  tags: HTMLDivElement;
  /** What the elements show now. */
  row?: TableRow;
  view?: RowView;
  index: number;
  selected: boolean;
  active: boolean;
  className: string;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent?: HTMLElement): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  if (className) made.className = className;
  parent?.append(made);
  return made;
}

function cell(row: HTMLElement, className: string): HTMLDivElement {
  const made = element('div', `cell ${className}`, row);
  made.setAttribute('role', 'gridcell');
  return made;
}

function text(parent: HTMLElement): Text {
  const node = document.createTextNode('');
  parent.append(node);
  return node;
}

/** "★ saved" / "✓ read" marks: one element per row, attached only when the paper is saved (read). */
function flag(className: string, symbol: string, label: string): HTMLSpanElement {
  const made = element('span', `flag ${className}`);
  made.append(symbol);
  element('span', 'visually-hidden', made).textContent = ` ${label}`;
  return made;
}

function makeRow(): RowParts {
  const row = element('div', 'row');
  row.setAttribute('role', 'row');
  const checkbox = element('input', '', cell(row, 'c-select'));
  checkbox.type = 'checkbox';
  checkbox.tabIndex = -1;
  const titleCell = cell(row, 'c-title');
  // Page text is isolated (dir=auto): its direction controls or right-to-left letters can't reorder the row.
  const title = element('span', 'title', titleCell);
  title.dir = 'auto';
  const authors = element('span', 'authors', titleCell);
  authors.dir = 'auto';
  const dateCell = cell(row, 'c-date');
  const parts: RowParts = {
    element: row,
    checkbox,
    title,
    authors,
    dateCell,
    date: text(dateCell),
    savedCell: cell(row, 'c-flag'),
    saved: flag('saved', '★', 'saved'),
    readCell: cell(row, 'c-flag'),
    read: flag('read', '✓', 'read'),
    tags: cell(row, 'c-tags'),
    index: -1,
    selected: false,
    active: false,
    className: 'row',
  };
  return parts;
}

const setText = (node: Text, value: string) => {
  if (node.data !== value) node.data = value;
};

function showFlag(cellElement: HTMLElement, mark: HTMLElement, title: string | undefined): void {
  if (title === undefined) {
    if (mark.parentNode) mark.remove();
    return;
  }
  mark.title = title;
  if (!mark.parentNode) cellElement.append(mark);
}

/** `element` shows `text`, the searched words in <mark> (built from text pieces, never parsed as HTML). */
function showText(element: HTMLElement, text: string, terms: ReadonlySet<string>): void {
  const pieces = highlightPieces(text, terms);
  if (pieces.length === 1 && !pieces[0]!.hit) {
    const only = element.firstChild;
    if (only && only === element.lastChild && only.nodeType === Node.TEXT_NODE) setText(only as Text, text);
    else element.textContent = text;
    return;
  }
  element.replaceChildren(
    ...pieces.map((piece) => {
      if (!piece.hit) return piece.text;
      const mark = document.createElement('mark');
      mark.textContent = piece.text;
      return mark;
    }),
  );
}

function fillContent(parts: RowParts, row: TableRow, view: RowView): void {
  parts.element.id = rowDomId(row.id);
  parts.element.dataset.id = row.id;
  // A paper saved by id before any page showed it has no title yet: its id stands in, once (as in the popup).
  const untitled = row.title.trim() === '';
  const title = untitled ? `arXiv ${row.id}` : row.title;
  parts.checkbox.setAttribute('aria-label', `Select ${title}`);
  parts.title.title = title;
  parts.title.classList.toggle('untitled', untitled);
  showText(parts.title, title, view.terms);
  const authors = rowAuthors(row);
  if (neverSeen(row)) showText(parts.authors, `Added by id · ${seenAgo(row.firstSeenAt, view.now)}`, PLAIN_VIEW.terms);
  else showText(parts.authors, authors, view.terms);
  setText(parts.date, rowDate(row, view));
  showFlag(parts.savedCell, parts.saved, row.savedAt !== undefined ? `Saved ${formatDay(row.savedAt)}` : undefined);
  showFlag(parts.readCell, parts.read, row.readAt !== undefined ? `Read ${formatDay(row.readAt)}` : undefined);
  const tags = row.tags.map((tag) => {
    const chip = element('span', 'tag-chip');
    chip.dir = 'auto';
    chip.textContent = `#${tag}`;
    return chip;
  });
  parts.tags.replaceChildren(...tags);
}

/** Brings `parts` to show `row` at `index`; touches only what differs from what it shows. */
function fill(parts: RowParts, row: TableRow, index: number, selected: boolean, active: boolean, view: RowView): void {
  if (parts.row !== row || parts.view !== view) fillContent(parts, row, view);
  if (parts.index !== index) {
    parts.element.style.top = `${index * ROW_HEIGHT}px`;
    parts.element.setAttribute('aria-rowindex', String(index + 2));
  }
  if (parts.selected !== selected || parts.row !== row) {
    parts.element.setAttribute('aria-selected', selected ? 'true' : 'false');
    parts.checkbox.checked = selected;
  }
  const className = `row${selected ? ' selected' : ''}${active ? ' active' : ''}${row.readAt !== undefined ? ' read' : ''}`;
  if (parts.className !== className) parts.element.className = className;
  parts.row = row;
  parts.view = view;
  parts.index = index;
  parts.selected = selected;
  parts.active = active;
  parts.className = className;
}

/** Room for a title on two lines and the authors under it. */
export const ROW_HEIGHT = 64;
/** Spare rows kept for reuse beyond those in view. */
const SPARE_LIMIT = 64;

export class RowPool {
  /** Rows in the container, by paper id, in display order. */
  private live = new Map<string, RowParts>();
  private readonly spare: RowParts[] = [];

  /** Shows `rows[start..end)` in `container` (which holds nothing else), in order. */
  sync(container: HTMLElement, rows: readonly TableRow[], start: number, end: number, selected: ReadonlySet<string>, activeId: string | undefined, view: RowView = PLAIN_VIEW): void {
    const kept: (RowParts | undefined)[] = [];
    for (let at = start; at < end; at++) {
      const id = rows[at]!.id;
      kept.push(this.live.get(id));
      this.live.delete(id);
    }
    // What scrolled out leaves the DOM first, so the rows that stay are never moved.
    for (const parts of this.live.values()) {
      parts.element.remove();
      this.spare.push(parts);
    }
    const next = new Map<string, RowParts>();
    kept.forEach((parts, offset) => next.set(rows[start + offset]!.id, parts ?? this.spare.pop() ?? makeRow()));
    this.spare.length = Math.min(this.spare.length, SPARE_LIMIT);
    this.live = next;

    let cursor = container.firstChild;
    let at = start;
    for (const parts of next.values()) {
      const row = rows[at]!;
      fill(parts, row, at, selected.has(row.id), row.id === activeId, view);
      if (parts.element === cursor) cursor = cursor.nextSibling;
      else container.insertBefore(parts.element, cursor);
      at++;
    }
    while (cursor) {
      const after = cursor.nextSibling;
      cursor.remove();
      cursor = after;
    }
  }
}
