import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperdexDB } from '@/utils/library/schema';
import { DEFAULT_SETTINGS, parseSettings, readSettings, updateSettings } from '@/utils/library/settings';

const cardControls = DEFAULT_SETTINGS.cardControls;

describe('parseSettings', () => {
  it.each([
    ['nothing stored', undefined, DEFAULT_SETTINGS],
    ['not an object', 'dimSeen', DEFAULT_SETTINGS],
    ['valid values', { dimSeen: true, retentionDays: 30 }, { dimSeen: true, retentionDays: 30, cardControls }],
    ['forever', { retentionDays: null }, { dimSeen: false, retentionDays: null, cardControls }],
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
    expect(await updateSettings(db, { dimSeen: true })).toEqual({ dimSeen: true, retentionDays: null, cardControls });
    expect(await updateSettings(db, { retentionDays: 90 })).toEqual({ dimSeen: true, retentionDays: 90, cardControls });
    expect(await readSettings(db)).toEqual({ dimSeen: true, retentionDays: 90, cardControls });
  });

  it('rejects an invalid value and changes nothing', async () => {
    await updateSettings(db, { retentionDays: 30 });
    await expect(updateSettings(db, { retentionDays: 2 })).rejects.toThrow(/between 7 and 36500 days/);
    await expect(updateSettings(db, { dimSeen: 'on' as unknown as boolean })).rejects.toThrow();
    expect(await readSettings(db)).toEqual({ dimSeen: false, retentionDays: 30, cardControls });
  });

  it('keeps fields a newer version wrote', async () => {
    await db.settings.put({ key: 'settings', dimSeen: true, futureOption: 'x' });
    await updateSettings(db, { retentionDays: 60 });
    expect(await db.settings.get('settings')).toMatchObject({ futureOption: 'x', dimSeen: true, retentionDays: 60 });
  });
});

describe('card controls per site', () => {
  let db: PaperdexDB;
  beforeEach(() => {
    db = new PaperdexDB(`card-controls-${Math.random()}`);
  });
  afterEach(() => db.delete());

  it('shown everywhere by default; a damaged or partial stored value keeps what is valid', () => {
    expect(cardControls).toEqual({ hf: { controls: true, seenMarks: true }, arxiv: { controls: true, seenMarks: true } });
    expect(parseSettings({ cardControls: { hf: { controls: false, seenMarks: 'no' }, other: { controls: false } } }).cardControls).toEqual({
      hf: { controls: false, seenMarks: true },
      arxiv: { controls: true, seenMarks: true },
    });
  });

  it('a change names one site and field; the others are kept', async () => {
    await updateSettings(db, { cardControls: { arxiv: { controls: false } } });
    const settings = await updateSettings(db, { cardControls: { hf: { seenMarks: false } } });
    expect(settings.cardControls).toEqual({ hf: { controls: true, seenMarks: false }, arxiv: { controls: false, seenMarks: true } });
    expect((await readSettings(db)).cardControls).toEqual(settings.cardControls);
  });

  it('refuses an unknown site or field, or a non-boolean, and changes nothing', async () => {
    for (const bad of [{ openreview: { controls: false } }, { hf: { colour: true } }, { hf: { controls: 'off' } }, 'hide']) {
      await expect(updateSettings(db, { cardControls: bad as never })).rejects.toThrow('Unknown card-control setting.');
    }
    expect((await readSettings(db)).cardControls).toEqual(cardControls);
  });
});
