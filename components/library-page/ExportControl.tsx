import { useState } from 'preact/hooks';
import type { ExportFormat } from '@/utils/library/io';
import type { CitationContext } from '@/utils/library/io/bibtex';
import { failedWrite } from '@/utils/library/storage/storage-health-browser';
import type { LibraryActions } from './actions';
import { exportDoneText, exportLabel, exportProgressLabel, type ExportScope, FORMAT_NAMES, scopeSize } from './export-scope';
import { type Task, TaskStatus } from './TaskStatus';

interface ExportControlProps {
  actions: Pick<LibraryActions, 'exportLibrary'>;
  scope: ExportScope;
  /** The whole library's papers, so a selection's BibTeX keys are those of an export of everything. */
  citationContext?: CitationContext;
  /** Another task (an import) is running. */
  disabled?: boolean;
  /** The id of the text that says what the button exports (or why it can't). */
  describedBy?: string;
  /** An export started (true) or ended (false). */
  onRunning?: (running: boolean) => void;
}


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

/**
 * One export: a format and a button that says what it exports (`export-scope.ts`), then its progress
 * and outcome. The Data panel has one for the library, the bulk bar one for the selection.
 */
export function ExportControl({ actions, scope, citationContext, disabled = false, describedBy, onRunning }: ExportControlProps) {
  const [format, setFormat] = useState<ExportFormat>('json');
  const [task, setTask] = useState<Task>();
  const [error, setError] = useState('');
  const [summary, setSummary] = useState('');
  const empty = scopeSize(scope) === 0;

  const run = async () => {
    const what = exportProgressLabel(scope, format);
    setError('');
    setSummary('');
    setTask({ what, done: 0, total: scopeSize(scope) ?? 0 });
    onRunning?.(true);
    try {
      const result = await actions.exportLibrary({
        format,
        ...(scope.kind === 'selection' ? { ids: scope.ids, ...(citationContext ? { citationContext } : {}) } : {}),
        onProgress: (done, total) => setTask({ what, done, total }),
      });
      download(result.blob, result.fileName);
      setSummary(exportDoneText(scope, result.count, result.fileName));
    } catch (failure) {
      setError(failedWrite('Export failed', failure));
    } finally {
      setTask(undefined);
      onRunning?.(false);
    }
  };

  return (
    <div class="export">
      <div class="export-row">
        <select aria-label="Export format" value={format} disabled={task !== undefined} onChange={(event) => setFormat(event.currentTarget.value as ExportFormat)}>
          {(Object.keys(FORMAT_NAMES) as ExportFormat[]).map((key) => (
            <option value={key}>{FORMAT_NAMES[key]}</option>
          ))}
        </select>
        <button type="button" class="button" disabled={disabled || empty || task !== undefined} aria-describedby={describedBy} onClick={() => void run()}>
          {exportLabel(scope)}
        </button>
      </div>
      <TaskStatus task={task} error={error} summary={summary} />
    </div>
  );
}
