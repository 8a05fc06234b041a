import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Host access is limited to the listing pages Paperdex reads.
const HOSTS = ['https://huggingface.co/papers*'];

export default defineConfig({
  srcDir: '.',
  outDir: '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Paperdex',
    description:
      'Remembers every research paper you skim on Hugging Face Papers; search, save and tag them. Your library stays on your device.',
    permissions: ['storage', 'unlimitedStorage'],
    host_permissions: HOSTS,
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'paperdex@paperdex.app',
              strict_min_version: '115.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
