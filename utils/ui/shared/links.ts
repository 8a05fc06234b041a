/**
 * The links a popup result offers, from the record's links only. They were validated at capture, and
 * are checked again here with the capture's own rule (`safeHttpUrl`): anything that is not http(s), or
 * carries credentials, or is over-long, is not a link.
 */
import type { PaperLinks, PaperRecord } from '../../paper/record';
import { safeHttpUrl } from '../../paper/sanitize';

export type LinkKind = keyof PaperLinks;

export interface PaperLink {
  kind: LinkKind;
  label: string;
  url: string;
}

const LINKS: readonly [LinkKind, string][] = [
  ['hf', 'HF'],
  ['arxiv', 'arXiv'],
  ['pdf', 'PDF'],
  ['github', 'Code'],
  ['project', 'Project'],
];

const checked = new WeakMap<PaperLinks, PaperLink[]>();

export function paperLinks(record: Pick<PaperRecord, 'links'>): PaperLink[] {
  const links = record.links ?? {};
  let found = checked.get(links); // a result list re-renders on every keystroke: parse each URL once
  if (!found) {
    found = LINKS.flatMap(([kind, label]) => {
      const url = safeHttpUrl(links[kind]);
      return url ? [{ kind, label, url }] : [];
    });
    checked.set(links, found);
  }
  return found;
}

/** What Enter opens: the HF page, else the arXiv page, else any link. */
export function primaryLink(record: Pick<PaperRecord, 'links'>): PaperLink | undefined {
  return paperLinks(record)[0];
}
