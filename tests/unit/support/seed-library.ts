/**
 * The 62 real papers of tests/fixtures/hf/seed-papers.json as library records, with a few tags added
 * here (the fixture has none). Authors and ids there are generated, so tests pick them by what they
 * are (a paper's own id, a surname found on one paper only), never by a hard-coded name.
 */
import type { PaperRecord } from '@/utils/paper/record';
import { searchPapersSync, type SearchOptions, type SearchOutcome } from '@/utils/search/search-library';
import { WordIndex } from '@/utils/search/word-index';
import { fixtureText } from './load-fixture';

interface SeedPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
}

/** Tags by title prefix: a reading list, a topic, a made-up label. */
const TAGS: [titleStart: string, tags: string[]][] = [
  ['Householder Projector', ['toread']],
  ['T-JEPA', ['tabular', 'ssl']],
  ['Self-supervised Learning for Large-scale Item Recommendations', ['ssl', 'recsys']],
  ['Disentangled Contrastive Collaborative Filtering', ['recsys']],
  ['Differentiable Neural Input Search for Recommender Systems', ['recsys']],
  ['Direct3D', ['3d']],
  ['WildFusion', ['3d']],
];

export function seedRecords(): PaperRecord[] {
  const seed = JSON.parse(fixtureText('hf/seed-papers.json')) as SeedPaper[];
  return seed.map((paper, at) => ({
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    links: {},
    tags: TAGS.find(([start]) => paper.title.startsWith(start))?.[1] ?? [],
    firstSeenAt: 1_700_000_000_000 + at * 60_000,
    lastSeenAt: 1_700_000_000_000 + at * 60_000,
    seenCount: 1,
    seenOn: [],
    sites: ['hf'],
    updatedAt: 1_700_000_000_000 + at * 60_000,
  }));
}

export function paperTitled(records: readonly PaperRecord[], titleStart: string): PaperRecord {
  const found = records.find((record) => record.title.startsWith(titleStart));
  if (!found) throw new Error(`no seed paper titled "${titleStart}…"`);
  return found;
}

/** A library over records held in memory, searched the way the popup does. */
export class TestLibrary {
  readonly byId: Map<string, PaperRecord>;
  index: WordIndex;

  constructor(records: readonly PaperRecord[]) {
    this.byId = new Map(records.map((record) => [record.id, record]));
    this.index = WordIndex.build(records);
  }

  search(query: string, options: SearchOptions = {}): SearchOutcome {
    const onError = (error: unknown): void => {
      throw new Error(`search failed for ${JSON.stringify(query.slice(0, 40))}: ${String(error)}`);
    };
    return searchPapersSync(this.index, (ids) => ids.map((id) => this.byId.get(id)), query, { onError, ...options });
  }

  titles(query: string, options: SearchOptions = {}): string[] {
    return this.search(query, options).hits.map((hit) => hit.record.title);
  }
}
