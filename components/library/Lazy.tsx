import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * Renders what `load` resolves to once it has loaded (a view's code fetched with `import()`, so the page's
 * first paint doesn't wait for views not shown).
 */
export function Lazy({ load }: { load: () => Promise<ComponentChildren> }) {
  const [content, setContent] = useState<{ value: ComponentChildren }>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let open = true;
    load().then(
      (value) => open && setContent({ value }),
      (error: unknown) => {
        console.error('[Paperdex] loading a view failed', error);
        if (open) setFailed(true);
      },
    );
    return () => {
      open = false;
    };
  }, [load]);
  if (failed) return <p class="error" role="alert">This view could not be loaded.</p>;
  return content ? <>{content.value}</> : <div aria-busy="true" />;
}
