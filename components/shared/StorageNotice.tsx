import { useEffect, useState } from 'preact/hooks';
import type { StorageHealth } from '@/utils/library/storage/storage-health';
import { troubleNotice } from '@/utils/library/storage/storage-health';
import { askStorageHealth, watchStorageHealth } from '@/utils/library/storage/storage-health-browser';

/** The storage-trouble state while the view is open: asked once (measured now), then followed. */
export function useStorageHealth(): StorageHealth | undefined {
  const [health, setHealth] = useState<StorageHealth>();
  useEffect(() => {
    let open = true;
    const stop = watchStorageHealth((next) => open && setHealth(next));
    askStorageHealth().then(
      (next) => open && next && setHealth(next),
      () => undefined, // no background to answer (yet): nothing to say
    );
    return () => {
      open = false;
      stop();
    };
  }, []);
  return health;
}

/** The notice every view shows at its top while storage is in trouble (the popup's, the library's banner). */
export function StorageNotice({ class: className = '' }: { class?: string }) {
  const trouble = useStorageHealth()?.trouble;
  if (!trouble) return null;
  const { title, detail } = troubleNotice(trouble);
  return (
    <div class={`storage-notice ${className}`} role="alert">
      <strong>{title}.</strong> {detail}
    </div>
  );
}
