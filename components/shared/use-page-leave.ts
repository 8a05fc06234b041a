import { useEffect, useRef } from 'preact/hooks';

/**
 * Runs `leave` (its latest version) when the page is hidden (another tab, the popup closing) or closed,
 * and when the component goes: where typed text is stored before it can be lost. A write started then
 * may be cut off by the closing page; the drafts (utils/library/drafts/draft-storage.ts) cover that.
 */
export function usePageLeave(leave: () => void): void {
  const latest = useRef(leave);
  latest.current = leave;
  useEffect(() => {
    const run = () => latest.current();
    const onVisibility = () => document.visibilityState === 'hidden' && run();
    window.addEventListener('pagehide', run);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', run);
      document.removeEventListener('visibilitychange', onVisibility);
      run();
    };
  }, []);
}
