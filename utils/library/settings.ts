/**
 * The user's settings, one row in the library's `settings` table. Every read goes through
 * `parseSettings`, so a row written by an older or newer version (or damaged) still yields valid
 * settings: unknown fields are kept on write, invalid ones fall back to their defaults.
 */
import { postLibraryChange } from './feed/feed';
import type { PaperdexDB } from './schema';
import { isRecord } from '../paper/sanitize';
import { SOURCE_SITES, type SourceSite } from '../paper/record';

/** What the card controls show on one site's listing pages. */
export interface SiteCardControls {
  /** Save/Tag controls on the cards. */
  controls: boolean;
  /** The "seen …" mark on cards of papers seen on an earlier visit. */
  seenMarks: boolean;
}

export interface Settings {
  /** Dim cards of papers seen on an earlier visit, so a listing can be skimmed for what is new. */
  dimSeen: boolean;
  /** Keep unsaved, untagged papers this many days after they were last seen; `null` keeps them forever. */
  retentionDays: number | null;
  /** Per site: whether cards get controls, and seen marks. */
  cardControls: Record<SourceSite, SiteCardControls>;
}

const SHOW_ALL: Readonly<SiteCardControls> = { controls: true, seenMarks: true };

export const DEFAULT_SETTINGS: Readonly<Settings> = { dimSeen: false, retentionDays: null, cardControls: { hf: SHOW_ALL, arxiv: SHOW_ALL } };

const CONTROL_SITES = SOURCE_SITES;

function parseSiteControls(value: unknown): SiteCardControls {
  const fields = isRecord(value) ? value : {};
  return {
    controls: typeof fields.controls === 'boolean' ? fields.controls : SHOW_ALL.controls,
    seenMarks: typeof fields.seenMarks === 'boolean' ? fields.seenMarks : SHOW_ALL.seenMarks,
  };
}

/** Each site's fields, valid or the default; other keys are dropped. */
function parseCardControls(value: unknown): Record<SourceSite, SiteCardControls> {
  const sites = isRecord(value) ? value : {};
  return { hf: parseSiteControls(sites.hf), arxiv: parseSiteControls(sites.arxiv) };
}

function validCardControls(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return Object.entries(value).every(
    ([site, fields]) =>
      CONTROL_SITES.includes(site as SourceSite) &&
      isRecord(fields) &&
      Object.entries(fields).every(([key, flag]) => (key === 'controls' || key === 'seenMarks') && typeof flag === 'boolean'),
  );
}

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
    cardControls: parseCardControls(value.cardControls),
  };
}

export async function readSettings(db: PaperdexDB): Promise<Settings> {
  return parseSettings(await db.settings.get('settings'));
}

/** A change to some sites' card-control fields: the fields named are changed, the others kept. */
export type CardControlsChange = Partial<Record<SourceSite, Partial<SiteCardControls>>>;

export type SettingsChange = Partial<Omit<Settings, 'cardControls'>> & { cardControls?: CardControlsChange };

/** Applies the valid fields of `changes`; throws (changing nothing) on an invalid value. */
export async function updateSettings(db: PaperdexDB, changes: SettingsChange): Promise<Settings> {
  if (changes.dimSeen !== undefined && typeof changes.dimSeen !== 'boolean') throw new Error('dimSeen must be true or false.');
  if (changes.retentionDays !== undefined && !validRetention(changes.retentionDays)) {
    throw new Error(`Keep papers between ${MIN_RETENTION_DAYS} and ${MAX_RETENTION_DAYS} days, or forever.`);
  }
  if (changes.cardControls !== undefined && !validCardControls(changes.cardControls)) throw new Error('Unknown card-control setting.');
  const settings = await db.transaction('rw', db.settings, async () => {
    const stored = await db.settings.get('settings');
    const current = parseSettings(stored);
    const { cardControls: controlsChange, ...rest } = changes;
    const cardControls = { ...current.cardControls };
    for (const site of CONTROL_SITES) cardControls[site] = { ...cardControls[site], ...controlsChange?.[site] };
    const next = { ...(stored ?? {}), ...current, ...rest, cardControls, key: 'settings' as const };
    await db.settings.put(next);
    return parseSettings(next);
  });
  // Committed (a top-level transaction resolves after it): views showing settings read them again.
  postLibraryChange({ kind: 'settings' });
  return settings;
}
