/**
 * The page's own theme, from the colours it actually shows rather than the system's preference: a light
 * page (arXiv has no dark theme) keeps light controls when the system is dark. The background is the
 * first opaque one from an element up to the root; a page with none shows the canvas, which is dark only
 * when the page asks for a dark colour scheme.
 */
import type { ControlTheme } from './card-control';

/** `rgb(r, g, b)` / `rgba(r, g, b, a)` → [r, g, b, a]; undefined for anything else (`transparent` is rgba(0,0,0,0)). */
export function parseRgb(value: string): [number, number, number, number] | undefined {
  const match = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value.trim());
  if (!match) return undefined;
  const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? Number(match[4].slice(0, -1)) / 100 : Number(match[4]);
  return [Number(match[1]), Number(match[2]), Number(match[3]), alpha];
}

/** WCAG relative luminance of an sRGB colour (0 black … 1 white). */
export function luminance([r, g, b]: readonly number[]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
}

/** Dark when the colour behind `element` is closer to black than to white (by contrast with each). */
export function backgroundTheme(element: Element | null | undefined): ControlTheme {
  const view = element?.ownerDocument.defaultView;
  if (!element || !view) return 'light';
  for (let node: Element | null = element; node; node = node.parentElement) {
    const rgb = parseRgb(view.getComputedStyle(node).backgroundColor);
    if (rgb && rgb[3] >= 0.5) return isDark(rgb) ? 'dark' : 'light';
  }
  const scheme = (view.getComputedStyle(element.ownerDocument.documentElement).colorScheme ?? '').split(/\s+/);
  if (!scheme.includes('dark')) return 'light';
  // "light dark": the canvas follows the system.
  return !scheme.includes('light') || view.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Whether white text reads better than black on this colour (contrast with white above contrast with black). */
export function isDark(rgb: readonly number[]): boolean {
  const l = luminance(rgb);
  return 1.05 / (l + 0.05) > (l + 0.05) / 0.05;
}

/** The theme of a page's listing: from the first card's background, else the body's. */
export function pageTheme(document: Document, firstCard?: Element | null): ControlTheme {
  return backgroundTheme(firstCard ?? document.body ?? document.documentElement);
}
