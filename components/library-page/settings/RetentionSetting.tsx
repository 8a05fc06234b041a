import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { expiredRowIds } from '@/utils/library/retention';
import { plural } from '@/utils/ui/shared/plural';
import type { LoadedRows } from '@/utils/ui/library-page/loaded-rows';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '@/utils/library/settings';
import { failedWrite } from '@/utils/library/storage/storage-health-browser';
import type { LibraryActions } from '../actions';

const number = (value: number) => value.toLocaleString('en-US');

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

interface RetentionProps {
  library: LoadedRows;
  /** The stored retention (days; null: forever). */
  current: number | null;
  actions: Pick<LibraryActions, 'applyRetention'>;
}

/** How long papers the user never acted on are kept, with what a new value removes shown before it is applied. */
export function RetentionSetting({ library, current, actions }: RetentionProps) {
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
      // The candidates from the rows; each is checked again inside the transaction that deletes it.
      const result = await actions.applyRetention(choice, expired ?? [], (done, total) => setWork({ done, total }));
      setStatus(
        choice === null
          ? 'Papers are now kept forever.'
          : `Papers are now kept ${retentionLabel(choice)} after you last saw them. ${result.removed ? `Removed ${plural(result.removed, 'paper', 'papers')}.` : 'No paper needed removing.'}`,
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
              {preview.count ? `Remove ${plural(preview.count, 'paper', 'papers')}` : 'Apply'}
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
  return `This removes ${plural(count, 'paper', 'papers')} now: those last seen more than ${retentionLabel(days)} ago that you haven't saved, tagged, read or noted. This cannot be undone.`;
}
