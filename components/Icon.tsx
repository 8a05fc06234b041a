/** The popup's few icons: one element each, drawn by CSS (`.icon-<name>` in the popup's stylesheet). */
export type IconName = 'search' | 'star' | 'star-filled' | 'check' | 'close' | 'tag' | 'papers';

export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  return <span class={`icon icon-${name}${className ? ` ${className}` : ''}`} aria-hidden="true" />;
}
