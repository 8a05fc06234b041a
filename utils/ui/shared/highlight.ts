/**
 * Highlighting as plain string pieces (never HTML): the words of `text` whose folded form the search
 * matched are marked.
 */
import { foldText } from '../../search/normalize';

export interface TextPiece {
  text: string;
  hit: boolean;
}

const WORDS = /[\p{L}\p{N}]+/gu;

export function highlightPieces(text: string, terms: ReadonlySet<string>): TextPiece[] {
  if (terms.size === 0 || !text) return [{ text, hit: false }];
  const pieces: TextPiece[] = [];
  let at = 0;
  const push = (piece: string, hit: boolean) => {
    if (!piece) return;
    const last = pieces.at(-1);
    if (last && last.hit === hit) last.text += piece;
    else pieces.push({ text: piece, hit });
  };
  for (const match of text.matchAll(WORDS)) {
    const start = match.index;
    push(text.slice(at, start), false);
    push(match[0], terms.has(foldText(match[0])));
    at = start + match[0].length;
  }
  push(text.slice(at), false);
  return pieces;
}
