/**
 * BibTeX export: one arXiv-style `@misc` entry per paper, the way arXiv and most reference managers
 * write preprints:
 *
 *   @misc{vaswani2017attention,
 *     title = {Attention Is All You Need},
 *     author = {Ashish Vaswani and Noam Shazeer},
 *     year = {2017},
 *     eprint = {1706.03762},
 *     archivePrefix = {arXiv},
 *     primaryClass = {cs.CL},
 *     url = {https://arxiv.org/abs/1706.03762},
 *     abstract = {…},
 *     keywords = {to-read, transformers}
 *   }
 *
 * Citation keys: first author's family name, year, first significant title word, ASCII lowercase
 * (`vaswani2017attention`); a paper with neither authors nor title gets `arxiv_<id>`. Keys are
 * deterministic from the papers' content; when several papers share a key, the one with the oldest
 * arXiv id keeps it and the others get `b`, `c`, … in id order (so exporting a newer paper later does
 * not rename an older one's key). An export of a selection disambiguates against the whole library
 * (`CitationContext`), so a paper's key is the same in it as in an export of everything.
 * Text is escaped for LaTeX (`\ { } $ & % # _ ^ ~ < >`); braces become `\textbraceleft{}` and
 * `\textbraceright{}` because BibTeX counts every brace, escaped or not, when it reads a field.
 * Non-ASCII text is kept as UTF-8 (biber and bibtex with inputenc read it).
 */
import { stripBidiControls } from '../../paper/bidi';
import type { PaperRecord } from '../../paper/record';
import { runSteps, sortInSteps, type Steps } from './steps';

const LATEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

// Runs of white space or control characters, and single ones other than a space: each becomes one space.
// (Matching single spaces too, as `\s+` did, rebuilt every abstract: the largest cost of a BibTeX export.)
// eslint-disable-next-line no-control-regex
const SPACE_RUNS = /[\s\u0000-\u001f\u007f]{2,}|[^\S ]|[\u0000-\u001f\u007f]/g;

/** Text as LaTeX that prints it literally, on one line. */
export function escapeLatex(text: string): string {
  // Bidirectional controls stored by versions before they were stripped on the way in go here too.
  return stripBidiControls(text).replace(SPACE_RUNS, ' ').trim().replace(/[\\{}$&%#_^~<>]/g, (char) => LATEX_SPECIAL[char]!);
}

/** An author for `author = {…}`: a name with a top-level "and" or a comma is braced (one name, as is). */
function bibtexName(name: string): string {
  const escaped = escapeLatex(name);
  return /\band\b|,/i.test(escaped) ? `{${escaped}}` : escaped;
}

const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lowercase ASCII letters and digits only: `Ólafsdóttir` → `olafsdottir`. */
export function asciiKeyPart(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæœøłđðþı]/g, (char) => FOLDED[char]!)
    .replace(/[^a-z0-9]/g, '');
}

const STOP_WORDS = new Set('a an the on of for in to towards toward with via from and is are do does what why how when can we our at by'.split(' '));

/**
 * Publication year: from `publishedAt` (the record's date text, or epoch ms as the library page's rows
 * keep it), else from the arXiv id (`2501.…` → 2025, `hep-th/9901…` → 1999).
 */
export function paperYear(record: { id: string; publishedAt?: string | number | undefined }): number {
  if (record.publishedAt !== undefined && record.publishedAt !== '') {
    const year = new Date(record.publishedAt).getUTCFullYear();
    if (Number.isFinite(year)) return year;
  }
  const yy = Number((record.id.includes('/') ? record.id.split('/')[1]! : record.id).slice(0, 2));
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}

/** The arXiv primary class: the stored category, else the archive of an old-style id (`hep-th/…`). */
function primaryClass(record: PaperRecord): string | undefined {
  if (record.primaryCategory) return record.primaryCategory;
  return record.id.includes('/') ? record.id.split('/')[0] : undefined;
}

function familyName(author: string): string {
  const name = author.trim();
  if (name.includes(',')) return name.split(',')[0]!;
  const parts = name.split(/\s+/);
  return parts.at(-1) ?? '';
}

