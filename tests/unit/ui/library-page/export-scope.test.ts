import { describe, expect, it } from 'vitest';
import { exportDoneText, exportLabel, exportProgressLabel } from '@/components/library-page/export-scope';

describe('export scope wording', () => {
  it('every export button says what it exports: the library with its size, or the selection', () => {
    expect(exportLabel({ kind: 'library', count: 4210 })).toBe('Export library (4,210)');
    expect(exportLabel({ kind: 'library', count: undefined })).toBe('Export library');
    expect(exportLabel({ kind: 'selection', ids: ['a', 'b', 'c'] })).toBe('Export 3 selected');
  });

  it('the progress and the outcome say the same scope as the button', () => {
    expect(exportProgressLabel({ kind: 'library', count: 4210 }, 'csv')).toBe('Exporting the library as CSV');
    expect(exportProgressLabel({ kind: 'selection', ids: ['a'] }, 'bibtex')).toBe('Exporting 1 selected paper as BibTeX');
    expect(exportDoneText({ kind: 'library', count: 4210 }, 4210, 'paperdex-library-2026-12-07.json')).toBe('Exported the library (4,210 papers) to paperdex-library-2026-12-07.json.');
    expect(exportDoneText({ kind: 'selection', ids: ['a', 'b', 'c'] }, 3, 'paperdex-selection-2026-12-07.csv')).toBe('Exported 3 selected papers to paperdex-selection-2026-12-07.csv.');
  });
});
