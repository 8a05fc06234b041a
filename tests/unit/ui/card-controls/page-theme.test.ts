/** The controls follow the colours a page shows, never the system's scheme (arXiv has no dark theme). */
import { afterEach, describe, expect, it } from 'vitest';
import { backgroundTheme, isDark, pageTheme, parseRgb } from '@/utils/ui/card-controls/page-theme';

afterEach(() => {
  document.body.innerHTML = '';
  document.body.removeAttribute('style');
  document.documentElement.removeAttribute('style');
});

describe('page theme', () => {
  it('reads rgb() and rgba() colours, transparent included', () => {
    expect(parseRgb('rgb(255, 255, 255)')).toEqual([255, 255, 255, 1]);
    expect(parseRgb('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
    expect(parseRgb('rgb(11 15 25 / 50%)')).toEqual([11, 15, 25, 0.5]);
    expect(parseRgb('transparent')).toBeUndefined();
  });

  it('dark when white text reads better than black', () => {
    expect(isDark([11, 15, 25])).toBe(true); // HF's gray-950
    expect(isDark([255, 255, 255])).toBe(false);
    expect(isDark([250, 250, 250])).toBe(false);
    expect(isDark([55, 65, 81])).toBe(true);
  });

  it("the first opaque background from the card up: a dark card on a white page is dark, arXiv's white page light", () => {
    document.body.innerHTML = '<div id="page"><div id="card"><span id="title">t</span></div></div>';
    document.body.style.background = 'rgb(255, 255, 255)';
    expect(backgroundTheme(document.getElementById('title'))).toBe('light');
    (document.getElementById('card') as HTMLElement).style.backgroundColor = 'rgb(17, 24, 39)';
    expect(backgroundTheme(document.getElementById('title'))).toBe('dark');
    expect(pageTheme(document)).toBe('light');
  });

  it('a page without any background shows the canvas: light unless the page asks for a dark scheme only', () => {
    document.body.innerHTML = '<p id="text">x</p>';
    expect(pageTheme(document, document.getElementById('text'))).toBe('light');
    document.documentElement.style.setProperty('color-scheme', 'dark');
    expect(pageTheme(document, document.getElementById('text'))).toBe('dark');
  });
});
