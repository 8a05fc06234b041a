/**
 * The text of a thrown value, for a message or a log line. Anything can be thrown: an Error gives its
 * message; anything else gives `fallback` when the caller has a better word for it, else its own text.
 * (A failed *write* is put in plain words by `write-failure.ts`, which knows what storage errors mean.)
 */
export function errorMessage(error: unknown, fallback?: string): string {
  return error instanceof Error ? error.message : (fallback ?? String(error));
}
