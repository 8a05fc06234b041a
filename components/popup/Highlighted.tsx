import { highlightPieces } from '@/utils/ui/shared/highlight';

/** `text` with the searched words in <mark>, built from string pieces (never parsed as HTML). */
export function Highlighted({ text, terms }: { text: string; terms: ReadonlySet<string> }) {
  if (terms.size === 0) return <>{text}</>;
  return <>{highlightPieces(text, terms).map((piece) => (piece.hit ? <mark>{piece.text}</mark> : piece.text))}</>;
}
