/**
 * Regenerates the extension icons: public/icon/icon.svg and public/icon/{16,32,48,128}.png.
 *
 *   npx tsx tests/tools/make-icons.ts
 *
 * The mark is drawn on a 128-unit grid whose main edges fall on multiples of 8, so every shape lands on
 * whole pixels at 16 px. Sizes below 48 px drop the thin text lines, which would only blur there.
 * Rendering uses Chromium (CHROMIUM_PATH or /usr/bin/chromium) through playwright-core.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const OUT_DIR = fileURLToPath(new URL('../../public/icon/', import.meta.url));
const SIZES = [16, 32, 48, 128] as const;

const INDIGO_TOP = '#4f46e5';
const INDIGO_BOTTOM = '#312e81';
const RIBBON = '#4338ca';
const LINE = '#c7d2fe';

/** The Paperdex mark: a white page with a folded corner and an indigo bookmark, on an indigo tile. */
export function iconSvg({ size = 128, detail = true }: { size?: number; detail?: boolean } = {}): string {
  const lines = detail
    ? `
  <rect x="44" y="80" width="40" height="6" rx="3" fill="${LINE}"/>
  <rect x="44" y="90" width="28" height="6" rx="3" fill="${LINE}"/>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${INDIGO_TOP}"/>
      <stop offset="1" stop-color="${INDIGO_BOTTOM}"/>
    </linearGradient>
  </defs>
  <rect width="128" height="128" rx="28" fill="url(#tile)"/>
  <!-- page: x 32..96, y 24..104, top-right corner folded by 16 -->
  <path d="M32 24H80L96 40V104H32Z" fill="#ffffff"/>
  <path d="M80 24V40H96Z" fill="${LINE}"/>
  <!-- bookmark ribbon hanging from the page's top edge -->
  <path d="M48 24H72V72L60 62L48 72Z" fill="${RIBBON}"/>${lines}
</svg>
`;
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(path.join(OUT_DIR, 'icon.svg'), iconSvg());

  const browser = await chromium.launch({
    headless: true,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const svg = iconSvg({ size, detail: size >= 48 });
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent"><style>svg{display:block}</style>${svg}</body></html>`,
      );
      const file = path.join(OUT_DIR, `${size}.png`);
      await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await browser.close();
  }
}

await main();
