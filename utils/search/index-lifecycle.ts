/**
 * The stored search index's one lifecycle, for every context that searches (the popup, the library
 * page, the omnibox): open it once (restored, or built), catch it up when the library changed (the
 * change feed), and store it `SAVE_INDEX_AFTER_MS` after the last change it took in (one write for a
 * burst of changes, none while nothing changed). Loads no search code itself: `open` is the caller's.
 */

/** After the index took in changes, it is stored this much later (once, however many changes). */
export const SAVE_INDEX_AFTER_MS = 1_500;

/** What the lifecycle needs of the index (`LibraryIndex`). */
export interface StoredSearchIndex {
  /** Catches up with the library; resolves to the number of papers changed. */
  refresh(): Promise<number>;
  save(): Promise<void>;
  /** Changes not stored yet. */
  readonly unsaved: boolean;
}

export class IndexLifecycle<I extends StoredSearchIndex> {
  private opening: Promise<I> | undefined;
  private index: I | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly opener: () => Promise<I>,
    private readonly saveAfterMs = SAVE_INDEX_AFTER_MS,
  ) {}

  /** Opens the index (once; again after a failure). A built one, not stored yet, is stored later. */
  open(): Promise<I> {
    this.opening ??= this.opener().then(
      (index) => {
        this.index = index;
        this.saveLater();
        return index;
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }

  /** The index once open. */
  get current(): I | undefined {
    return this.index;
  }

  /**
   * Catches the open index up (`refresh`, or the caller's own catch-up of it) and stores it later when
   * that changed it. Resolves to the papers changed (0 before the index is open).
   */
  async catchUp(refresh: (index: I) => Promise<number> = (index) => index.refresh()): Promise<number> {
    const index = this.index;
    if (!index) return 0;
    const changed = await refresh(index);
    this.saveLater();
    return changed;
  }

  /** Stores the index `saveAfterMs` from now if it has changes not stored (restarting the wait). */
  saveLater(): void {
    const index = this.index;
    if (!index?.unsaved) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void index.save().catch((error: unknown) => console.error('[Paperdex] storing the search index failed', error)), this.saveAfterMs);
  }

  /** Stores the index now if it has changes not stored (the omnibox's freshly built one: the next start restores it). */
  saveNow(): void {
    clearTimeout(this.timer);
    const index = this.index;
    if (index?.unsaved) void index.save().catch((error: unknown) => console.error('[Paperdex] storing the search index failed', error));
  }

  /** Drops the pending save (the view using the index is going away). */
  cancelSave(): void {
    clearTimeout(this.timer);
  }
}
