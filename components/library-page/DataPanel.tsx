import { useRef, useState } from 'preact/hooks';
import { failedWrite } from '@/utils/library/storage/storage-health-browser';
import type { LibraryActions } from './actions';
import { ExportControl } from './ExportControl';
import { type Task, TaskStatus } from './TaskStatus';

interface DataPanelProps {
  actions: Pick<LibraryActions, 'exportLibrary' | 'importLibraryFile'>;
  libraryCount: number | undefined;
}


/**
 * Export of the whole library (the selection has its own export, in the bulk bar), import with progress
 * and a clear outcome. (Storage use and persistence are in Settings.)
 */
export function DataPanel({ actions, libraryCount }: DataPanelProps) {
  const [task, setTask] = useState<Task>();
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState('');
  const [summary, setSummary] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

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
      <ExportControl actions={actions} scope={{ kind: 'library', count: libraryCount }} disabled={task !== undefined} describedBy="export-hint" onRunning={setExporting} />
      <p id="export-hint" class="hint">
        {libraryCount === 0 ? 'Nothing to export yet: the library is empty.' : 'Exports every paper. To export some, select them in the table.'}
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
          accept=".json,.gz,.txt,application/json,application/gzip,text/plain"
          disabled={task !== undefined || exporting}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void runImport(file);
          }}
        />
      </label>
      <p id="import-hint" class="hint">
        A Paperdex JSON export, or a list of arXiv ids or arXiv/Hugging Face links, one per line (those are saved). Imports merge into the library; a bad file changes nothing.
      </p>
      <TaskStatus task={task} error={error} summary={summary} />
    </section>
  );
}
