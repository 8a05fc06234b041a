import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '@/utils/paper/record';
import { type ResultRow, toResultRow } from '@/utils/search/result-row-table';
import { parseFirstScreen, readFirstScreen, FIRST_SCREEN_KEY, FIRST_SCREEN_SIZE, firstScreenText, writeFirstScreen } from '@/utils/ui/popup/first-screen';

const NOW = Date.UTC(2026, 10, 27, 12);

function paper(at: number, fields: Partial<PaperRecord> = {}): ResultRow {
  return toResultRow({
    id: `2511.${String(10000 + at)}`,
    title: `Paper ${at}`,
    abstract: 'A long abstract that the snapshot does not keep.',
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'],
    links: { hf: `https://huggingface.co/papers/2511.${10000 + at}`, arxiv: `https://arxiv.org/abs/2511.${10000 + at}` },
    firstSeenAt: NOW - 86_400_000,
    lastSeenAt: NOW - at * 60_000,
    seenCount: 2,
    seenOn: [{ site: 'hf', kind: 'daily', label: 'Daily 2026-11-27', url: 'https://huggingface.co/papers/date/2026-11-27', lastAt: NOW, count: 2 }],
    sites: ['hf'],
    tags: ['to-read'],
    updatedAt: NOW,
    ...fields,
  });
}

/** A Storage in memory (happy-dom has one too; this one can also refuse writes). */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  constructor(private readonly full = false) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

/** The snapshot text with its first paper changed by `change`. */
function tampered(change: (first: Record<string, unknown>) => void): string {
  const parsed = JSON.parse(firstScreenText([paper(0), paper(1)])) as { papers: Record<string, unknown>[] };
  change(parsed.papers[0]!);
  return JSON.stringify(parsed);
}

describe('popup snapshot', () => {
  it('keeps the result rows of the first screenful and gives them back as they were', () => {
    const papers = Array.from({ length: 30 }, (_, at) => paper(at, at === 1 ? { savedAt: NOW, readAt: NOW } : {}));
    const back = parseFirstScreen(firstScreenText(papers))!;
    expect(back).toHaveLength(FIRST_SCREEN_SIZE);
    expect(back.map((record) => record.id)).toEqual(papers.slice(0, FIRST_SCREEN_SIZE).map((record) => record.id));
    expect(back[0]).toEqual({
      id: '2511.10000',
      title: 'Paper 0',
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
      authorCount: 4,
      links: papers[0]!.links,
      seenLabel: 'Daily 2026-11-27',
      lastSeenAt: papers[0]!.lastSeenAt,
      seenCount: 2,
      tags: ['to-read'],
    });
    expect(back[1]).toMatchObject({ savedAt: NOW, readAt: NOW });
  });

  it('drops links that are not http(s) when writing', () => {
    const [back] = parseFirstScreen(firstScreenText([paper(0, { links: { hf: 'javascript:alert(1)', arxiv: 'https://arxiv.org/abs/2511.10000' } })]))!;
    expect(back!.links).toEqual({ arxiv: 'https://arxiv.org/abs/2511.10000' });
  });

  it.each<[string, string | null | undefined]>([
    ['nothing', null],
    ['an empty string', ''],
    ['broken JSON', '{"v":1,"papers":['],
    ['another version', tampered(() => undefined).replace('"v":2', '"v":1')],
    ['no papers', JSON.stringify({ v: 2, papers: [] })],
    ['not an object', '[1,2,3]'],
    ['papers not a list', JSON.stringify({ v: 2, papers: {} })],
    ['too many papers', firstScreenText([]).replace('[]', JSON.stringify(Array.from({ length: FIRST_SCREEN_SIZE + 1 }, (_, at) => JSON.parse(firstScreenText([paper(at)])).papers[0])))],
    ['a paper that is not an object', JSON.stringify({ v: 2, papers: ['x'] })],
    ['a missing id', tampered((first) => delete first.id)],
    ['an empty id', tampered((first) => (first.id = ''))],
    ['a numeric title', tampered((first) => (first.title = 42))],
    ['a title far too long', tampered((first) => (first.title = 'x'.repeat(5_000)))],
    ['authors not strings', tampered((first) => (first.authors = [{ name: 'x' }]))],
    ['more authors than a row keeps', tampered((first) => (first.authors = ['a', 'b', 'c', 'd']))],
    ['an author count below the authors listed', tampered((first) => (first.authorCount = 1))],
    ['tags not a list', tampered((first) => (first.tags = 'to-read'))],
    ['a time that is not a number', tampered((first) => (first.lastSeenAt = '2026-11-27'))],
    ['an infinite time', tampered((first) => (first.savedAt = 1e400))],
    ['a fractional count', tampered((first) => (first.seenCount = 1.5))],
    ['a javascript: link', tampered((first) => (first.links = { hf: 'javascript:alert(1)' }))],
    ['a link with credentials', tampered((first) => (first.links = { hf: 'https://user:secret@huggingface.co/papers/1' }))],
    ['links not an object', tampered((first) => (first.links = 'https://x.org'))],
    ['a place label not text', tampered((first) => (first.seenLabel = ['Daily']))],
    ['the same paper twice', tampered((first) => (first.id = '2511.10001'))],
  ])('is ignored as a whole with %s', (_, text) => {
    expect(parseFirstScreen(text)).toBeUndefined();
  });

  it('keeps markup as text (the list renders it as text)', () => {
    const [back] = parseFirstScreen(firstScreenText([paper(0, { title: '<img src=x onerror=alert(1)>' })]))!;
    expect(back!.title).toBe('<img src=x onerror=alert(1)>');
  });

  it('is written only when it changed, removed for an empty list, and storage errors are ignored', () => {
    const storage = new MemoryStorage();
    expect(readFirstScreen(storage)).toBeUndefined();
    writeFirstScreen([paper(0), paper(1)], storage);
    const text = storage.getItem(FIRST_SCREEN_KEY);
    expect(readFirstScreen(storage)?.map((record) => record.title)).toEqual(['Paper 0', 'Paper 1']);
    let writes = 0;
    const counting = Object.assign(storage, { setItem: ((set) => (key: string, value: string) => (writes++, set(key, value)))(storage.setItem.bind(storage)) });
    writeFirstScreen([paper(0), paper(1)], counting);
    expect(writes).toBe(0);
    expect(storage.getItem(FIRST_SCREEN_KEY)).toBe(text);
    writeFirstScreen([], storage);
    expect(storage.getItem(FIRST_SCREEN_KEY)).toBeNull();

    const full = new MemoryStorage(true);
    expect(() => writeFirstScreen([paper(0)], full)).not.toThrow();
    expect(readFirstScreen(full)).toBeUndefined();
    const broken = { getItem: () => { throw new Error('denied'); } } as unknown as Storage;
    expect(readFirstScreen(broken)).toBeUndefined();
    expect(() => writeFirstScreen([paper(0)], broken)).not.toThrow();
  });
});