/** What a citation key is made of: a paper in the export, or one of the rest of the library (`CitationContext`). */
export interface CitationSource {
  id: string;
  title?: string | undefined;
  firstAuthor?: string | undefined;
  publishedAt?: string | number | undefined;
}

/**
 * The rest of the library, for an export of a selection: its papers' keys take part in disambiguation,
 * so a selected paper gets the key it has in an export of the whole library.
 */
export type CitationContext = () => Iterable<CitationSource>;

/** The key before disambiguation. */
export function baseCitationKey(record: PaperRecord): string {
  return baseKeyOf({ id: record.id, title: record.title, firstAuthor: record.authors?.[0], publishedAt: record.publishedAt });
}

export function baseKeyOf(record: CitationSource): string {
  const author = record.firstAuthor ? asciiKeyPart(familyName(record.firstAuthor)) : '';
  const word = (record.title ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .map(asciiKeyPart)
    .find((part) => part.length > 1 && !STOP_WORDS.has(part)) ?? '';
  if (!author && !word) return `arxiv_${record.id.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase()}`;
  return `${author || 'anon'}${paperYear(record)}${word}`;
}

function suffix(n: number): string {
  // 1 → b, 2 → c, …, 25 → z, 26 → ba, …
  let out = '';
  let rest = n;
  do {
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return out;
}

/** Older ids first: by year, then by id (new-style ids sort chronologically within a year). */
function byAge(a: { year: number; id: string }, b: { year: number; id: string }): number {
  return a.year - b.year || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export type KeyedPaper = { id: string; base: string; year: number };

/** Unique citation keys for a set of papers (id → key), deterministic for the set. */
export function citationKeys(papers: readonly KeyedPaper[]): Map<string, string> {
  return runSteps(citationKeySteps(papers));
}

/** `citationKeys` as steps (`steps.ts`): an export of 50k papers sorts its keys between the page's tasks. */
export function* citationKeySteps(papers: readonly KeyedPaper[]): Steps<Map<string, string>> {
  const sorted = yield* sortInSteps(papers, (a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : byAge(a, b)));
  const bases = new Set<string>();
  for (let at = 0; at < sorted.length; at++) {
    bases.add(sorted[at]!.base);
    if (at % 4_096 === 4_095) yield;
  }
  const used = new Set<string>();
  const keys = new Map<string, string>();
  // The next suffix to try per base: the ones before it stay taken, so thousands of papers sharing a
  // base don't each try every suffix again from b.
  const nextSuffix = new Map<string, number>();
  for (let at = 0; at < sorted.length; at++) {
    const paper = sorted[at]!;
    let key = paper.base;
    let n = nextSuffix.get(paper.base) ?? 1;
    // A suffixed key must not take another paper's own base key either.
    while (used.has(key) || (key !== paper.base && bases.has(key))) key = `${paper.base}${suffix(n++)}`;
    nextSuffix.set(paper.base, n);
    used.add(key);
    keys.set(paper.id, key);
    if (at % 2_048 === 2_047) yield;
  }
  return keys;
}

/** One entry's fields (everything after the key), ending with the closing brace and a blank line. */
export function bibtexFields(record: PaperRecord): string {
  const fields: [string, string][] = [];
  if (record.title) fields.push(['title', escapeLatex(record.title)]);
  if (record.authors?.length) fields.push(['author', record.authors.map(bibtexName).join(' and ')]);
  // No author (a paper saved by id): the styles sort and label such an entry by `key`.
  else fields.push(['key', `arXiv ${record.id}`]);
  fields.push(['year', String(paperYear(record))]);
  fields.push(['eprint', record.id]);
  fields.push(['archivePrefix', 'arXiv']);
  const category = primaryClass(record);
  if (category) fields.push(['primaryClass', category]);
  fields.push(['url', `https://arxiv.org/abs/${record.id}`]);
  if (record.abstract) fields.push(['abstract', escapeLatex(record.abstract)]);
  if (record.tags.length) fields.push(['keywords', escapeLatex(record.tags.join(', '))]);
  return `${fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n')}\n}\n\n`;
}

export function bibtexEntry(key: string, fields: string): string {
  return `@misc{${key},\n${fields}`;
}
