/**
 * Recognizes a pasted arXiv id or paper URL in the search box, so it can go straight to the paper:
 * `2501.01234`, `2501.01234v2`, `arXiv:2501.01234`, `https://arxiv.org/abs/2501.01234v2`,
 * `arxiv.org/pdf/2501.01234.pdf`, `https://huggingface.co/papers/2501.01234`, old-style `hep-th/9901001`.
 */
import { arxivIdFromHfPath, parseArxivId } from '../paper/arxiv-id';

const ARXIV_PREFIX = /^arxiv:\s*/i;
const ARXIV_HOST = /(^|\.)arxiv\.org$/;
const HF_HOSTS = new Set(['huggingface.co', 'www.huggingface.co', 'hf.co']);
/** `/abs/<id>`, `/pdf/<id>`, `/pdf/<id>.pdf`, `/html/<id>`, `/format/<id>`, with or without a trailing slash. */
const ARXIV_PATH = /^\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?\/?$/;

/** The bare id when the whole query is an id or a paper URL; otherwise `undefined`. */
export function arxivIdFromQuery(query: string): string | undefined {
  const text = query.trim();
  if (!text || text.length > 300 || /\s/.test(text)) return undefined;
  const direct = parseArxivId(text.replace(ARXIV_PREFIX, ''));
  if (direct) return direct.id;
  return idFromUrl(text);
}

function idFromUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase();
  if (ARXIV_HOST.test(host)) {
    const match = ARXIV_PATH.exec(url.pathname);
    return match ? parseArxivId(safeDecode(match[1]!))?.id : undefined;
  }
  if (HF_HOSTS.has(host)) return arxivIdFromHfPath(url.pathname)?.id;
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
