/**
 * The control's stylesheet (inside each shadow root) and the page rules Paperdex adds (one `<style>`).
 *
 * Layout: a control never changes its card's size. On a card with room of its own (HF's thumbnail) it is
 * an overlay along the card's top edge, its items at the right (placement `overlay`); elsewhere (arXiv) it
 * sits inline at the end of the title, in a box that reserves its buttons' width (`inline`); state beyond
 * that overflows to the right, over the line's empty end. Opening the tag entry shows a panel over the
 * page, never a new row.
 *
 * The host's box is fixed by its placement (page rules keyed on the card's attribute) and its attributes
 * are the paper id and the theme only: what the control shows (saved, tags, seen, an open entry) is
 * written inside the closed root, so page script can neither read it from attributes nor measure it.
 *
 * What matters is always shown, compact: saved, tags, "seen …". Save and Tag are shown on the card's
 * hover or focus for an untouched card (the page rule sets `--pdx-reveal`, which crosses the shadow
 * boundary as custom properties do), always on a saved or tagged card, and always on touch screens
 * (`hover: none`). Hidden, they keep their box (opacity, not display), so nothing moves when they show and
 * Tab still reaches them.
 *
 * `content-visibility:auto` on the bar: controls off screen (most of a listing) skip style and layout of
 * their contents until scrolled near; the host's box is fixed, so nothing shifts when they render.
 * The inline host's block margins cancel its height (-11px each): its margin box is 0 tall, so the title's
 * line keeps its own height. Without them each arXiv title line grew 18 → 22 px, every entry below moved,
 * and each mounting slice cost a whole-page layout and pre-paint (2,000 entries: 21–24 tasks over 50 ms,
 * /work probe of `npm run bench -- controls`' traced loads).
 * The inline host is not positioned: a positioned box gets a paint layer of its own, and 2,000 of them on
 * an arXiv listing more than doubled pre-paint, paint and layerizing. The tag panel sits at its static
 * place instead (below the bar, which is what `top:100%` gave); an overlay's host is positioned anyway.
 *
 * Colours: the tag chip is the popup's and library's indigo `#tag` chip (components/shared/tokens.css:
 * --accent-soft / --accent), the star the popup's. Every text is ≥ 4.5:1 on the control's own background,
 * and the seen mark stays ≥ 4.5:1 on a card faded by dim-seen (DIM_OPACITY; saved or tagged cards are
 * never faded, so chips and a pressed Save never need to be).
 */
const LIGHT =
  '--pdx-bg:#fff;--pdx-fg:#1f2937;--pdx-border:#cdd1d8;--pdx-ring:#4f46e5;--pdx-star:#b45309;--pdx-mark:#4b5563;--pdx-mark-dimmed:#030712;' +
  '--pdx-chip-bg:#eef0ff;--pdx-chip-fg:#4f46e5;--pdx-soft:#f4f5f7;--pdx-muted:#4b5563;--pdx-error:#b42318;--pdx-shadow:0 1px 3px rgba(16,24,40,.18);';
const DARK =
  '--pdx-bg:#111827;--pdx-fg:#e9eaee;--pdx-border:#4b5563;--pdx-ring:#8f95ff;--pdx-star:#f5b83d;--pdx-mark:#d1d5db;--pdx-mark-dimmed:#f3f4f6;' +
  '--pdx-chip-bg:#262943;--pdx-chip-fg:#8f95ff;--pdx-soft:#1f2937;--pdx-muted:#a6abb5;--pdx-error:#f97066;--pdx-shadow:0 1px 3px rgba(0,0,0,.5);';

