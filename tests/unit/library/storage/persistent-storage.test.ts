import { describe, expect, it, vi } from 'vitest';
import { requestPersistentStorage } from '@/utils/library/storage/persistent-storage';

const storage = (persisted: boolean, grant: boolean | Error) => ({
  persisted: vi.fn(async () => persisted),
  persist: vi.fn(async () => {
    if (grant instanceof Error) throw grant;
    return grant;
  }),
});

describe('requestPersistentStorage', () => {
  it('asks the browser when storage is not persistent yet, and reports its answer', async () => {
    const granted = storage(false, true);
    expect(await requestPersistentStorage(granted)).toBe(true);
    expect(granted.persist).toHaveBeenCalledTimes(1);
    const declined = storage(false, false);
    expect(await requestPersistentStorage(declined)).toBe(false);
    expect(declined.persist).toHaveBeenCalledTimes(1);
  });

  it('does not ask again once it is persistent', async () => {
    const already = storage(true, true);
    expect(await requestPersistentStorage(already)).toBe(true);
    expect(already.persist).not.toHaveBeenCalled();
  });

  it('a browser without a StorageManager, or one that throws, is not an error', async () => {
    expect(await requestPersistentStorage(undefined)).toBeUndefined();
    expect(await requestPersistentStorage(storage(false, new Error('SecurityError')))).toBeUndefined();
  });
});
