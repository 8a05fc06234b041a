/**
 * The library page's actions as test doubles (no database): every method a `vi.fn` that resolves as a
 * write that changed nothing would, for a test to replace with what it needs (`mockRejectedValueOnce`…).
 */
import { type Mocked, vi } from 'vitest';
import type { LibraryActions } from '@/components/library-page/actions';
import { DEFAULT_SETTINGS } from '@/utils/library/settings';

const NO_CHANGE = { changed: 0, skipped: 0 };

export function fakeActions(): Mocked<LibraryActions> {
  return {
    setSaved: vi.fn(async () => undefined),
    setRead: vi.fn(async () => undefined),
    addTag: vi.fn(async () => undefined),
    removeTag: vi.fn(async () => undefined),
    setNote: vi.fn(async () => undefined),
    bulkSetSaved: vi.fn(async () => NO_CHANGE),
    bulkSetRead: vi.fn(async () => NO_CHANGE),
    bulkAddTag: vi.fn(async () => NO_CHANGE),
    bulkRemoveTag: vi.fn(async () => NO_CHANGE),
    deletePapers: vi.fn(async () => []),
    restorePapers: vi.fn(async () => 0),
    renameTag: vi.fn(async (_from: string, to: string) => ({ changed: 0, tag: to, merged: false })),
    deleteTag: vi.fn(async () => ({ changed: 0, merged: false })),
    setDimSeen: vi.fn(async (dimSeen: boolean) => ({ ...DEFAULT_SETTINGS, dimSeen })),
    setCardControls: vi.fn(async () => DEFAULT_SETTINGS),
    applyRetention: vi.fn(async () => ({ removed: 0, tombstonesDropped: 0 })),
    mergePendingCaptures: vi.fn(async () => undefined),
    recoverDrafts: vi.fn(async () => ''),
    exportLibrary: vi.fn(async () => ({ blob: new Blob([]), fileName: 'paperdex.json', count: 0 })),
    importLibraryFile: vi.fn(async () => ({ ok: false as const, error: 'not in this test' })),
  };
}

/** An error as the app's own checks throw it (its message is what the user is told). */
export const refused = (message: string) => new Error(message);

/** What IndexedDB throws when the disk is full. */
export const diskFull = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
