/**
 * The popup's few icons, as inline SVG in the text colour. (They were CSS masks over SVG data URLs:
 * Chromium resolved a mask image per element, which made the popup's first style pass ~30 ms of CPU
 * instead of ~3 with about fifty icons on screen.)
 */
export type IconName = 'search' | 'star' | 'star-filled' | 'check' | 'close' | 'tag' | 'papers';

const STAR = 'm12 3.2 2.7 5.6 6.1.8-4.5 4.2 1.1 6.1L12 17l-5.4 2.9 1.1-6.1-4.5-4.2 6.1-.8L12 3.2Z';

/** Path data, and whether it is drawn as an outline (stroke) rather than filled. */
const PATHS: Record<IconName, [d: string, outline: boolean]> = {
  search: ['M10.5 3a7.5 7.5 0 0 1 5.9 12.1l4.3 4.3-1.4 1.4-4.3-4.3A7.5 7.5 0 1 1 10.5 3Zm0 2a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11Z', false],
  star: [STAR, true],
  'star-filled': [STAR, false],
  check: ['M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6L20.1 8.4 18.7 7 9.5 16.2Z', false],
  close: ['m7.1 5.7 4.9 4.9 4.9-4.9 1.4 1.4-4.9 4.9 4.9 4.9-1.4 1.4-4.9-4.9-4.9 4.9-1.4-1.4 4.9-4.9-4.9-4.9 1.4-1.4Z', false],
  tag: ['M3.5 4.5v6.8l9.2 9.2 7.8-7.8-9.2-9.2H4.5a1 1 0 0 0-1 1ZM8 7.2a.8.8 0 1 0 0 1.6.8.8 0 0 0 0-1.6Z', true],
  papers: ['M6 2h9l5 5v15H6V2Zm8 1.5V8h4.5M8.5 11h9M8.5 14h9M8.5 17h6', true],
};

export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  const [d, outline] = PATHS[name];
  return (
    <svg class={`icon icon-${name}${className ? ` ${className}` : ''}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {/* The filled star keeps the outline's stroke, so both are the same size. */}
      <path d={d} fill={outline ? 'none' : 'currentColor'} stroke={outline || name === 'star-filled' ? 'currentColor' : undefined} stroke-width="1.7" stroke-linejoin="round" />
    </svg>
  );
}
