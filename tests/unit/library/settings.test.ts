import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperdexDB } from '@/utils/library/schema';
import { DEFAULT_SETTINGS, parseSettings, readSettings, updateSettings } from '@/utils/library/settings';

describe('parseSettings', () => {
  it.each([
    ['nothing stored', undefined, DEFAULT_SETTINGS],
    ['not an object', 'dimSeen', DEFAULT_SETTINGS],
    ['valid values', { dimSeen: true, retentionDays: 30 }, { dimSeen: true, retentionDays: 30 }],
    ['forever', { retentionDays: null }, { dimSeen: false, retentionDays: null }],
    ['wrong types fall back', { dimSeen: 'yes', retentionDays: '30' }, DEFAULT_SETTINGS],
    ['retention too short', { retentionDays: 1 }, DEFAULT_SETTINGS],
    ['retention not whole days', { retentionDays: 30.5 }, DEFAULT_SETTINGS],
  ])('%s', (_name, stored, expected) => {
    expect(parseSettings(stored)).toEqual(expected);
  });
});

describe('settings in the library', () => {
  let db: PaperdexDB;
  beforeEach(() => {
    db = new PaperdexDB(`settings-${Math.random()}`);
  });
  afterEach(() => db.delete());

  it('reads defaults from an empty library and keeps what was changed', async () => {
    expect(await readSettings(db)).toEqual(DEFAULT_SETTINGS);
    expect(await updateSettings(db, { dimSeen: true })).toEqual({ dimSeen: true, retentionDays: null });
    expect(await updateSettings(db, { retentionDays: 90 })).toEqual({ dimSeen: true, retentionDays: 90 });
    expect(await readSettings(db)).toEqual({ dimSeen: true, retentionDays: 90 });
  });

  it('rejects an invalid value and changes nothing', async () => {
    await updateSettings(db, { retentionDays: 30 });
    await expect(updateSettings(db, { retentionDays: 2 })).rejects.toThrow(/between 7 and 36500 days/);
    await expect(updateSettings(db, { dimSeen: 'on' as unknown as boolean })).rejects.toThrow();
    expect(await readSettings(db)).toEqual({ dimSeen: false, retentionDays: 30 });
  });

  it('keeps fields a newer version wrote', async () => {
    await db.settings.put({ key: 'settings', dimSeen: true, futureOption: 'x' });
    await updateSettings(db, { retentionDays: 60 });
    expect(await db.settings.get('settings')).toMatchObject({ futureOption: 'x', dimSeen: true, retentionDays: 60 });
  });
});
