/**
 * What a failed write means, in words a user can act on. IndexedDB errors arrive raw (a DOMException),
 * wrapped by Dexie (`inner`), or as a transaction's abort; their own messages are browser internals
 * ("IO error: …/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)").
 */

/** How a write failed, as far as the storage is concerned. */
export type StorageFailure = 'disk-full' | 'write-error';

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
}

/** The error and the ones it wraps (Dexie's `inner`, `cause`), outermost first. */
function chain(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  for (let at: unknown = error; at && typeof at === 'object' && found.length < 4; ) {
    const like = at as ErrorLike;
    found.push(like);
    at = like.inner ?? like.cause;
  }
  return found;
}

// Chromium: QuotaExceededError, or an IO error naming FILE_ERROR_NO_SPACE; Firefox: QuotaExceededError
// (or NS_ERROR_FILE_NO_DEVICE_SPACE); the OS: ENOSPC / "No space left on device".
const DISK_FULL = /QuotaExceeded|FILE_ERROR_NO_SPACE|NO_DEVICE_SPACE|ENOSPC|no space left|disk is full/i;
// The storage itself failed (not the app's own check): Chromium reports its LevelDB's IO errors as
// UnknownError, or "Failed to write blobs (IOError)" as a DataError.
const WRITE_ERROR = /^UnknownError$|IO ?error/i;

/** Whether `error` says the storage failed, and how; `undefined` for the app's own errors (validation and the like). */
export function storageFailure(error: unknown): StorageFailure | undefined {
  const texts = chain(error).flatMap((like) => [String(like.name ?? ''), String(like.message ?? '')]);
  if (texts.some((text) => DISK_FULL.test(text))) return 'disk-full';
  if (texts.some((text) => WRITE_ERROR.test(text))) return 'write-error';
  return undefined;
}

/** The reason part of a message ("Not saved: <reason>"), in plain words. */
export function failureReason(error: unknown): string {
  const failure = storageFailure(error);
  if (failure === 'disk-full') return 'the disk is full. Free some space on it, then try again';
  if (failure === 'write-error') return 'the browser could not write to its storage. Try again; if it keeps failing, restart the browser';
  // The app's own errors (a bad tag, a bad file) already say what is wrong; anything else the browser threw does not.
  if (error instanceof Error && error.name === 'Error' && error.message) return error.message;
  const name = error instanceof Error ? error.name : '';
  return `something went wrong${name ? ` (${name})` : ''}. Try again`;
}

/** "<what>: <reason>." */
export function failureText(what: string, error: unknown): string {
  return `${what}: ${failureReason(error).replace(/\.$/, '')}.`;
}
