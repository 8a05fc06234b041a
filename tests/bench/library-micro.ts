/**
 * The library page's in-memory work at 10k and 50k papers, in Node (CPU only, no browser, no database):
 * making light rows from records, each sort, each filter, counting tags. What a sort or filter change
 * costs before rendering; the browser bench (`npm run bench -- library`) measures the page itself.
 *   npx tsx tests/bench/library-micro.ts
 */
import { toTableRow } from '@/utils/ui/library-page/table-rows';
import { countTags, defaultSort, filterRows, NO_FILTER, sortRows, type LibraryFilter, type SortKey } from '@/utils/ui/library-page/sort-filter';
import type { PaperRecord } from '@/utils/paper/record';
import { generateCorpus, mulberry32 } from './search-corpus';
import { summarize } from './stats';

const DAY = 86_400_000;

function records(size: number): PaperRecord[] {
  const random = mulberry32(7);
  const now = Date.UTC(2026, 10, 1);
  return generateCorpus(size).records.map((record, at) => {
    const firstSeenAt = now - (size - at) * ((365 * DAY) / size);
    const paper: PaperRecord = {
      ...record,
      publishedAt: new Date(firstSeenAt - random() * 400 * DAY).toISOString(),
      firstSeenAt,
      lastSeenAt: random() < 0.3 ? firstSeenAt + random() * 60 * DAY : firstSeenAt,
      sites: random() < 0.2 ? ['hf', 'arxiv'] : ['hf'],
    };
    if (random() < 0.1) paper.savedAt = paper.lastSeenAt;
    if (random() < 0.15) paper.readAt = paper.lastSeenAt;
    return paper;
  });
}

function time(run: () => unknown, repeat = 7): string {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  const { median, max } = summarize(samples);
  return `${median.toFixed(1)} ms (max ${max.toFixed(1)})`;
}

for (const size of [10_000, 50_000]) {
  const library = records(size);
  console.log(`\n## ${size.toLocaleString('en')} papers`);
  console.log(`rows from records: ${time(() => library.map(toTableRow), 3)}`);
  const rows = library.map(toTableRow);
  for (const key of ['lastSeen', 'firstSeen', 'saved', 'published', 'title'] as SortKey[]) console.log(`sort by ${key}: ${time(() => sortRows(rows, defaultSort(key)))}`);
  const sorted = sortRows(rows, defaultSort('lastSeen'));
  const tag = countTags(rows)[0]?.tag ?? 'none';
  const filters: [string, LibraryFilter][] = [
    ['saved', { ...NO_FILTER, status: 'saved' }],
    ['unread', { ...NO_FILTER, status: 'unread' }],
    ['arXiv', { ...NO_FILTER, source: 'arxiv' }],
    [`tag ${tag}`, { ...NO_FILTER, tags: [tag] }],
    ['seen in a month', { ...NO_FILTER, seenFrom: Date.UTC(2026, 5, 1), seenTo: Date.UTC(2026, 6, 1) }],
  ];
  for (const [name, filter] of filters) console.log(`filter ${name}: ${time(() => filterRows(sorted, filter))}`);
  console.log(`count tags: ${time(() => countTags(rows))}`);
}
