/**
 * Makes fake-indexeddb fail writes as a browser does on a full disk: the put/add/delete request fails
 * with a QuotaExceededError and its transaction aborts with that error (nothing of it is kept).
 * Reads still work. Returns the undo.
 */
import { vi } from 'vitest';

interface ExecRequest {
  operation: () => unknown;
}
type WithExec = { _execRequestAsync(request: ExecRequest): IDBRequest };

export function failWritesAsOnAFullDisk(): () => void {
  let writing = 0;
  const transaction = IDBTransaction.prototype as unknown as WithExec;
  const exec = transaction._execRequestAsync;
  const execSpy = vi.spyOn(transaction, '_execRequestAsync').mockImplementation(function (this: WithExec, request: ExecRequest) {
    if (!writing) return exec.call(this, request);
    return exec.call(this, {
      ...request,
      operation: () => {
        throw new DOMException('The disk is full', 'QuotaExceededError');
      },
    });
  });
  const writes = (['put', 'add', 'delete'] as const).map((method) => {
    const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
    return vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      writing++;
      try {
        return original.apply(this, args);
      } finally {
        writing--;
      }
    } as never);
  });
  return () => {
    execSpy.mockRestore();
    for (const spy of writes) spy.mockRestore();
  };
}
