import { useRef, useState } from 'preact/hooks';
import type { ExportFormat } from '@/utils/library/io';
import type { CitationContext } from '@/utils/library/io/bibtex';
import { plural } from '@/utils/ui/shared/plural';
import { failedWrite } from '@/utils/library/storage/storage-health-browser';
import type { LibraryActions } from './actions';

interface DataPanelProps {
  actions: Pick<LibraryActions, 'exportLibrary' | 'importLibraryFile'>;
  /** The selected papers (exported instead of the whole library when there are any). */
  selectedIds: readonly string[];
  libraryCount: number | undefined;
  /** The whole library's papers, so a selection's BibTeX keys are those of an export of everything. */
  citationContext?: CitationContext;
}

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'json', label: 'Export JSON' },
  { format: 'bibtex', label: 'Export BibTeX' },
  { format: 'csv', label: 'Export CSV' },
];

type Task = { what: string; done: number; total: number } | undefined;

/** Saves a blob as a download from the extension page (no permission needed). */
function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}


/** Export (whole library or selection), import with progress and a clear outcome. (Storage use and persistence are in Settings.) */
export function DataPanel({ actions, selectedIds, libraryCount, citationContext }: DataPanelProps) {
  const [task, setTask] = useState<Task>();
  const [error, setError] = useState('');
  const [summary, setSummary] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const selection = selectedIds.length > 0;
  // Nothing to export: the buttons are disabled, and their description says why.
  const empty = libraryCount === 0 && !selection;
  const scope = empty
    ? 'Nothing to export yet: the library is empty.'
    : selection
    ? `Exports the ${plural(selectedIds.length, 'selected paper', 'selected papers')}.`
    : `Exports the whole library${libraryCount === undefined ? '' : ` (${plural(libraryCount, 'paper', 'papers')})`}. Select papers to export only those.`;

  const runExport = async (format: ExportFormat, label: string) => {
    setError('');
    setSummary('');
    setTask({ what: label, done: 0, total: selection ? selectedIds.length : (libraryCount ?? 0) });
    try {
      const result = await actions.exportLibrary({
        format,
        ...(selection ? { ids: selectedIds, ...(citationContext ? { citationContext } : {}) } : {}),
        onProgress: (done, total) => setTask({ what: label, done, total }),
      });
      download(result.blob, result.fileName);
      setSummary(`${result.fileName}: ${plural(result.count, 'paper', 'papers')} exported.`);
    } catch (failure) {
      setError(failedWrite('Export failed', failure));
    } finally {
      setTask(undefined);
    }
  };

  const runImport = async (file: File) => {
    setError('');
    setSummary('');
    setTask({ what: `Reading ${file.name}`, done: 0, total: 0 });
    try {
      const report = await actions.importLibraryFile(file, {
        fileName: file.name,
        // (A Paperdex file is read, checked and written in one pass: "Importing"; other layouts are read first.)
        onProgress: (done, total, phase) => setTask({ what: `${phase === 'reading' ? 'Reading' : 'Importing'} ${file.name}`, done, total }),
      });
      if (report.ok) {
        const parts = [`${report.added.toLocaleString('en-US')} added`, `${report.updated.toLocaleString('en-US')} updated`, `${report.unchanged.toLocaleString('en-US')} unchanged`];
        if (report.saved) parts.push(`${report.saved.toLocaleString('en-US')} saved`);
        setSummary(`Imported ${file.name}: ${parts.join(', ')}.`);
      } else {
        setError(`${file.name} was not imported: ${report.error}. Your library is unchanged.`);
      }
    } catch (failure) {
      setError(`${failedWrite(`${file.name} was not imported`, failure)} Your library is unchanged.`);
    } finally {
      setTask(undefined);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <section class="data" aria-labelledby="data-heading">
      <h2 id="data-heading">Export &amp; import</h2>
      <div class="export-buttons">
        {FORMATS.map(({ format, label }) => (
          <button type="button" class="button" disabled={task !== undefined || empty} aria-describedby="export-scope" onClick={() => void runExport(format, label)}>
            {label}
          </button>
        ))}
      </div>
      <p id="export-scope" class="hint">
        {scope}
      </p>
      {/* The file field, kept focusable (keyboard: Enter or Space opens the picker), sits under a label
          drawn as a button; the label shows the field's focus ring. */}
      <label class="import button">
        Import…
        <input
          ref={fileInput}
          type="file"
          aria-label="Import"
          aria-describedby="import-hint"
          accept=".json,.txt,application/json,text/plain"
          disabled={task !== undefined}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void runImport(file);
          }}
        />
      </label>
      <p id="import-hint" class="hint">
        A Paperdex JSON export, or a list of arXiv ids or arXiv/Hugging Face links, one per line (those are saved). Imports merge into the library; a bad file changes nothing.
      </p>
      {task && (
        <div class="progress" role="status">
          <span>
            {task.what}…{task.total > 0 ? ` ${task.done.toLocaleString('en-US')} / ${task.total.toLocaleString('en-US')}` : ''}
          </span>
          <progress aria-label={task.what} max={task.total || 1} value={task.total ? task.done : undefined} />
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {summary && !task && (
        <p class="success" role="status">
          {summary}
        </p>
      )}
    </section>
  );
}
