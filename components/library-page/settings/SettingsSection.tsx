import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * One section of the Settings view: a heading, a sentence on what it is for, then its controls. A new
 * setting is one more `<SettingsSection>` in SettingsPanel; the panel's grid places it.
 */
export function SettingsSection({ id, title, summary, children }: { id: string; title: string; summary: string; children: ComponentChildren }) {
  const ref = useRef<HTMLElement>(null);
  // `library.html#settings-sync` (the popup's sync offer) shows the Sync section: the view is drawn after
  // the page has loaded, so the browser's own jump to the anchor found nothing.
  useEffect(() => {
    if (location.hash === `#${id.replace(/^pd-/, '')}`) ref.current?.scrollIntoView({ block: 'start' });
  }, [id]);
  return (
    <section class="pd-card pd-setting" aria-labelledby={id} ref={ref}>
      <h2 id={id}>{title}</h2>
      <p class="pd-lede">{summary}</p>
      <div class="pd-setting-body">{children}</div>
    </section>
  );
}
