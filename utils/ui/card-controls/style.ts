/**
 * The control's stylesheet (inside each shadow root) and the one page rule the dim-seen option adds.
 * `content-visibility:auto` on the host: controls off screen (most of a listing) skip style and layout
 * until scrolled near. Their height is 0 until first rendered (`auto 0px`, the host has no margin of its
 * own), so mounting them shifts nothing below: each mounting frame on a 2,000-entry arXiv page otherwise
 * re-placed the whole rest of the page (Chromium's PrePaint ~40 ms a frame). They take their height
 * before they enter the viewport (no visible layout shift while scrolling, checked with `layout-shift`).
 */
const LIGHT = '--pdx-bg:#fff;--pdx-fg:#374151;--pdx-border:#d1d5db;--pdx-accent:#b45309;--pdx-muted:#6b7280;--pdx-chip:#f3f4f6;--pdx-error:#b91c1c;';
const DARK = '--pdx-bg:#111827;--pdx-fg:#e5e7eb;--pdx-border:#4b5563;--pdx-accent:#fbbf24;--pdx-muted:#9ca3af;--pdx-chip:#374151;--pdx-error:#fca5a5;';

export const CONTROL_CSS = `
:host{all:initial;display:block;width:100%;box-sizing:border-box;contain:inline-size;content-visibility:auto;contain-intrinsic-height:auto 0px;font:12px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;${LIGHT}color:var(--pdx-fg)}
:host([data-theme=dark]){${DARK}}
@media (prefers-color-scheme:dark){:host([data-theme=auto]){${DARK}}}
[data-label]::before{content:attr(data-label)}
.bar{padding:6px 0 2px;height:20px;display:flex;flex-wrap:nowrap;align-items:center;gap:4px;overflow:hidden;white-space:nowrap}
.bar>*{flex-shrink:0}
.chips{display:inline-flex;gap:4px;min-width:0;flex-shrink:1;overflow:hidden}
.mark,.notice{min-width:0;flex-shrink:1;overflow:hidden;text-overflow:ellipsis}
button,input{font:inherit;color:var(--pdx-fg);background:var(--pdx-bg);border:1px solid var(--pdx-border);margin:0}
button{border-radius:999px;padding:0 8px;cursor:pointer;line-height:1.6}
button:hover{border-color:var(--pdx-muted)}
button:focus-visible,input:focus-visible{outline:2px solid var(--pdx-accent);outline-offset:1px}
.save[aria-pressed=true]{border-color:var(--pdx-accent);color:var(--pdx-accent);font-weight:600}
.chip{display:inline-flex;align-items:center;flex-shrink:0;background:var(--pdx-chip);border-radius:999px;padding-left:7px;max-width:16em}
.chip span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.chip button{border:0;background:transparent;padding:0 5px;color:var(--pdx-muted)}
.mark{color:var(--pdx-muted)}
.mark.saved{color:var(--pdx-accent)}
.editor{display:flex;flex-wrap:nowrap;align-items:center;gap:4px;margin-top:4px;height:24px;overflow:hidden;white-space:nowrap}
.editor .error{min-width:0;overflow:hidden;text-overflow:ellipsis}
input{border-radius:6px;padding:1px 6px;width:14em;line-height:1.5}
.error{color:var(--pdx-error)}
[hidden]{display:none!important}
`;

/** Attribute on a card element dimmed by the dim-seen option. */
export const DIM_ATTRIBUTE = 'data-paperdex-seen';

export const DIM_CSS = `[${DIM_ATTRIBUTE}]{opacity:.45;transition:opacity .15s}[${DIM_ATTRIBUTE}]:hover,[${DIM_ATTRIBUTE}]:focus-within{opacity:1}`;
