import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

/** A fixture file's text, by path under tests/fixtures/. */
export function fixtureText(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

/** A fixture HTML page parsed into a Document (happy-dom), as the browser would build it. */
export function fixtureDocument(relative: string): Document {
  return new DOMParser().parseFromString(fixtureText(relative), 'text/html');
}
