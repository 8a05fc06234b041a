/**
 * The library's Settings view: history retention (with the number of papers a new value removes, shown
 * before it is applied), dimming seen papers on listing pages, the popup's keyboard shortcut, and the
 * library's storage (how much, whether the browser may clear it).
 */
import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLiveQuery } from '@/components/use-live-query';
import { expiredRowIds, pruneExpired } from '@/utils/db/retention';
import type { PaperdexDB } from '@/utils/db/schema';
import type { LibraryRowsView } from '@/utils/library/rows-view';
import { announceSettingsChanged } from '@/utils/library-sync';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, readSettings, type Settings, updateSettings } from '@/utils/settings';
import { POPUP_SHORTCUT } from '@/utils/popup-shortcut';
import { failedWrite } from '@/utils/storage-health-browser';
import './panels.css';

const number = (value: number) => value.toLocaleString('en-US');
const papers = (count: number) => `${number(count)} ${count === 1 ? 'paper' : 'papers'}`;

export function SettingsPanel(props: { db: PaperdexDB; library: LibraryRowsView }) {
  const { db, library } = props;
  const settings = useLiveQuery(() => readSettings(db), [db]);
  return (
    <div class="pd-panel pd-settings">
      <section class="pd-section" aria-labelledby="pd-settings-history">
        <h2 id="pd-settings-history">History</h2>
        {settings ? <Retention db={db} library={library} current={settings.retentionDays} /> : <p class="pd-note">Loading…</p>}
      </section>
      <section class="pd-section" aria-labelledby="pd-settings-pages">
        <h2 id="pd-settings-pages">Listing pages</h2>
        <DimSeen db={db} settings={settings} />
      </section>
      <section class="pd-section" aria-labelledby="pd-settings-shortcut">
        <h2 id="pd-settings-shortcut">Keyboard shortcut</h2>
        <Shortcut />
      </section>
      <section class="pd-section" aria-labelledby="pd-settings-storage">
        <h2 id="pd-settings-storage">Storage</h2>
        <Storage />
      </section>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------
// History retention

/** The values offered; a stored value not among them (set by another version) is offered too. */
const RETENTION_CHOICES: (number | null)[] = [30, 90, 180, 365, null];

function retentionLabel(days: number | null): string {
  if (days === null) return 'Forever';
  if (days === 365) return '1 year';
  return `${number(days)} days`;
}

const encode = (days: number | null) => (days === null ? 'forever' : String(days));
const decode = (value: string) => (value === 'forever' ? null : Number(value));
/** The select's value that reveals a field for any number of days. */
const CUSTOM = 'custom';

/** Whole days within the range the settings accept; `undefined` for anything else. */
function customDays(text: string): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const days = Number(text);
  return days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS ? days : undefined;
}

type Preview = { days: number | null; count: number | undefined; loaded: number };
type Work = { done: number; total: number } | undefined;

function Retention({ db, library, current }: { db: PaperdexDB; library: LibraryRowsView; current: number | null }) {
  const [choice, setChoice] = useState<number | null>(current);
  /** The text of the days field while "Custom…" is chosen; `undefined` when a listed value is. */
  const [custom, setCustom] = useState<string>();
  const [work, setWork] = useState<Work>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const pending = choice !== current;
  const choices = RETENTION_CHOICES.includes(current) ? RETENTION_CHOICES : [...RETENTION_CHOICES, current].sort(byDays);

  // Follows the stored value when it changes elsewhere (another library tab), unless a change is pending.
  // Only on a change: Preact runs effects after the first paint, and a value chosen before then (a quick
  // user, a test) must not be reset to the stored one.
  const followed = useRef(current);
  useEffect(() => {
    if (followed.current === current) return;
    followed.current = current;
    if (!work) {
      setChoice(current);
      setCustom(undefined);
    }
  }, [current]);
  const customInvalid = custom !== undefined && customDays(custom) === undefined;
  const cancel = () => {
    setChoice(current);
    setCustom(undefined);
  };

  // The papers the new value removes, from the page's rows (a pass in memory; live as the library
  // changes). Counted once every row is in: a partial count would understate what applying removes.
  const { rows, version, complete, loaded } = library;
  const expired = useMemo(() => (pending && (complete || choice === null) ? expiredRowIds(rows.values(), choice, Date.now()) : undefined), [rows, version, complete, choice, pending]);
  const preview: Preview | undefined = pending ? { days: choice, count: expired?.length, loaded } : undefined;

  const apply = async () => {
    setError('');
    setStatus('');
    setWork({ done: 0, total: 0 });
    try {
      await updateSettings(db, { retentionDays: choice });
      // The candidates from the rows; each is checked again inside the transaction that deletes it.
      const result = await pruneExpired(db, { retentionDays: choice }, Date.now(), (done, total) => setWork({ done, total }), expired ?? []);
      setStatus(
        choice === null
          ? 'Papers are now kept forever.'
          : `Papers are now kept ${retentionLabel(choice)} after you last saw them. ${result.removed ? `Removed ${papers(result.removed)}.` : 'No paper needed removing.'}`,
      );
    } catch (failure) {
      setError(failedWrite('The setting was not applied', failure));
    } finally {
      setWork(undefined);
      setCustom(undefined);
    }
  };

  return (
    <>
      <div class="pd-field">
        <label for="pd-retention">Keep papers I haven't saved, tagged, read or noted for</label>
        <select
          id="pd-retention"
          class="pd-select"
          value={custom === undefined ? encode(choice) : CUSTOM}
          disabled={!!work}
          onChange={(event) => {
            setStatus('');
            setError('');
            const value = event.currentTarget.value;
            if (value === CUSTOM) {
              // Starts from the value chosen so far (nothing changes until a valid number is typed).
              const start = choice ?? current ?? 60;
              setCustom(String(start));
              setChoice(start);
              return;
            }
            setCustom(undefined);
            setChoice(decode(value));
          }}
        >
          {choices.map((days) => (
            <option key={encode(days)} value={encode(days)}>
              {retentionLabel(days)}
              {days === current ? ' (current)' : ''}
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </select>
      </div>
      {custom !== undefined && (
        <div class="pd-field">
          <label for="pd-retention-days">Number of days</label>
          <input
            id="pd-retention-days"
            class="pd-days"
            type="number"
            inputMode="numeric"
            min={MIN_RETENTION_DAYS}
            max={MAX_RETENTION_DAYS}
            step={1}
            value={custom}
            disabled={!!work}
            aria-invalid={customInvalid}
            aria-describedby={customInvalid ? 'pd-retention-days-error' : undefined}
            onInput={(event) => {
              const text = event.currentTarget.value;
              setCustom(text);
              // An invalid number changes nothing: the confirmation waits for a valid one.
              setChoice(customDays(text) ?? current);
            }}
          />
          {customInvalid && (
            <p id="pd-retention-days-error" class="pd-error">
              Enter a whole number of days from {number(MIN_RETENTION_DAYS)} to {number(MAX_RETENTION_DAYS)}.
            </p>
          )}
        </div>
      )}
      <p class="pd-note">
        Papers are counted from the last time a page showed them. Saved, tagged and read papers, and papers with a note, are
        never removed.
      </p>
      {pending && preview && !work && (
        <div class="pd-confirm" role="group" aria-label="Confirm the new retention">
          <p class="pd-preview" aria-live="polite" aria-busy={preview.count === undefined}>
            {previewText(preview)}
          </p>
          <div class="pd-actions">
            <button type="button" class={`pd-button ${preview.count ? 'pd-button-danger' : 'pd-button-primary'}`} disabled={preview.count === undefined} onClick={() => void apply()}>
              {preview.count ? `Remove ${papers(preview.count)}` : 'Apply'}
            </button>
            <button type="button" class="pd-button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {work && (
        <p class="pd-note" role="status">
          {work.total ? `Removing… ${number(work.done)} of ${number(work.total)} checked` : 'Applying…'}
          <progress class="pd-progress" max={work.total || 1} value={work.done} aria-label="Removing expired papers" />
        </p>
      )}
      {status && (
        <p class="pd-note pd-ok" role="status">
          {status}
        </p>
      )}
      {error && (
        <p class="pd-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function byDays(a: number | null, b: number | null): number {
  return (a ?? Infinity) - (b ?? Infinity);
}

function previewText({ days, count, loaded }: Preview): string {
  if (days === null) return 'Nothing is ever removed: every paper you see is kept.';
  if (count === undefined) return `Counting the papers this would remove… (loading the library: ${number(loaded)} papers so far)`;
  if (!count) return `No paper would be removed now. From now on, papers you haven't touched are removed ${retentionLabel(days)} after you last saw them.`;
  return `This removes ${papers(count)} now: those last seen more than ${retentionLabel(days)} ago that you haven't saved, tagged, read or noted. This cannot be undone.`;
}

// ---------------------------------------------------------------------------------------------------
// Dim seen papers

function DimSeen({ db, settings }: { db: PaperdexDB; settings: Settings | undefined }) {
  const [error, setError] = useState('');
  const toggle = async (dimSeen: boolean) => {
    setError('');
    try {
      await updateSettings(db, { dimSeen });
      // Open listing pages re-read the setting.
      announceSettingsChanged();
    } catch (failure) {
      setError(failedWrite('Not saved', failure));
    }
  };
  return (
    <>
      <label class="pd-check">
        <input
          type="checkbox"
          checked={settings?.dimSeen ?? false}
          disabled={!settings}
          onChange={(event) => void toggle(event.currentTarget.checked)}
        />
        Dim papers I've already seen on listing pages
      </label>
      <p class="pd-note">
        On Hugging Face and arXiv listings, papers seen on an earlier visit are faded, so what is new stands out. The fading is a
        style on the page's own cards, so the page's scripts can tell which of its papers you saw before.
      </p>
      {error && (
        <p class="pd-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------------
// Keyboard shortcut

/** The manifest's default, shown when the browser can't say. */
const DEFAULT_SHORTCUT = POPUP_SHORTCUT;
const OPEN_POPUP_COMMANDS = ['_execute_action', '_execute_browser_action'];

/** The popup's shortcut as the browser has it: '' when unset, undefined when it can't be read. */
async function readShortcut(): Promise<string | undefined> {
  try {
    const commands = await browser.commands.getAll();
    const command = commands.find((candidate) => OPEN_POPUP_COMMANDS.includes(candidate.name ?? ''));
    return command ? (command.shortcut ?? '') : undefined;
  } catch {
    return undefined;
  }
}

function Keys({ shortcut }: { shortcut: string }) {
  const keys = shortcut.split('+').filter(Boolean);
  return (
    <kbd class="pd-keys" aria-label={shortcut}>
      {keys.map((key, index) => (
        <Fragment key={index}>
          {index > 0 && <span aria-hidden="true">+</span>}
          <kbd class="pd-key">{key}</kbd>
        </Fragment>
      ))}
    </kbd>
  );
}

function Shortcut() {
  const [shortcut, setShortcut] = useState<string | undefined | null>(null);
  useEffect(() => {
    void readShortcut().then(setShortcut);
  }, []);
  const firefox = import.meta.env.FIREFOX;
  const openShortcuts = () => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }).catch(() => undefined);
  return (
    <>
      <p class="pd-shortcut" aria-busy={shortcut === null}>
        Open the Paperdex popup:{' '}
        {shortcut === null ? '…' : shortcut === '' ? <span class="pd-muted">no shortcut set</span> : <Keys shortcut={shortcut ?? DEFAULT_SHORTCUT} />}
        {shortcut === undefined && <span class="pd-muted"> (the default)</span>}
      </p>
      {firefox ? (
        <p class="pd-note">
          To change it, open <span class="pd-url">about:addons</span>, click the gear icon, then <em>Manage Extension Shortcuts</em>.
        </p>
      ) : (
        <p class="pd-note">
          To change it, open <span class="pd-url">chrome://extensions/shortcuts</span>{' '}
          <button type="button" class="pd-button pd-button-small" onClick={openShortcuts}>
            Open shortcut settings
          </button>
        </p>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------------
// Storage

function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

interface StorageState {
  usage?: number;
  persisted?: boolean;
  /** The browser has no StorageManager (or refused to answer). */
  unavailable?: boolean;
}

function Storage() {
  const [state, setState] = useState<StorageState>();
  const [asked, setAsked] = useState<'granted' | 'declined' | 'failed'>();
  const read = async () => {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.estimate || !storage.persisted) return setState({ unavailable: true });
    const [estimate, persisted] = await Promise.all([storage.estimate().catch(() => undefined), storage.persisted().catch(() => undefined)]);
    setState({ usage: estimate?.usage, persisted, unavailable: estimate === undefined && persisted === undefined });
  };
  useEffect(() => {
    void read();
  }, []);
  const persist = async () => {
    try {
      const granted = await navigator.storage.persist();
      setAsked(granted ? 'granted' : 'declined');
    } catch {
      setAsked('failed');
    }
    await read();
  };
  if (!state) return <p class="pd-note" aria-busy="true">Measuring…</p>;
  if (state.unavailable) return <p class="pd-note">This browser does not report its storage use.</p>;
  return (
    <>
      <dl class="pd-figures" aria-label="Storage">
        <div class="pd-figure">
          <dt>Used on this device</dt>
          <dd>{state.usage === undefined ? 'unknown' : formatBytes(state.usage)}</dd>
        </div>
        <div class="pd-figure">
          <dt>Persistent</dt>
          <dd>{state.persisted === undefined ? 'unknown' : state.persisted ? 'Yes' : 'No'}</dd>
        </div>
      </dl>
      <p class="pd-note">
        Your library lives only in this browser profile. Paperdex has the unlimited-storage permission, so the browser does not clear it
        when space runs low;{' '}
        {state.persisted
          ? 'persistent storage is granted as well, so it is never cleared automatically.'
          : 'persistent storage also asks the browser never to clear it automatically.'}
      </p>
      {!state.persisted && (
        <button type="button" class="pd-button" onClick={() => void persist()}>
          Make storage persistent
        </button>
      )}
      {asked === 'declined' && (
        <p class="pd-note" role="status">
          The browser declined for now (it decides from how you use the extension); the unlimited-storage permission still protects the library.
        </p>
      )}
      {asked === 'failed' && (
        <p class="pd-error" role="alert">
          The browser could not be asked for persistent storage.
        </p>
      )}
    </>
  );
}
