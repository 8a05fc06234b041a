// Bundled by the bench and injected into the extension's popup page: fills the real library with a
// synthetic corpus (as if captured) and stores its search index through the same code the popup uses.
import { PaperdexDB } from '@/utils/library/schema';
import { SEARCH_LIMIT } from '@/utils/ui/popup/paper-list';
import { LibraryIndex } from '@/utils/search/library-index';
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl } from '@/utils/paper/arxiv-id';
import { generateCorpus } from './search-corpus';

const FILL_PAGE = 2_000;

async function fillLibrary(size: number): Promise<{ targets: string[]; queries: unknown[]; typing: unknown[]; fillMs: number; indexMs: number }> {
  const started = performance.now();
  const corpus = generateCorpus(size);
  const db = new PaperdexDB();
  const now = Date.now();
  const records = corpus.records.map((record, at) => {
    // Spread sightings over the last months, newest last, as a real library would have them.
    const seenAt = now - (corpus.records.length - at) * 7 * 60_000;
    return {
      ...record,
      links: { hf: hfPaperUrl(record.id), arxiv: arxivAbsUrl(record.id), pdf: arxivPdfUrl(record.id) },
      firstSeenAt: seenAt,
      lastSeenAt: seenAt,
      updatedAt: seenAt,
      seenOn: [{ site: 'hf' as const, kind: 'daily' as const, label: 'Daily', url: 'https://huggingface.co/papers', lastAt: seenAt, count: 1 }],
    };
  });
  for (let at = 0; at < records.length; at += FILL_PAGE) await db.papers.bulkPut(records.slice(at, at + FILL_PAGE));
  const filled = performance.now();
  const index = await LibraryIndex.open(db);
  await index.save();
  const indexed = performance.now();
  db.close();
  return { targets: corpus.targets, queries: corpus.queries, typing: corpus.typing, fillMs: filled - started, indexMs: indexed - filled };
}

/** Top-5 hits of the planted papers, through the popup's own search code (and its number of candidates). */
async function plantedHits(queries: { query: string; target?: number }[], targets: string[]): Promise<{ hits: number; of: number; misses: string[] }> {
  const db = new PaperdexDB();
  const index = await LibraryIndex.open(db);
  let hits = 0;
  let of = 0;
  const misses: string[] = [];
  for (const { query, target } of queries) {
    if (target === undefined) continue;
    of++;
    const top = index.searchRows(query, { limit: 5, candidates: SEARCH_LIMIT }).hits.map((hit) => hit.record.id);
    if (top.includes(targets[target]!)) hits++;
    else misses.push(query);
  }
  db.close();
  return { hits, of, misses };
}

(globalThis as unknown as { paperdexPopupBench: unknown }).paperdexPopupBench = { fillLibrary, plantedHits };
