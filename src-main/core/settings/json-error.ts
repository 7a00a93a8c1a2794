/**
 * Where JSON text goes wrong, as "line L, column C: what", without quoting the text.
 *
 * V8's own messages are not usable here: some carry no position, and newer ones quote a slice
 * of the input (`"{ "token": "ghp_…" }" is not valid JSON`), which would copy a secret from a
 * config file into the UI and the logs. So after `JSON.parse` fails, this small scanner walks
 * the text again to find the first offending offset. It runs only on failure.
 */
class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly what: string,
  ) {
    super(what);
  }
}

export function describeJsonSyntaxError(text: string): string {
  try {
    const scanner = new Scanner(text);
    scanner.document();
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const before = text.slice(0, error.offset);
      const line = before.split('\n').length;
      const column = error.offset - before.lastIndexOf('\n');
      return `line ${line}, column ${column}: ${error.what}`;
    }
    throw error;
  }
  return 'the text is not valid JSON';
}

class Scanner {
  private i = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.space();
    if (this.i >= this.text.length) this.fail('the file is empty');
    this.value();
    this.space();
    if (this.i < this.text.length) this.fail('unexpected text after the end of the JSON value');
  }

  private fail(what: string): never {
    throw new JsonSyntaxError(this.i, what);
  }

  private unexpected(expected: string): never {
    if (this.i >= this.text.length) this.fail(`the file ends too early (expected ${expected})`);
    const ch = this.text[this.i] ?? '';
    const shown = /[\p{L}\p{N}]/u.test(ch) ? 'a letter or digit' : `"${ch}"`;
    this.fail(`expected ${expected} but found ${shown}`);
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i] ?? '')) this.i++;
  }

  private value(): void {
    const ch = this.text[this.i];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.i)) {
        this.i += literal.length;
        return;
      }
    }
    this.unexpected('a value (text in double quotes, a number, true, false, null, { or [)');
  }

  private object(): void {
    this.i++;
    this.space();
    if (this.text[this.i] === '}') return void this.i++;
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') this.unexpected('a property name in double quotes');
      this.string();
      this.space();
      if (this.text[this.i] !== ':') this.unexpected('":" after the property name');
      this.i++;
      this.space();
      this.value();
      this.space();
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.text[this.i] === '}') return void this.i++;
      this.unexpected('"," or "}"');
    }
  }

  private array(): void {
    this.i++;
    this.space();
    if (this.text[this.i] === ']') return void this.i++;
    for (;;) {
      this.space();
      this.value();
      this.space();
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.text[this.i] === ']') return void this.i++;
      this.unexpected('"," or "]"');
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      if (this.i >= this.text.length)
        this.fail('the file ends inside a text (a closing " is missing)');
      const code = this.text.charCodeAt(this.i);
      if (code === 0x22) return void this.i++;
      if (code < 0x20)
        this.fail('a line break or control character inside a text (a closing " may be missing)');
      if (code === 0x5c) {
        const next = this.text[this.i + 1] ?? '';
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6)))
          this.i += 6;
        else if ('"\\/bfnrt'.includes(next) && next !== '') this.i += 2;
        else this.fail('an invalid escape (\\) inside a text');
      } else this.i++;
    }
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i));
    if (!match) this.unexpected('a number');
    this.i += match[0].length;
  }
}
