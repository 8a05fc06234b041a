import type { ComponentChildren } from 'preact';

/**
 * One section of the Settings view: a heading, a sentence on what it is for, then its controls. A new
 * setting is one more `<SettingsSection>` in SettingsPanel; the panel's grid places it.
 */
export function SettingsSection({ id, title, summary, children }: { id: string; title: string; summary: string; children: ComponentChildren }) {
  return (
    <section class="pd-card pd-setting" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p class="pd-lede">{summary}</p>
      <div class="pd-setting-body">{children}</div>
    </section>
  );
}
