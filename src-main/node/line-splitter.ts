import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte stream into UTF-8 lines (without "\n" or a trailing "\r").
 *
 * A StringDecoder keeps multi-byte characters that straddle two chunks intact. A line longer
 * than `maxLineChars` is cut and handed over as is, so a server that never prints a newline
 * cannot grow our memory without bound (the SDK's ReadBuffer caps at 10 MiB the same way).
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  /** The current unfinished line, in pieces: joined once, when its newline arrives. */
  private parts: string[] = [];
  private partsLength = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineChars = 10 * 1024 * 1024,
  ) {}

  push(chunk: Buffer | string): void {
    let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      this.parts.push(text.slice(0, newline));
      this.flush();
      text = text.slice(newline + 1);
      newline = text.indexOf('\n');
    }
    if (text.length > 0) {
      this.parts.push(text);
      this.partsLength += text.length;
    }
    if (this.partsLength > this.maxLineChars) this.flush();
  }

  /** Hands over what is left once the stream has ended. */
  end(): void {
    const rest = this.decoder.end();
    if (rest.length > 0) this.parts.push(rest);
    if (this.parts.length > 0) this.flush();
  }

  private flush(): void {
    const line = this.parts.join('');
    this.parts = [];
    this.partsLength = 0;
    this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
