import { errorMessage } from '../error-message.js';
import type { IDisposable } from '../lifecycle.js';
import type { Files, Logger } from '../ports.js';
import { type ActivityLog, type ActivityRecord, toJsonlLine } from './activity-log.js';

export interface ActivityJournalOptions {
  directory: string;
  /** Rotate when the current file would grow past this (default 5 MB). */
  maxBytes?: number;
  /** Rotated files kept besides the current one (default 3). */
  keep?: number;
}

/**
 * Persists the activity log as JSONL (`activity.jsonl`, then `activity.1.jsonl`, … when full).
 *
 * Appends are queued one after the other so lines never interleave, and a failed write is
 * logged rather than thrown: losing a log line must never break a tool call. The records come
 * from the activity log, which has already redacted secrets.
 */
export class ActivityJournal implements IDisposable {
  private queue: Promise<void> = Promise.resolve();
  private currentSize: number | undefined;
  private readonly subscription: IDisposable;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(
    log: ActivityLog,
    private readonly files: Files,
    private readonly logger: Logger,
    private readonly options: ActivityJournalOptions,
  ) {
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.keep = options.keep ?? 3;
    this.subscription = log.onDidRecord((record) => this.append(record));
  }

  get path(): string {
    return this.fileName(0);
  }

  /** Resolves once every record so far is on disk. */
  flush(): Promise<void> {
    return this.queue;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private append(record: ActivityRecord): void {
    const line = toJsonlLine(record);
    this.queue = this.queue
      .then(async () => {
        this.currentSize ??= (await this.files.size(this.path)) ?? 0;
        if (this.currentSize > 0 && this.currentSize + line.length > this.maxBytes)
          await this.rotate();
        await this.files.appendText(this.path, line);
        this.currentSize += line.length;
      })
      .catch((error: unknown) => {
        this.currentSize = undefined;
        this.logger.log('warn', 'Could not write the activity journal', {
          error: errorMessage(error),
        });
      });
  }

  private async rotate(): Promise<void> {
    await this.files.remove(this.fileName(this.keep));
    for (let index = this.keep - 1; index >= 0; index--) {
      if ((await this.files.size(this.fileName(index))) !== null)
        await this.files.rename(this.fileName(index), this.fileName(index + 1));
    }
    this.currentSize = 0;
  }

  private fileName(index: number): string {
    return this.files.join(
      this.options.directory,
      index === 0 ? 'activity.jsonl' : `activity.${index}.jsonl`,
    );
  }
}
