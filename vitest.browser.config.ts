import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium driven by Playwright against the built extension (.output/chrome-mv3).
// `npm run test:browser` builds first. Runs in Node (no happy-dom, no fake-indexeddb): the extension's
// own IndexedDB is the real one inside Chromium.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@/': root, '~/': root } },
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    // One Chromium at a time: each file launches its own browser.
    fileParallelism: false,
  },
});
