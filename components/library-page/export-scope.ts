/**
 * What an export covers, said the same way on its button, its progress and its outcome: the whole
 * library ("Export library (4,210)") or the selected papers ("Export 3 selected"). A paper being read
 * in the paper view is neither: only a real selection narrows an export.
 */
import type { ExportFormat } from '@/utils/library/io';
import { plural } from '@/utils/ui/shared/plural';

export type ExportScope = { kind: 'library'; count: number | undefined } | { kind: 'selection'; ids: readonly string[] };

export const FORMAT_NAMES: Record<ExportFormat, string> = { json: 'JSON', bibtex: 'BibTeX', csv: 'CSV' };

const count = (n: number) => n.toLocaleString('en-US');

export function scopeSize(scope: ExportScope): number | undefined {
  return scope.kind === 'library' ? scope.count : scope.ids.length;
}

/** The button: "Export library (4,210)", "Export 3 selected". */
export function exportLabel(scope: ExportScope): string {
  if (scope.kind === 'selection') return `Export ${count(scope.ids.length)} selected`;
  return scope.count === undefined ? 'Export library' : `Export library (${count(scope.count)})`;
}

/** While it runs: "Exporting the library as CSV", "Exporting 3 selected papers as JSON". */
export function exportProgressLabel(scope: ExportScope, format: ExportFormat): string {
  const what = scope.kind === 'library' ? 'the library' : `${plural(scope.ids.length, 'selected paper', 'selected papers')}`;
  return `Exporting ${what} as ${FORMAT_NAMES[format]}`;
}

/** The outcome: "Exported the library (4,210 papers) to paperdex-library-2026-03-11.json." */
export function exportDoneText(scope: ExportScope, written: number, fileName: string): string {
  const what = scope.kind === 'library' ? `the library (${plural(written, 'paper', 'papers')})` : plural(written, 'selected paper', 'selected papers');
  return `Exported ${what} to ${fileName}.`;
}
