import { useState } from 'preact/hooks';
import { failedWrite } from '@/utils/library/storage/storage-health-browser';
import type { LibraryActions } from '../actions';

/** Whether listing pages fade the papers seen on an earlier visit. */
export function DimSeenSetting({ dimSeen, actions }: { dimSeen: boolean | undefined; actions: Pick<LibraryActions, 'setDimSeen'> }) {
  const [error, setError] = useState('');
  const toggle = async (on: boolean) => {
    setError('');
    try {
      await actions.setDimSeen(on);
    } catch (failure) {
      setError(failedWrite('Not saved', failure));
    }
  };
  return (
    <>
      <label class="pd-check">
        <input
          type="checkbox"
          checked={dimSeen ?? false}
          disabled={dimSeen === undefined}
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
