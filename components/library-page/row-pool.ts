/**
 * The table's rows in view as plain DOM, kept by hand instead of by Preact: a row scrolled out gives its
 * elements to a row scrolled in, which only gets its text and attributes set. Scrolling then allocates
 * next to nothing (at 50k papers, rendering rows as components allocated ~5 kB a row scrolled in, and
 * the collections that followed were the scroll's long tasks).
 */
import { formatDay } from '@/utils/ui/shared/seen-time';
import { type TableRow, rowAuthors } from '@/utils/ui/library-page/table-rows';

export const rowDomId = (id: string) => `paper-row-${id}`;

interface RowParts {
  element: HTMLDivElement;
  checkbox: HTMLInputElement;
  title: HTMLSpanElement;
  titleText: Text;
  authors: Text;
  published: Text;
  firstSeen: Text;
  lastSeen: Text;
  savedCell: HTMLDivElement;
  saved: HTMLSpanElement;
  readCell: HTMLDivElement;
  read: HTMLSpanElement;
  tags: HTMLDivElement;
  /** What the elements show now. */
  row?: TableRow;
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
  const parts: RowParts = {
    element: row,
    checkbox,
    title,
    titleText: text(title),
    authors: text(authors),
    published: text(cell(row, 'c-date')),
    firstSeen: text(cell(row, 'c-date')),
    lastSeen: text(cell(row, 'c-date')),
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

function fillContent(parts: RowParts, row: TableRow): void {
  parts.element.id = rowDomId(row.id);
  parts.element.dataset.id = row.id;
  parts.checkbox.setAttribute('aria-label', `Select ${row.title}`);
  parts.title.title = row.title;
  setText(parts.titleText, row.title || row.id);
  setText(parts.authors, rowAuthors(row) || row.id);
  setText(parts.published, formatDay(row.publishedAt));
  setText(parts.firstSeen, formatDay(row.firstSeenAt));
  setText(parts.lastSeen, formatDay(row.lastSeenAt));
  showFlag(parts.savedCell, parts.saved, row.savedAt !== undefined ? `Saved ${formatDay(row.savedAt)}` : undefined);
  showFlag(parts.readCell, parts.read, row.readAt !== undefined ? `Read ${formatDay(row.readAt)}` : undefined);
  const tags = row.tags.map((tag) => {
    const chip = element('span', 'tag');
    chip.dir = 'auto';
    chip.textContent = `#${tag}`;
    return chip;
  });
  parts.tags.replaceChildren(...tags);
}

/** Brings `parts` to show `row` at `index`; touches only what differs from what it shows. */
function fill(parts: RowParts, row: TableRow, index: number, selected: boolean, active: boolean): void {
  if (parts.row !== row) fillContent(parts, row);
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
  parts.index = index;
  parts.selected = selected;
  parts.active = active;
  parts.className = className;
}

export const ROW_HEIGHT = 52;
/** Spare rows kept for reuse beyond those in view. */
const SPARE_LIMIT = 64;

export class RowPool {
  /** Rows in the container, by paper id, in display order. */
  private live = new Map<string, RowParts>();
  private readonly spare: RowParts[] = [];

  /** Shows `rows[start..end)` in `container` (which holds nothing else), in order. */
  sync(container: HTMLElement, rows: readonly TableRow[], start: number, end: number, selected: ReadonlySet<string>, activeId: string | undefined): void {
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
      fill(parts, row, at, selected.has(row.id), row.id === activeId);
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
