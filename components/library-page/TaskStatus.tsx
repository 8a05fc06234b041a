/** A long export or import while it runs (with progress), then its outcome: the one way both say it. */
export type Task = { what: string; done: number; total: number } | undefined;

export function TaskStatus({ task, error, summary }: { task: Task; error: string; summary: string }) {
  return (
    <>
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
    </>
  );
}
