import { useState } from 'preact/hooks';
import { failedWrite } from '@/utils/library/storage/storage-health-browser';
import type { CardControlsChange, SiteCardControls, Settings } from '@/utils/library/settings';
import type { SourceSite } from '@/utils/paper/record';
import type { LibraryActions } from '../actions';
import './card-controls-setting.css';

const SITES: readonly { site: SourceSite; name: string }[] = [
  { site: 'hf', name: 'Hugging Face' },
  { site: 'arxiv', name: 'arXiv' },
];

/**
 * Per site, what Paperdex adds to listing cards: the Save/Tag controls, and the "seen …" mark. Capture is
 * not affected (papers are still recorded). Open listing pages follow a change at once.
 */
export function CardControlsSetting({
  cardControls,
  actions,
}: {
  cardControls: Settings['cardControls'] | undefined;
  actions: Pick<LibraryActions, 'setCardControls'>;
}) {
  const [error, setError] = useState('');
  const change = async (site: SourceSite, fields: Partial<SiteCardControls>) => {
    setError('');
    try {
      await actions.setCardControls({ [site]: fields } as CardControlsChange);
    } catch (failure) {
      setError(failedWrite('Not saved', failure));
    }
  };
  return (
    <fieldset class="pd-card-controls">
      <legend>On listing cards</legend>
      {SITES.map(({ site, name }) => {
        const current = cardControls?.[site];
        return (
          <div class="pd-card-controls-site" key={site}>
            <label class="pd-check">
              <input
                type="checkbox"
                checked={current?.controls ?? true}
                disabled={!current}
                onChange={(event) => void change(site, { controls: event.currentTarget.checked })}
              />
              Save and Tag on {name} cards
            </label>
            <label class="pd-check">
              <input
                type="checkbox"
                checked={current?.seenMarks ?? true}
                disabled={!current}
                onChange={(event) => void change(site, { seenMarks: event.currentTarget.checked })}
              />
              "Seen" marks on {name} cards
            </label>
          </div>
        );
      })}
      <p class="pd-note">Papers are recorded either way; this only changes what the cards show.</p>
      {error && (
        <p class="pd-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
