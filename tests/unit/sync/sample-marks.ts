/**
 * A user's marks for the sync tests and bench: papers with two tags and a read flag (the issue's
 * measure), optionally a title, first authors and year, and a note. Deterministic (seeded).
 */
import type { Stamp } from '@/utils/sync/hlc';
import type { PaperMarks } from '@/utils/sync/marks';

export const SAMPLE_NOW = Date.UTC(2026, 11, 1);

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SampleOptions {
  count: number;
  device: string;
  titles?: boolean;
  /** Share of papers with a note (about 120 characters). */
  notes?: number;
  seed?: number;
  /** Stamp each paper's marks at one moment (one action), rather than each at its own time. */
  oneStampPerPaper?: boolean;
}

const WORDS = ['learning', 'diffusion', 'models', 'scaling', 'language', 'vision', 'transformers', 'efficient', 'reasoning', 'retrieval', 'agents', 'benchmark', 'robust', 'sparse', 'attention'];
const SURNAMES = ['Smith', 'Wang', 'Garcia', 'Müller', 'Kim', 'Nguyen', 'Rossi', 'Kowalski', 'Tanaka', 'Okafor'];

export function sampleMarks({ count, device, titles = false, notes = 0, seed = 7, oneStampPerPaper = false }: SampleOptions): Map<string, PaperMarks> {
  const random = seeded(seed);
  const tags = Array.from({ length: 30 }, (_, at) => `${WORDS[at % WORDS.length]}${at >= WORDS.length ? '-2' : ''}`);
  const now = SAMPLE_NOW / 1000;
  const at = (): Stamp => ({ wall: now - Math.floor(random() * 365 * 86_400), counter: 0, device });
  // Ids as arXiv gives them: about 20,000 a month since 2023, the user's marks spread over them.
  const ids = new Set<string>();
  while (ids.size < count) {
    const month = Math.floor(random() * 42);
    const yymm = (23 + Math.floor(month / 12)) * 100 + (month % 12) + 1;
    ids.add(`${yymm}.${String(1 + Math.floor(random() * 20_000)).padStart(5, '0')}`);
  }
  const marks = new Map<string, PaperMarks>();
  for (const id of ids) {
    const first = at();
    const stamp = () => (oneStampPerPaper ? first : at());
    const [a, b] = [tags[Math.floor(random() * tags.length)]!, tags[Math.floor(random() * tags.length)]!];
    const readStamp = stamp();
    const paper: { -readonly [K in keyof PaperMarks]: PaperMarks[K] } = {
      tags: new Map([
        [a, { stamp: stamp(), value: true }],
        [a === b ? `${b}-x` : b, { stamp: stamp(), value: true }],
      ]),
      notes: random() < notes ? [{ stamp: stamp(), text: `Note on ${id}: ${Array.from({ length: 16 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')}.`, covers: [] }] : [],
      read: { stamp: readStamp, value: readStamp.wall * 1000 },
    };
    if (titles) {
      const title = Array.from({ length: 6 + Math.floor(random() * 6) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
      paper.meta = { stamp: first, value: { title: title[0]!.toUpperCase() + title.slice(1), authors: Array.from({ length: 3 }, () => `${'ABCDEFGHJK'[Math.floor(random() * 10)]}. ${SURNAMES[Math.floor(random() * SURNAMES.length)]}`), year: 2023 + Math.floor(random() * 4) } };
    }
    marks.set(id, paper);
  }
  return marks;
}
