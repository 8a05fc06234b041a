import { describe, expect, it } from 'vitest';
import { ignoredSummary } from '@/utils/library/sync/sync-text';

describe('ignoredSummary (Stats)', () => {
  it('is empty when nothing was ignored', () => {
    expect(ignoredSummary([], 0)).toBe('');
  });

  it('says one item in the singular, and counts the items not kept in the status', () => {
    expect(ignoredSummary([{ key: 'd:a:0', reason: 'clock ahead by 3 days' }], 1)).toBe(
      "1 item from another browser was ignored: 1 written by a device whose clock is ahead (read once this device's time catches up). Your library is unchanged.",
    );
    expect(ignoredSummary([{ key: 'd:a:0', reason: 'format 3 is newer than this Paperdex reads (1)' }], 1_201)).toBe(
      '1,201 items from another browser were ignored: 1 written by a newer version of Paperdex (update Paperdex here to read it); 1,200 not shown. Your library is unchanged.',
    );
  });
});
