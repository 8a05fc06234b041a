/**
 * Text folding and tokenizing shared by the word index (index time) and the query (query time).
 * Both sides must fold the same way, or "olafsdottir" could never find "Ólafsdóttir".
 */

/** Letters that NFD does not decompose but users type without their marks. */
const EXTRA_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};
const EXTRA_FOLD_CHARS = /[ßæœøłđðþıħ]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\u0000-\u007f]/;

/** Lowercase, strip diacritics (NFD + drop marks) and fold the few letters NFD leaves alone. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower; // most text: nothing to strip, and NFD is costly
  return lower
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(EXTRA_FOLD_CHARS, (ch) => EXTRA_FOLDS[ch] ?? ch);
}

/** Longest word kept; longer runs (hashes, base64, junk) are cut so they can't blow up the vocabulary. */
export const MAX_WORD_LENGTH = 40;

/** New-style (`2501.01234`) and old-style (`hep-th/9901001`) arXiv ids inside folded text. */
const ARXIV_ID_IN_TEXT = /\b(\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[a-z]{2})?\/\d{7})(?:v\d{1,3})?\b/g;
/** What a query word that is an id being typed looks like (`2211.0987`). */
const PARTIAL_NEW_ID = /\b\d{4}\.\d{1,5}\b/g;
const WORD_RUN = /[\p{L}\p{N}]+/gu;
/** Cheap equivalents for all-ASCII text, which is nearly all of it. */
const ASCII_WORD_RUN = /[a-z0-9]+/g;
const ASCII_LETTER_DIGIT = /[a-z][0-9]/g;
const MAYBE_ARXIV_ID = /\d{4}\.\d{4}|\/\d{7}/;
/** Scripts written without spaces: each character is a word of its own. */
const UNSPACED_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const UNSPACED_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/gu;
/** Where letters give way to digits: "llama2" → "llama", "2"; "direct3d" → "direct", "3d". */
const LETTER_DIGIT_BOUNDARY = /(?<=\p{L})(?=\p{N})/u;
const DIGITS_ONLY = /^[\d.]+$/;

/**
 * Splits already-folded text into words: runs of letters/digits, arXiv ids kept whole (their parts are
 * words too), mixed words also split where digits start ("direct3d" → also "direct", "3d"), and
 * Han/Kana split into single characters. Duplicates are possible.
 */
export function tokenizeFolded(folded: string, words: string[] = []): string[] {
  if (MAYBE_ARXIV_ID.test(folded)) for (const match of folded.matchAll(ARXIV_ID_IN_TEXT)) words.push(match[1]!);
  if (NON_ASCII.test(folded)) {
    for (const match of folded.matchAll(WORD_RUN)) pushRun(match[0], words);
    return words;
  }
  // All-ASCII text (nearly all of it): whole-text regexes, no per-word tests.
  for (const run of folded.match(ASCII_WORD_RUN) ?? []) words.push(run.length > MAX_WORD_LENGTH ? run.slice(0, MAX_WORD_LENGTH) : run);
  // Words where digits follow letters ("direct3d") also give their parts; find them from the boundary.
  let wordEnd = -1;
  for (const boundary of folded.matchAll(ASCII_LETTER_DIGIT)) {
    if (boundary.index < wordEnd) continue;
    let start = boundary.index;
    while (start > 0 && isAsciiAlnum(folded.charCodeAt(start - 1))) start--;
    wordEnd = boundary.index + 1;
    while (wordEnd < folded.length && isAsciiAlnum(folded.charCodeAt(wordEnd))) wordEnd++;
    const mixed = folded.slice(start, wordEnd);
    if (mixed.length > 2 && mixed.length <= MAX_WORD_LENGTH) for (const part of mixed.split(LETTER_DIGIT_BOUNDARY)) if (part) words.push(part);
  }
  return words;
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

function pushRun(run: string, words: string[]): void {
  if (UNSPACED_SCRIPT.test(run)) {
    // Keep the spaced parts as words and every Han/Kana character as a word.
    for (const part of run.split(UNSPACED_CHAR)) if (part) pushRun(part, words);
    for (const ch of run.match(UNSPACED_CHAR) ?? []) words.push(ch);
    return;
  }
  const word = run.length > MAX_WORD_LENGTH ? run.slice(0, MAX_WORD_LENGTH) : run;
  words.push(word);
  if (word.length > 2 && LETTER_DIGIT_BOUNDARY.test(word)) {
    for (const part of word.split(LETTER_DIGIT_BOUNDARY)) if (part) words.push(part);
  }
}

/** Folds and tokenizes raw text (a title, an author name, an abstract). */
export function tokenizeText(text: string): string[] {
  return tokenizeFolded(foldText(text));
}

/**
 * Query words in typing order, deduplicated. Unlike index-time tokenizing, an id-looking word stays
 * whole only (no parts), so "2211.0987" is one word that prefix-matches the id being typed.
 */
export function tokenizeQuery(folded: string): string[] {
  const words: string[] = [];
  const ids: string[] = [];
  const rest = folded.replace(ARXIV_ID_IN_TEXT, (_whole, id: string) => {
    ids.push(id);
    return ' ';
  }).replace(PARTIAL_NEW_ID, (id) => {
    ids.push(id);
    return ' ';
  });
  words.push(...ids);
  for (const match of rest.matchAll(WORD_RUN)) {
    const run = match[0];
    if (UNSPACED_SCRIPT.test(run)) {
      for (const part of run.split(UNSPACED_CHAR)) if (part) words.push(part.slice(0, MAX_WORD_LENGTH));
      for (const ch of run.match(UNSPACED_CHAR) ?? []) words.push(ch);
    } else {
      words.push(run.slice(0, MAX_WORD_LENGTH));
    }
  }
  return [...new Set(words)];
}

/** 1–2-character words (but not a Han/Kana character) match only titles, authors, tags and ids. */
export function isShortWord(word: string): boolean {
  return word.length <= 2 && (word.charCodeAt(0) < 0x80 || !UNSPACED_SCRIPT.test(word));
}

/** Numbers and ids get no typo expansion: "2403" is not a misspelling of "2413". */
export function isNumericWord(word: string): boolean {
  return DIGITS_ONLY.test(word);
}

/** Frequent English words: not indexed in abstracts and dropped from multi-word queries. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been but by can do does for from had has have how in into is it its ' +
    'not of on or our over such than that the their them then there these they this those to ' +
    'under up was we were what when where which while who why will with without you your via'
  ).split(' '),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
