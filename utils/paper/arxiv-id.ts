/**
 * arXiv identifiers: new style `2501.01234` (4 digits after the dot until 2014, 5 since) and old style
 * `hep-th/9901001` / `math.GT/0309136`, each with an optional version `vN`. The library keys papers on
 * the bare id; the version is kept beside it.
 */
const NEW_STYLE = /^(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v(\d{1,3}))?$/;
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v(\d{1,3}))?$/;

export interface ArxivId {
  /** Bare id, the primary key of a paper. */
  id: string;
  /** Version number when the source named one (`v2` → 2). */
  version?: number;
}

/** Parses a bare or versioned arXiv id; anything else (URLs, padding, junk) gives `undefined`. */
export function parseArxivId(raw: string): ArxivId | undefined {
  if (raw.length > 40) return undefined;
  const match = NEW_STYLE.exec(raw) ?? OLD_STYLE.exec(raw);
  if (!match) return undefined;
  const id = match[1]!;
  if (!id.includes('/')) {
    // Four digits after the dot from 0704 to 1412, five since 1501.
    const [yymm, serial] = id.split('.') as [string, string];
    if (Number(yymm) < 704 || serial.length !== (Number(yymm) >= 1501 ? 5 : 4)) return undefined;
  }
  const version = match[2] === undefined ? undefined : Number(match[2]);
  if (version === 0) return undefined;
  return version === undefined ? { id } : { id, version };
}

export function isArxivId(raw: string): boolean {
  const parsed = parseArxivId(raw);
  return parsed !== undefined && parsed.version === undefined;
}

/** `/papers/2501.01234`, `/papers/2501.01234v2/` → the id; listing, date and search paths → undefined. */
const HF_PAPER_PATH = /^\/papers\/(\d{4}\.\d{4,5}(?:v\d{1,3})?)\/?$/;

export function arxivIdFromHfPath(pathname: string): ArxivId | undefined {
  const match = HF_PAPER_PATH.exec(pathname);
  return match ? parseArxivId(match[1]!) : undefined;
}

export function hfPaperUrl(id: string): string {
  return `https://huggingface.co/papers/${id}`;
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}
