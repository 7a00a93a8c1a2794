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
  private pending = '';

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineChars = 10 * 1024 * 1024,
  ) {}

  push(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      this.emit(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
    if (this.pending.length > this.maxLineChars) {
      this.emit(this.pending);
      this.pending = '';
    }
  }

  /** Hands over what is left once the stream has ended. */
  end(): void {
    this.pending += this.decoder.end();
    if (this.pending.length > 0) this.emit(this.pending);
    this.pending = '';
  }

  private emit(line: string): void {
    this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
