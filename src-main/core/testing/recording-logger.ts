import type { Logger, LogLevel } from '../ports.js';

/**
 * A Logger that keeps every entry, so tests can assert what was logged (and that no secret was).
 */
export class RecordingLogger implements Logger {
  readonly entries: {
    level: LogLevel;
    message: string;
    fields: Record<string, unknown> | undefined;
  }[] = [];

  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level, message, fields });
  }

  messages(level?: LogLevel): string[] {
    return this.entries
      .filter((entry) => level === undefined || entry.level === level)
      .map((entry) => entry.message);
  }
}
