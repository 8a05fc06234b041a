/**
 * A plain list of papers to save: one arXiv id or arXiv / Hugging Face paper URL per line
 * (`2501.01234`, `arXiv:2501.01234v2`, `https://arxiv.org/abs/…`, `…/pdf/….pdf`,
 * `https://huggingface.co/papers/…`). Blank lines and lines starting with `#` are skipped.
 */
import { arxivIdFromQuery } from '../../search/query-id';
import { cleanText } from '../../paper/sanitize';
import type { PaperRef } from '../save-by-id';

/** More lines than any reading list: a bigger file is not a list of ids. */
export const MAX_ID_LINES = 100_000;


export type IdListResult = { ok: true; papers: PaperRef[]; lines: number } | { ok: false; error: string };

const HF_URL = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\//i;

/** The paper a line names, or undefined. */
export function paperRefFromLine(line: string): PaperRef | undefined {
  const id = arxivIdFromQuery(line);
  return id ? { id, hf: HF_URL.test(line.trim()) } : undefined;
}

/** Parses the whole list; the first bad line is the error ("line 3: not a paper id (“foo”)"). */
export function parseIdList(text: string): IdListResult {
  const lines = text.split(/\r\n|\r|\n/);
  // A line break ends the line before it: a final one does not start another.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  if (lines.length > MAX_ID_LINES) return { ok: false, error: `the list has ${lines.length.toLocaleString('en')} lines (at most ${MAX_ID_LINES.toLocaleString('en')})` };
  const papers = new Map<string, PaperRef>();
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at]!.trim();
    if (!line || line.startsWith('#')) continue;
    const ref = paperRefFromLine(line);
    if (!ref) return { ok: false, error: `line ${at + 1}: not a paper id (“${cleanText(line, 60) ?? ''}”)` };
    const known = papers.get(ref.id);
    papers.set(ref.id, known ? { id: ref.id, hf: Boolean(known.hf || ref.hf) } : ref);
  }
  if (!papers.size) return { ok: false, error: 'the file lists no paper ids' };
  return { ok: true, papers: [...papers.values()], lines: lines.length };
}
