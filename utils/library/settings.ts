/**
 * The user's settings, one row in the library's `settings` table. Every read goes through
 * `parseSettings`, so a row written by an older or newer version (or damaged) still yields valid
 * settings: unknown fields are kept on write, invalid ones fall back to their defaults.
 */
import { postLibraryChange } from './feed/feed';
import type { PaperdexDB } from './schema';
import { isRecord } from '../paper/sanitize';

export interface Settings {
  /** Dim cards of papers seen on an earlier visit, so a listing can be skimmed for what is new. */
  dimSeen: boolean;
  /** Keep unsaved, untagged papers this many days after they were last seen; `null` keeps them forever. */
  retentionDays: number | null;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = { dimSeen: false, retentionDays: null };

/** The shortest retention offered: anything shorter would prune papers seen this week. */
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 36_500;

function validRetention(value: unknown): value is number | null {
  return value === null || (Number.isSafeInteger(value) && (value as number) >= MIN_RETENTION_DAYS && (value as number) <= MAX_RETENTION_DAYS);
}

export function parseSettings(value: unknown): Settings {
  if (!isRecord(value)) return { ...DEFAULT_SETTINGS };
  return {
    dimSeen: typeof value.dimSeen === 'boolean' ? value.dimSeen : DEFAULT_SETTINGS.dimSeen,
    retentionDays: validRetention(value.retentionDays) ? value.retentionDays : DEFAULT_SETTINGS.retentionDays,
  };
}

export async function readSettings(db: PaperdexDB): Promise<Settings> {
  return parseSettings(await db.settings.get('settings'));
}

/** Applies the valid fields of `changes`; throws (changing nothing) on an invalid value. */
export async function updateSettings(db: PaperdexDB, changes: Partial<Settings>): Promise<Settings> {
  if (changes.dimSeen !== undefined && typeof changes.dimSeen !== 'boolean') throw new Error('dimSeen must be true or false.');
  if (changes.retentionDays !== undefined && !validRetention(changes.retentionDays)) {
    throw new Error(`Keep papers between ${MIN_RETENTION_DAYS} and ${MAX_RETENTION_DAYS} days, or forever.`);
  }
  const settings = await db.transaction('rw', db.settings, async () => {
    const stored = await db.settings.get('settings');
    const next = { ...(stored ?? {}), ...parseSettings(stored), ...changes, key: 'settings' as const };
    await db.settings.put(next);
    return parseSettings(next);
  });
  // Committed (a top-level transaction resolves after it): views showing settings read them again.
  postLibraryChange({ kind: 'settings' });
  return settings;
}
