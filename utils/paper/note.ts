/**
 * The user's free-text note on a paper: multi-line text, bounded. Typing it and importing it go through
 * the same `normalizeNote`, so what is stored is what an export writes and an import reads back.
 */
import { stripBidiControls } from './bidi';

export const MAX_NOTE_LENGTH = 20_000;

// Control characters other than tab and line breaks: a note is multi-line text, nothing else.
// eslint-disable-next-line no-control-regex
const NOTE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The note as stored (without bidirectional controls: see `stripBidiControls`); `undefined` when nothing but blanks is left (no note). */
export function normalizeNote(raw: string): string | undefined {
  const note = stripBidiControls(raw.replace(NOTE_CONTROL, '')).slice(0, MAX_NOTE_LENGTH);
  return note.trim() ? note : undefined;
}
