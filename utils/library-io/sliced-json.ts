/**
 * `JSON.parse` of a large export in slices, for files not in Paperdex's own line layout (reformatted by
 * a tool, or written by hand): one `JSON.parse` of a 50k-paper file holds the page for a second or more.
 * The top level is an object; each of its members is parsed on its own, and a member that is an array is
 * parsed an element at a time, with a new task whenever a slice has run its budget. Every value still
 * goes through `JSON.parse`, so what is accepted is exactly JSON. Only the structure between values is
 * scanned here: on anything unexpected this gives up (`undefined`) and the caller parses the text whole,
 * which gives the precise error message.
 */
import { TimeSlicer } from './next-task';

const WHITESPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

class Unexpected extends Error {}

/** The parsed text, or undefined when it isn't a JSON object this reader can follow. */
export async function parseJsonInSlices(text: string, slicer = new TimeSlicer()): Promise<unknown> {
  try {
    return await new SlicedParser(text, slicer).parseObject();
  } catch (error) {
    if (error instanceof Unexpected || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

class SlicedParser {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly slicer: TimeSlicer,
  ) {}

  async parseObject(): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    this.expect(0x7b); // {
    if (this.peek() === 0x7d) {
      this.at++;
    } else {
      for (;;) {
        this.skipWhitespace();
        if (this.text.charCodeAt(this.at) !== QUOTE) throw new Unexpected();
        const keyStart = this.at;
        this.at = this.stringEnd(this.at);
        const key = JSON.parse(this.text.slice(keyStart, this.at)) as string;
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
    const start = this.at;
    this.at = this.valueEnd(start);
    return JSON.parse(this.text.slice(start, this.at));
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
      throw new Unexpected(); // truncated
    }
    let i = at;
    while (i < text.length && !WHITESPACE.has(text.charCodeAt(i)) && !',]}'.includes(text[i]!)) i++;
    if (i === at) throw new Unexpected();
    return i;
  }

  /** The index just after the closing quote of the string starting at `at`. */
  private stringEnd(at: number): number {
    const { text } = this;
    let quote = at;
    for (;;) {
      quote = text.indexOf('"', quote + 1);
      if (quote < 0) throw new Unexpected(); // truncated
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
    while (WHITESPACE.has(this.text.charCodeAt(this.at))) this.at++;
  }
}
