/**
 * `JSON.parse` of a large export in slices, for files not in Paperdex's own line layout (reformatted by
 * a tool, or written by hand): one `JSON.parse` of a 50k-paper file holds the page for a second or more.
 * The top level is an object; each of its members is parsed on its own, and a member that is an array is
 * parsed an element at a time, with a new task whenever a slice has run its budget. Every value still
 * goes through `JSON.parse`, so what is accepted is exactly JSON. Only the structure between values is
 * scanned here: on anything unexpected this gives up (`undefined`) and the caller parses the text whole,
 * which gives the precise error message.
 * The text may come in pieces (a large file decoded a megabyte at a time): the parser keeps a window of
 * it, from the value it is reading to the end of the pieces taken so far, so the whole text is never one
 * string (a 130 MB string, made flat the first time it is read, was a task of 700 ms).
 */
import { TimeSlicer } from './next-task';

const WHITESPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

class Unexpected extends Error {}
/** A scan reached the end of the window: the next piece is needed (or the text is cut off). */
class NeedMore extends Error {}

/** The parsed text (whole or in pieces), or undefined when it isn't a JSON object this reader can follow. */
export async function parseJsonInSlices(text: string | Iterable<string>, slicer = new TimeSlicer()): Promise<unknown> {
  try {
    return await new SlicedParser(typeof text === 'string' ? [text] : text, slicer).parseObject();
  } catch (error) {
    if (error instanceof Unexpected || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

class SlicedParser {
  /** The window: the text from a point at or before `at` to the end of the pieces taken so far. */
  private text = '';
  private at = 0;
  private readonly pieces: Iterator<string>;

  constructor(
    pieces: Iterable<string>,
    private readonly slicer: TimeSlicer,
  ) {
    this.pieces = pieces[Symbol.iterator]();
  }

  /** Appends the next piece to the window, dropping what is before `at`; false at the end of the text. */
  private more(): boolean {
    const next = this.pieces.next();
    if (next.done) return false;
    this.text = this.text.slice(this.at) + next.value;
    this.at = 0;
    return true;
  }

  /** Runs `read` from `at`, again with more of the text each time it reaches the end of the window. */
  private scan<T>(read: () => T): T {
    for (;;) {
      const start = this.at;
      try {
        return read();
      } catch (error) {
        if (!(error instanceof NeedMore)) throw error;
        this.at = start;
        if (!this.more()) throw new Unexpected(); // cut off
      }
    }
  }

  async parseObject(): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    this.expect(0x7b); // {
    if (this.peek() === 0x7d) {
      this.at++;
    } else {
      for (;;) {
        this.skipWhitespace();
        if (this.text.charCodeAt(this.at) !== QUOTE) throw new Unexpected();
        const key = this.scan(() => {
          const start = this.at;
          this.at = this.stringEnd(start);
          return JSON.parse(this.text.slice(start, this.at)) as string;
        });
        this.expect(0x3a); // :
        const value = this.peek() === 0x5b ? await this.parseArray() : this.parseValue();
        // As JSON.parse does: the last of two equal keys wins, and "__proto__" is an ordinary key.
        Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
        const next = this.peek();
        this.at++;
        if (next === 0x7d) break; // }
        if (next !== 0x2c) throw new Unexpected(); // ,
      }
    }
    if (this.peek() !== undefined) throw new Unexpected(); // only whitespace after the object
    return result;
  }

  /** An array member, one element at a time. */
  private async parseArray(): Promise<unknown[]> {
    const items: unknown[] = [];
    this.at++; // [
    if (this.peek() === 0x5d) {
      this.at++;
      return items;
    }
    for (;;) {
      items.push(this.parseValue());
      const next = this.peek();
      this.at++;
      if (next === 0x5d) return items; // ]
      if (next !== 0x2c) throw new Unexpected();
      await this.slicer.maybeYield();
    }
  }

  /** One value, parsed by JSON.parse from its extent. */
  private parseValue(): unknown {
    this.skipWhitespace();
    return this.scan(() => {
      const start = this.at;
      this.at = this.valueEnd(start);
      return JSON.parse(this.text.slice(start, this.at)) as unknown;
    });
  }

  /** Where the value starting at `at` ends: strings and nesting followed, content left to JSON.parse. */
  private valueEnd(at: number): number {
    const { text } = this;
    const first = text.charCodeAt(at);
    if (first === QUOTE) return this.stringEnd(at);
    if (first === 0x7b || first === 0x5b) {
      let depth = 0;
      for (let i = at; i < text.length; i++) {
        const char = text.charCodeAt(i);
        if (char === QUOTE) i = this.stringEnd(i) - 1;
        else if (char === 0x7b || char === 0x5b) depth++;
        else if ((char === 0x7d || char === 0x5d) && --depth === 0) return i + 1;
      }
      throw new NeedMore();
    }
    let i = at;
    while (i < text.length && !WHITESPACE.has(text.charCodeAt(i)) && !',]}'.includes(text[i]!)) i++;
    if (i === text.length) throw new NeedMore(); // (a number or literal always has something after it here)
    if (i === at) throw new Unexpected();
    return i;
  }

  /** The index just after the closing quote of the string starting at `at`. */
  private stringEnd(at: number): number {
    const { text } = this;
    let quote = at;
    for (;;) {
      quote = text.indexOf('"', quote + 1);
      if (quote < 0) throw new NeedMore();
      let backslashes = 0;
      while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
    }
  }

  /** The next character after whitespace (undefined at the end), not consumed. */
  private peek(): number | undefined {
    this.skipWhitespace();
    return this.at < this.text.length ? this.text.charCodeAt(this.at) : undefined;
  }

  private expect(char: number): void {
    if (this.peek() !== char) throw new Unexpected();
    this.at++;
  }

  private skipWhitespace(): void {
    for (;;) {
      while (WHITESPACE.has(this.text.charCodeAt(this.at))) this.at++;
      if (this.at < this.text.length || !this.more()) return;
    }
  }
}
