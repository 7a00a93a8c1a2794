import { StringDecoder } from 'node:string_decoder';

/** What is left of a line too long to keep: its first and last characters and its size. */
export interface OversizedLine {
  head: string;
  tail: string;
  bytes: number;
}

/** How much of an oversized line is kept to say what it was (its JSON-RPC id, usually). */
const KEPT_EDGE_BYTES = 512;
const NEWLINE = 0x0a;

/**
 * Splits a byte stream into UTF-8 lines (without "\n" or a trailing "\r").
 *
 * Lines are found on bytes: in UTF-8 the newline byte never occurs inside a multi-byte
 * character, so the limit counts real bytes (what Dust's body limit counts), and a StringDecoder
 * still keeps characters that straddle two chunks intact.
 *
 * A line longer than `maxLineBytes` must not grow our memory without bound. Without
 * `onOversized` it is cut at the limit and handed over in pieces (fine for stderr). With it, the
 * line is dropped: only its first and last bytes are kept, and `onOversized` says so when the
 * line ends, so the caller can answer the request it belonged to instead of losing it.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  /** The current unfinished line, in pieces: joined once, when its newline arrives. */
  private parts: string[] = [];
  private partsBytes = 0;
  /** Set while dropping an oversized line until its end. */
  private dropping: { head: string; tail: Buffer; bytes: number } | undefined;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes = 10 * 1024 * 1024,
    private readonly onOversized?: (line: OversizedLine) => void,
  ) {}

  push(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    let newline = bytes.indexOf(NEWLINE, start);
    while (newline !== -1) {
      this.append(bytes.subarray(start, newline));
      this.endLine();
      start = newline + 1;
      newline = bytes.indexOf(NEWLINE, start);
    }
    if (start < bytes.length) this.append(bytes.subarray(start));
  }

  /** Hands over what is left once the stream has ended. */
  end(): void {
    if (this.dropping) {
      this.endLine();
      return;
    }
    const rest = this.decoder.end();
    if (rest.length > 0) this.parts.push(rest);
    if (this.parts.length > 0) this.flush();
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.dropping) {
      this.dropping.bytes += bytes.length;
      this.dropping.tail = lastBytes(this.dropping.tail, bytes);
      return;
    }
    this.parts.push(this.decoder.write(bytes));
    this.partsBytes += bytes.length;
    if (this.partsBytes <= this.maxLineBytes) return;
    if (!this.onOversized) {
      this.flush();
      return;
    }
    const kept = this.parts.join('');
    this.decoder.end();
    this.dropping = {
      head: kept.slice(0, KEPT_EDGE_BYTES),
      tail: Buffer.from(kept.slice(-KEPT_EDGE_BYTES), 'utf8'),
      bytes: this.partsBytes,
    };
    this.parts = [];
    this.partsBytes = 0;
  }

  private endLine(): void {
    const dropped = this.dropping;
    if (!dropped) {
      this.flush();
      return;
    }
    this.dropping = undefined;
    this.onOversized?.({ head: dropped.head, tail: stripCr(dropped.tail.toString('utf8')), bytes: dropped.bytes });
  }

  private flush(): void {
    const line = this.parts.length === 1 ? (this.parts[0] ?? '') : this.parts.join('');
    this.parts = [];
    this.partsBytes = 0;
    this.onLine(stripCr(line));
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function lastBytes(previous: Buffer, next: Buffer): Buffer {
  if (next.length >= KEPT_EDGE_BYTES) return Buffer.from(next.subarray(next.length - KEPT_EDGE_BYTES));
  const joined = Buffer.concat([previous, next]);
  return joined.length > KEPT_EDGE_BYTES ? joined.subarray(joined.length - KEPT_EDGE_BYTES) : joined;
}
