import type { Files } from '../ports.js';

/** Which operation a scripted failure applies to. */
export type FilesOperation =
  'readText' | 'writeTextAtomic' | 'appendText' | 'rename' | 'remove' | 'size';

/**
 * An in-memory `Files` for unit tests: a flat map of path → text, `/`-joined paths.
 *
 * Tests can seed files, inspect what was written, and script failures (`failNext`) to prove
 * the code under test survives a full disk or a locked file. Every call is recorded in `calls`,
 * so a test can assert that a corrupt file was renamed and never overwritten.
 */
export class InMemoryFiles implements Files {
  private readonly files = new Map<string, string>();
  private readonly failures: { operation: FilesOperation; error: Error }[] = [];
  readonly calls: { operation: FilesOperation; path: string; to?: string }[] = [];

  constructor(initial: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(initial)) this.files.set(path, text);
  }

  /** The next call of `operation` rejects with `error` (once). */
  failNext(operation: FilesOperation, error: Error = new Error(`${operation} failed`)): void {
    this.failures.push({ operation, error });
  }

  /** The current text at `path`, or undefined. Synchronous, for assertions. */
  peek(path: string): string | undefined {
    return this.files.get(path);
  }

  /** Seeds or replaces a file without recording a call (the "user edited it" case). */
  put(path: string, text: string): void {
    this.files.set(path, text);
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  readText(path: string): Promise<string | null> {
    return this.run('readText', path, () => this.files.get(path) ?? null);
  }

  writeTextAtomic(path: string, text: string): Promise<void> {
    return this.run('writeTextAtomic', path, () => void this.files.set(path, text));
  }

  appendText(path: string, text: string): Promise<void> {
    return this.run(
      'appendText',
      path,
      () => void this.files.set(path, (this.files.get(path) ?? '') + text),
    );
  }

  rename(from: string, to: string): Promise<void> {
    return this.run(
      'rename',
      from,
      () => {
        const text = this.files.get(from);
        if (text === undefined)
          throw new Error(`ENOENT: no such file, rename '${from}' -> '${to}'`);
        this.files.delete(from);
        this.files.set(to, text);
      },
      to,
    );
  }

  remove(path: string): Promise<void> {
    return this.run('remove', path, () => void this.files.delete(path));
  }

  size(path: string): Promise<number | null> {
    return this.run('size', path, () => {
      const text = this.files.get(path);
      return text === undefined ? null : new TextEncoder().encode(text).length;
    });
  }

  join(...parts: string[]): string {
    return parts
      .filter((part) => part.length > 0)
      .join('/')
      .replace(/\/{2,}/g, '/');
  }

  private async run<T>(
    operation: FilesOperation,
    path: string,
    body: () => T,
    to?: string,
  ): Promise<T> {
    this.calls.push(to === undefined ? { operation, path } : { operation, path, to });
    await Promise.resolve();
    const index = this.failures.findIndex((failure) => failure.operation === operation);
    if (index >= 0) {
      const [failure] = this.failures.splice(index, 1);
      if (failure) throw failure.error;
    }
    return body();
  }
}
