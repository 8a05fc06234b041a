import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * Renders the component `load` resolves to, with `props`, once it has loaded (a view's code fetched with
 * `import()`, so the page's first paint doesn't wait for views not shown). The component, not an element,
 * is kept: later props (e.g. the page's rows as they change) reach it.
 */
export function Lazy<P extends object>({ load, props }: { load: () => Promise<ComponentType<P>>; props: P }) {
  const [loaded, setLoaded] = useState<{ Component: ComponentType<P> }>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let open = true;
    load().then(
      (Component) => open && setLoaded({ Component }),
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
  return loaded ? <loaded.Component {...props} /> : <div aria-busy="true" />;
}
