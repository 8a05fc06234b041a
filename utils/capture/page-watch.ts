/**
 * The one MutationObserver of a tab: watches where the site renders its cards and tells the capture
 * (any change of the page) and the card controls (cards coming or going) apart. Paperdex's own controls
 * being mounted are no change. One observer for both: each mutation is delivered and filtered once.
 */
export interface PageWatchOptions {
  document: Document;
  /** Where the cards are rendered (`SiteAdapter.container`); re-read on every `watch()`. */
  container: (document: Document) => Element | null;
  /** Attributes whose changes are page changes (HF's island `data-props`); none by default. */
  attributes?: readonly string[];
  /** Mutations that are no page change (Paperdex's own controls). */
  ignore: (record: MutationRecord) => boolean;
  /** Of the page's changes, those that can add or remove cards (`SiteAdapter.relevantMutation`); default all. */
  cardsChanged?: (record: MutationRecord) => boolean;
  /** The page changed (what is captured may have). */
  onPageChange?: () => void;
  /** Cards may have come or gone (the controls list them again). */
  onCardsChange?: () => void;
}

export interface PageWatch {
  /** Watches the current container (again, if the page replaced it); nothing when there is none. */
  watch(): void;
  stop(): void;
}

export function createPageWatch(options: PageWatchOptions): PageWatch {
  let observed: Element | null = null;
  let stopped = false;
  const observer = new MutationObserver((records) => {
    const changes = records.filter((record) => !options.ignore(record));
    if (!changes.length) return;
    options.onPageChange?.();
    const cards = options.cardsChanged;
    if (changes.some((record) => record.type === 'childList' && (!cards || cards(record)))) options.onCardsChange?.();
  });
  const attributes = options.attributes?.length ? { attributes: true, attributeFilter: [...options.attributes] } : {};
  return {
    watch() {
      if (stopped) return;
      const container = options.container(options.document);
      if (container === observed) return;
      observer.disconnect();
      observed = container;
      if (container) observer.observe(container, { childList: true, subtree: true, ...attributes });
    },
    stop() {
      stopped = true;
      observer.disconnect();
    },
  };
}
