// Bundled by tests/bench/arxiv-parse.ts into an IIFE and injected into an arXiv listing page, so the
// adapter runs in Chromium's real DOM exactly as the content script runs it.
import { listCardElements, parseArxivPage } from '@/utils/capture/sites/arxiv';

(globalThis as unknown as { paperdexArxivBench: unknown }).paperdexArxivBench = { parseArxivPage, listCardElements };
