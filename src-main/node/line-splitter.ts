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
 * character, so the limit counts real bytes (what Dust's body limit counts), and decoding a whole
 * line at once keeps characters that straddle two chunks intact.
 *
 * A line longer than `maxLineBytes` must not grow our memory without bound. Without
 * `onOversized` it is cut at the limit and handed over in pieces (fine for stderr). With it, the
 * line is dropped: only its first and last bytes are kept, and `onOversized` says so when the
 * line ends, so the caller can answer the request it belonged to instead of losing it.
 */
export class LineSplitter {
  /**
   * The current unfinished line, as the stream's own chunks: decoded once, when its newline
   * arrives. Bytes rather than decoded pieces: a 16 MiB line then costs one string on the V8
   * heap, not two (the pieces lingered there until a full GC), and the chunks' memory outside
   * the heap goes as soon as the line is read.
   */
  private chunks: Buffer[] = [];
  private bytes = 0;
  /** Set while dropping an oversized line until its end. */
  private dropping: { head: string; tail: Buffer; bytes: number } | undefined;

  constructor(
    /** `bytes` are the line's own bytes (a trailing "\r" included), for callers that send them on. */
    private readonly onLine: (line: string, bytes: Buffer) => void,
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
    if (this.dropping || this.chunks.length > 0) this.endLine();
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.dropping) {
      this.dropping.bytes += bytes.length;
      this.dropping.tail = lastBytes(this.dropping.tail, bytes);
      return;
    }
    this.chunks.push(bytes);
    this.bytes += bytes.length;
    if (this.bytes <= this.maxLineBytes) return;
    if (!this.onOversized) {
      this.flush();
      return;
    }
    const kept = this.take();
    this.dropping = {
      head: kept.subarray(0, KEPT_EDGE_BYTES).toString('utf8'),
      tail: Buffer.from(kept.subarray(Math.max(0, kept.length - KEPT_EDGE_BYTES))),
      bytes: kept.length,
    };
  }

  private endLine(): void {
    const dropped = this.dropping;
    if (!dropped) {
      this.flush();
      return;
    }
    this.dropping = undefined;
    this.onOversized?.({
      head: dropped.head,
      tail: stripCr(dropped.tail.toString('utf8')),
      bytes: dropped.bytes,
    });
  }

  private flush(): void {
    const bytes = this.take();
    this.onLine(stripCr(bytes.toString('utf8')), bytes);
  }

  /** The line's bytes so far, as one Buffer; the splitter starts a new line. */
  private take(): Buffer {
    const line =
      this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.bytes);
    this.chunks = [];
    this.bytes = 0;
    return line;
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function lastBytes(previous: Buffer, next: Buffer): Buffer {
  if (next.length >= KEPT_EDGE_BYTES)
    return Buffer.from(next.subarray(next.length - KEPT_EDGE_BYTES));
  const joined = Buffer.concat([previous, next]);
  return joined.length > KEPT_EDGE_BYTES
    ? joined.subarray(joined.length - KEPT_EDGE_BYTES)
    : joined;
}
