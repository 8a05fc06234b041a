import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Firefox smoke test: the Firefox build (.output/firefox-mv2) in Debian's firefox-esr over WebDriver BiDi
// (puppeteer-core). `npm run test:firefox` builds first. Runs in Node; the library is Firefox's own IndexedDB.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@/': root, '~/': root } },
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    fileParallelism: false,
  },
});
