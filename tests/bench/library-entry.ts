// Bundled by the library bench and injected into the extension's library page: fills the real library
// with a synthetic corpus (as if captured over months, some papers saved, read, tagged, some from arXiv)
// and stores its search index through the code the popup and the library page use.
import { PaperdexDB } from '@/utils/library/schema';
import { LibraryIndex } from '@/utils/search/library-index';
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl } from '@/utils/paper/arxiv-id';
import type { PaperRecord } from '@/utils/paper/record';
import { generateCorpus, mulberry32 } from './search-corpus';

const FILL_PAGE = 2_000;
const DAY = 86_400_000;

async function fillLibrary(size: number): Promise<{ typing: string[]; fillMs: number; indexMs: number }> {
  const started = performance.now();
  const corpus = generateCorpus(size);
  const random = mulberry32(7);
  const db = new PaperdexDB();
  const now = Date.now();
  const records: PaperRecord[] = corpus.records.map((record, at) => {
    // Seen over the last ~year, newest last; a third of them seen again later; published before.
    const firstSeenAt = now - (corpus.records.length - at) * ((365 * DAY) / corpus.records.length);
    const lastSeenAt = random() < 0.3 ? Math.min(now, firstSeenAt + random() * 60 * DAY) : firstSeenAt;
    const fromArxiv = random() < 0.2;
    const paper: PaperRecord = {
      ...record,
      links: { hf: hfPaperUrl(record.id), arxiv: arxivAbsUrl(record.id), pdf: arxivPdfUrl(record.id) },
      publishedAt: new Date(firstSeenAt - random() * 400 * DAY).toISOString(),
      firstSeenAt,
      lastSeenAt,
      updatedAt: lastSeenAt,
      sites: fromArxiv ? ['hf', 'arxiv'] : ['hf'],
      seenOn: [{ site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers', lastAt: lastSeenAt, count: 1 }],
    };
    if (random() < 0.1) paper.savedAt = lastSeenAt;
    if (random() < 0.15) paper.readAt = lastSeenAt;
    return paper;
  });
  for (let at = 0; at < records.length; at += FILL_PAGE) await db.papers.bulkPut(records.slice(at, at + FILL_PAGE));
  const filled = performance.now();
  const index = await LibraryIndex.open(db);
  await index.save();
  const indexed = performance.now();
  db.close();
  return { typing: corpus.typing.map((entry) => entry.text), fillMs: filled - started, indexMs: indexed - filled };
}

(globalThis as unknown as { paperdexLibraryBench: unknown }).paperdexLibraryBench = { fillLibrary };
