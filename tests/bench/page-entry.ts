// Bundled by the bench into an IIFE and injected into a fixture page, so the adapter runs in Chromium's
// real DOM exactly as the content script runs it.
import { parseHfPage } from '@/utils/capture/sites/huggingface';

(globalThis as unknown as { paperdexBench: unknown }).paperdexBench = { parseHfPage };