export const CONTROL_CSS = `
:host{all:initial;display:inline-block;width:11em;height:22px;margin:-11px 0 -11px .5em;vertical-align:middle;font:12px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;${LIGHT}color:var(--pdx-fg);text-align:left;text-indent:0;letter-spacing:normal;word-spacing:normal}
:host([data-theme=dark]){${DARK}}
@media (prefers-color-scheme:dark){:host([data-theme=auto]){${DARK}}}
[data-label]::after{content:attr(data-label)}
.bar{display:flex;flex-wrap:nowrap;align-items:center;gap:4px;width:max-content;height:22px;white-space:nowrap;content-visibility:auto;contain-intrinsic-size:auto 120px auto 22px;pointer-events:auto}
.bar[data-place=overlay]{margin-left:auto;max-width:100%;overflow:hidden}
.bar[data-place=inline] .actions{order:-1}
.bar>*{flex-shrink:0}
.chips{display:inline-flex;gap:4px;min-width:0;flex-shrink:1;overflow:hidden}
.mark,.notice{min-width:0;flex-shrink:1;overflow:hidden;text-overflow:ellipsis;color:var(--pdx-mark)}
.mark:not([data-label]),.mark[data-label=""]{display:none}
.bar[data-dimmed] .mark{color:var(--pdx-mark-dimmed)}
.bar[data-place=overlay] .mark{background:var(--pdx-bg);border-radius:999px;padding:0 8px;line-height:20px;box-shadow:var(--pdx-shadow)}
.actions{display:inline-flex;gap:4px;opacity:var(--pdx-reveal,0);transition:opacity .12s}
.bar[data-touched] .actions,.bar:focus-within .actions,:host(:hover) .actions{opacity:1}
@media (hover:none){.actions{opacity:1}}
button,input{font:inherit;color:var(--pdx-fg);background:var(--pdx-bg);border:1px solid var(--pdx-border);margin:0}
button{border-radius:999px;padding:0 8px;cursor:pointer;line-height:18px;height:20px;box-sizing:border-box}
.bar[data-place=overlay] .actions button{box-shadow:var(--pdx-shadow)}
button:hover{border-color:var(--pdx-muted)}
button:focus-visible,input:focus-visible,[role=option]:focus-visible{outline:2px solid var(--pdx-ring);outline-offset:1px}
.save,.tag{display:inline-grid;justify-items:start}
.save>*,.tag>*{grid-area:1/1}
.sizer{visibility:hidden;font-weight:600}
.save::before{content:"\\2606" / "";grid-area:1/1;justify-self:start}
.save[aria-pressed=true]::before{content:"\\2605" / "";color:var(--pdx-star)}
.save>span{padding-left:1.1em}
.tag::before{content:"#" / "";grid-area:1/1;justify-self:start;color:var(--pdx-muted)}
.tag>span{padding-left:.9em}
.save[aria-pressed=true]{border-color:var(--pdx-star);font-weight:600}
.chip{display:inline-flex;align-items:center;flex-shrink:0;height:20px;background:var(--pdx-chip-bg);color:var(--pdx-chip-fg);border-radius:999px;padding-left:8px;max-width:14em;font-size:11px;font-weight:500}
.chip>span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.chip>span::before{content:"#" / ""}
.chip button{border:0;background:transparent;padding:0 6px;color:inherit;height:18px;line-height:18px}
.chip button:hover{background:var(--pdx-chip-bg);filter:brightness(.95)}
.panel{position:absolute;margin-top:4px;min-width:16em;max-width:22em;padding:8px;background:var(--pdx-bg);border:1px solid var(--pdx-border);border-radius:8px;box-shadow:0 4px 16px rgba(16,24,40,.2);z-index:20;white-space:normal;pointer-events:auto}
.bar[data-place=overlay]~.panel{top:calc(100% + 4px);right:0;margin-top:0}
.entry{display:flex;gap:4px;align-items:center}
input{border-radius:6px;padding:1px 8px;flex:1;min-width:0;line-height:20px;border-color:var(--pdx-ring)}
.suggestions{display:flex;flex-wrap:wrap;gap:4px;margin:6px 0 0;padding:0;list-style:none}
.suggestions:empty{display:none}
[role=option]{padding:0 8px;border-radius:999px;background:var(--pdx-soft);color:var(--pdx-muted);font-size:11.5px;line-height:20px;cursor:pointer}
[role=option]::before{content:"#" / ""}
[role=option]:hover{color:var(--pdx-fg)}
[role=option][aria-selected=true]{background:var(--pdx-ring);color:var(--pdx-bg)}
.error{color:var(--pdx-error)}
.panel .error{display:block;margin-top:4px}
.panel .error[data-label=""]{display:none}
[hidden]{display:none!important}
`;

/** Attribute on a card element dimmed by the dim-seen option. */
export const DIM_ATTRIBUTE = 'data-paperdex-seen';
/** Attribute on a card whose control is an overlay (value `overlay`), for the page rules below. */
/** The page rule that hides every control (the site's "controls" setting off). */
export const CONTROLS_OFF_CSS = 'paperdex-control{display:none!important}';
export const CARD_ATTRIBUTE = 'data-paperdex-card';

/**
 * How far dim-seen fades a card: black text stays ≥ 5:1 on white, and the control's seen mark (darker on a
 * faded card, `data-dimmed`) ≥ 4.5:1. A seen card shows only that mark (its Save/Tag are hidden until hover or focus, which also
 * undims it).
 */
export const DIM_OPACITY = 0.58;

/**
 * The page rules: a hovered or focused card reveals its control's buttons; an overlay's card is its
 * containing block (`:where`: any position the page gives it wins); dim-seen's fade.
 */
export const PAGE_CSS =
  // Cards as the sites mark them up (HF's article, arXiv's dd and search li, an abstract page's div#abs):
  // selectors, not a per-card attribute, so mounting 2,000 controls restyles no card.
  `:is(article,dd,li,#abs):is(:hover,:focus-within) paperdex-control{--pdx-reveal:1}` +
  `:where([${CARD_ATTRIBUTE}=overlay]){position:relative}` +
  // The host's box is fixed, whatever the control shows (page script can measure it): inline, the shadow
  // root's own :host rule (11em × 22px, the buttons' room); an overlay, along its card's top edge.
  `[${CARD_ATTRIBUTE}=overlay]>paperdex-control{position:absolute;top:8px;left:8px;right:8px;width:auto;height:22px;margin:0;z-index:2;pointer-events:none}` +
  `[${DIM_ATTRIBUTE}]{opacity:${DIM_OPACITY};transition:opacity .15s}[${DIM_ATTRIBUTE}]:hover,[${DIM_ATTRIBUTE}]:focus-within{opacity:1}`;
