/**
 * Node micro-bench of the library search (word index prefilter → Fuse.js rerank) over synthetic
 * libraries. Run: `npx tsx tests/bench/search-micro.ts [--rich] [sizes…]` (default 10000 50000);
 * `--rich` adds 12 made-up rare words per abstract, for a real-sized vocabulary (~370k words at 50k).
 * Reports build / serialize / structured clone / restore times, sizes, heap, query and per-keystroke
 * latency (prefilter alone and the whole search), and top-5 hits of the planted papers.
 * Each timing round uses a freshly restored index, so the per-word expansion cache starts cold.
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { PaperRecord } from '@/utils/paper/record';
import { searchPapersSync } from '@/utils/search/search-library';
import { WordIndex, type SerializedWordIndex } from '@/utils/search/word-index';
import { generateCorpus, type SyntheticCorpus } from './search-corpus';
import { formatMs, summarize } from './stats';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const ROUNDS = 5;

function heapMB(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 2 ** 20;
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
}

function serializedBytes(data: SerializedWordIndex): number {
  let bytes = 0;
  for (const value of Object.values(data)) {
    if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (Array.isArray(value)) for (const text of value as string[]) bytes += Buffer.byteLength(text) + 1;
  }
  return bytes;
}

function median(values: number[]): number {
  return summarize(values).median;
}

function benchSize(size: number, rich: boolean): void {
  const [corpus, generateMs] = timed(() => generateCorpus(size, 42, { rareWordsPerAbstract: rich ? 12 : 0 }));
  const byId = new Map(corpus.records.map((record) => [record.id, record]));
  const lookup = (ids: readonly string[]): (PaperRecord | undefined)[] => ids.map((id) => byId.get(id));
  const corpusHeap = heapMB();

  let [built, buildMs] = timed(() => WordIndex.build(corpus.records)) as [WordIndex | undefined, number];
  const builtHeap = heapMB() - corpusHeap;
  const stats = built!.stats();
  let [serialized, serializeMs] = timed(() => built!.serialize()) as [SerializedWordIndex | undefined, number];
  const bytes = serializedBytes(serialized!);
  let [cloned, cloneMs] = timed(() => v8.serialize(serialized)) as [Buffer | undefined, number];
  serialized = undefined;
  const clonedBytes = cloned!.length;
  built = undefined;
  const [fromClone, deserializeMs] = timed(() => v8.deserialize(cloned!) as SerializedWordIndex);
  cloned = undefined;
  const [restoredIndex, restoreMs] = timed(() => WordIndex.restore(fromClone));
  const restoredHeap = heapMB() - corpusHeap;
  const fresh = (): WordIndex => WordIndex.restore(fromClone);

  // Latency: every query once per round, each round on a fresh index (cold expansion cache).
  const search = (index: WordIndex, query: string) => searchPapersSync(index, lookup, query, { limit: 10 });
  const perQuery = corpus.queries.map(() => [] as number[]);
  const perQueryPrefilter = corpus.queries.map(() => [] as number[]);
  for (let round = 0; round <= ROUNDS; round++) {
    const index = fresh();
    const prefilterOnly = fresh();
    corpus.queries.forEach(({ query }, q) => {
      const [, ms] = timed(() => search(index, query));
      const [, prefilterMs] = timed(() => prefilterOnly.search(query, 50));
      if (round > 0) {
        perQuery[q]!.push(ms);
        perQueryPrefilter[q]!.push(prefilterMs);
      }
    });
  }
  const queryTimes = summarize(perQuery.map(median));
  const prefilterTimes = summarize(perQueryPrefilter.map(median));

  const keystrokes: number[][] = [];
  let emptyKeystrokes = 0;
  let typingTargetTop5 = 0;
  let typingTargetKeystrokes = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const index = fresh();
    let k = 0;
    for (const { text, target } of corpus.typing) {
      for (let end = 1; end <= text.length; end++, k++) {
        const [outcome, ms] = timed(() => search(index, text.slice(0, end)));
        if (round === 0) continue;
        (keystrokes[k] ??= []).push(ms);
        if (round === 1) {
          if (outcome.hits.length === 0) emptyKeystrokes++;
          if (target !== undefined && end === text.length) {
            typingTargetKeystrokes++;
            if (outcome.hits.slice(0, 5).some((hit) => hit.record.id === corpus.targets[target])) typingTargetTop5++;
          }
        }
      }
    }
  }
  const typingTimes = summarize(keystrokes.map(median));

  const hits = quality(corpus, restoredIndex, search);

  const hostile = [
    'a'.repeat(2000),
    'latent diffusion '.repeat(120),
    Array.from({ length: 12 }, (_, i) => 'qwertyuiopasdfghjklzxcvbnm'.slice(i, i + 14)).join(' '),
    "' ! ^ | = ( [ \\ $",
    '🙂 注意力 внимание',
    'e a i o u s t',
  ];
  const hostileTimes = hostile.map((query) => {
    const index = fresh();
    return timed(() => search(index, query))[1];
  });

  // Incremental work on the restored index: one page view of 30 new papers, one retag, then persisting.
  const page = generateCorpus(30, size + 1).records;
  const [, addMs] = timed(() => page.forEach((record) => restoredIndex.add(record)));
  const retagged = { ...corpus.records[123]!, tags: ['retagged'] };
  const [, retagMs] = timed(() => restoredIndex.update(retagged));
  const [withEdits, editedSerializeMs] = timed(() => restoredIndex.serialize());
  const [, editedRestoreMs] = timed(() => WordIndex.restore(withEdits));
  const [, compactMs] = timed(() => restoredIndex.compact());

  const row = (label: string, value: string): void => console.log(`| ${label} | ${value} |`);
  console.log(`\n### ${size.toLocaleString('en')} papers${rich ? ', rich vocabulary' : ''} (corpus generated in ${(generateMs / 1000).toFixed(1)} s, corpus heap ${corpusHeap.toFixed(0)} MB)\n`);
  console.log('| measure | value |\n|---|---:|');
  row('vocabulary words / postings', `${stats.words.toLocaleString('en')} / ${stats.postings.toLocaleString('en')}`);
  row('build (WordIndex.build)', `${(buildMs / 1000).toFixed(2)} s`);
  row('serialize (no compaction needed)', `${formatMs(serializeMs)} ms`);
  row('serialized size: typed arrays + UTF-8 strings', `${(bytes / 2 ** 20).toFixed(1)} MB`);
  row('structured clone (v8.serialize) size / time', `${(clonedBytes / 2 ** 20).toFixed(1)} MB / ${formatMs(cloneMs)} ms`);
  row('v8.deserialize (≈ IndexedDB read)', `${formatMs(deserializeMs)} ms`);
  row('WordIndex.restore', `${formatMs(restoreMs)} ms`);
  row('heap of the index, built / restored (corpus excluded)', `${builtHeap.toFixed(1)} MB / ${restoredHeap.toFixed(1)} MB`);
  row(`query p50 / p95, whole search (${corpus.queries.length} queries)`, `${formatMs(queryTimes.median)} / ${formatMs(queryTimes.p95)} ms (max ${formatMs(queryTimes.max)})`);
  row('query p50 / p95, prefilter only (k=50)', `${formatMs(prefilterTimes.median)} / ${formatMs(prefilterTimes.p95)} ms`);
  row(`typing p50 / p95 per keystroke (${keystrokes.length} keystrokes)`, `${formatMs(typingTimes.median)} / ${formatMs(typingTimes.p95)} ms (max ${formatMs(typingTimes.max)})`);
  row(`hostile queries, slowest of ${hostile.length} (2,000 chars, 12 junk words, operators, emoji…)`, `${formatMs(Math.max(...hostileTimes))} ms`);
  row('keystrokes with no results', `${emptyKeystrokes}/${keystrokes.length}`);
  row('planted targets in top 5 (all / typo)', `${hits.all}/${hits.of} / ${hits.typo}/${hits.typoOf}`);
  row('typing targets in top 5 at the last key', `${typingTargetTop5}/${typingTargetKeystrokes}`);
  row('add 30 new papers / retag one', `${formatMs(addMs)} ms / ${formatMs(retagMs)} ms`);
  row('serialize / restore after those edits (overlay kept)', `${formatMs(editedSerializeMs)} ms / ${formatMs(editedRestoreMs)} ms`);
  row('compact()', `${formatMs(compactMs)} ms`);
  if (hits.misses.length) console.log(`\nmissed: ${hits.misses.join('; ')}`);
}

function quality(corpus: SyntheticCorpus, index: WordIndex, search: (index: WordIndex, query: string) => { hits: { record: PaperRecord }[] }) {
  const result = { all: 0, of: 0, typo: 0, typoOf: 0, misses: [] as string[] };
  for (const { query, kind, target } of corpus.queries) {
    if (target === undefined) continue;
    const top5 = search(index, query).hits.slice(0, 5).map((hit) => hit.record.id);
    const hit = top5.includes(corpus.targets[target]!);
    result.of++;
    if (hit) result.all++;
    else result.misses.push(`${query} (${kind})`);
    if (kind === 'typo') {
      result.typoOf++;
      if (hit) result.typo++;
    }
  }
  return result;
}

const args = process.argv.slice(2);
const sizes = args.map(Number).filter((n) => n > 0);
console.log(`Paperdex search micro-bench — Node ${process.version}, ${new Date().toISOString()}`);
for (const size of sizes.length ? sizes : [10_000, 50_000]) benchSize(size, args.includes('--rich'));
