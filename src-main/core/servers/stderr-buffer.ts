/**
 * The last lines a local server wrote to stderr, bounded by bytes.
 *
 * Servers log freely (some print a line per request); we keep only the tail, which is what
 * explains a crash ("exited with code 1: <last line>") and what the UI shows under "Logs".
 */
const NOISE = [/^\s*$/, /^Node\.js v\d/, /^\s+at /, /^\s*[\^~]+\s*$/, /^\s*[{}()[\]]\s*$/];

export class StderrBuffer {
  private readonly entries: { line: string; bytes: number }[] = [];
  private totalBytes = 0;

  constructor(private readonly maxBytes = 64 * 1024) {}

  push(line: string): void {
    const bytes = utf8Length(line) + 1;
    this.entries.push({ line, bytes });
    this.totalBytes += bytes;
    while (this.totalBytes > this.maxBytes && this.entries.length > 1) {
      this.totalBytes -= this.entries.shift()!.bytes;
    }
    if (this.totalBytes > this.maxBytes) {
      // One line larger than the whole buffer: keep its end, which is what names the error.
      const only = this.entries[0]!;
      only.line = only.line.slice(-Math.floor(this.maxBytes / 4));
      only.bytes = utf8Length(only.line) + 1;
      this.totalBytes = only.bytes;
    }
  }

  /** The last `count` lines (all of them by default), oldest first. */
  lines(count = Infinity): string[] {
    const n = Math.max(0, Math.min(count, this.entries.length));
    return this.entries.slice(this.entries.length - n).map((entry) => entry.line);
  }

  /**
   * The last line that says something: Node ends a crash with a stack trace and "Node.js v20…",
   * so blank lines, stack frames, version banners and caret markers are skipped. `withinLast`
   * limits the search to the lines of the current process.
   */
  lastMeaningfulLine(withinLast = Infinity): string | undefined {
    const oldest = Math.max(0, this.entries.length - withinLast);
    for (let i = this.entries.length - 1; i >= oldest; i--) {
      const line = this.entries[i]!.line;
      if (!NOISE.some((pattern) => pattern.test(line))) return line;
    }
    return undefined;
  }

  get byteLength(): number {
    return this.totalBytes;
  }

  clear(): void {
    this.entries.length = 0;
    this.totalBytes = 0;
  }
}

/** UTF-8 byte length without TextEncoder (the pure core has no such global typed). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
