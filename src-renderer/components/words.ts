/**
 * Numbers, sizes, durations and times as a person reads them: "1 tool", "2 min 30 s",
 * "3.1 KB", "in 52 min", "until 14:10". One place, so every card says them the same way.
 */

/** "1 tool", "2 tools", "0 tools". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** "45 s", "2 min 30 s", "2 min", "1 h 5 min": rounded to the second, never negative. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** A coarser duration for far-away times: minutes only past 10 minutes, hours past a day. */
function roughDuration(ms: number): string {
  if (ms < 10 * 60_000) return formatDuration(ms);
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return formatDuration(minutes * 60_000);
}

/** "in 52 min", "3 s ago", "just now". */
export function formatRelative(at: number, now: number): string {
  const delta = at - now;
  if (Math.abs(delta) < 1000) return 'just now';
  return delta > 0 ? `in ${roughDuration(delta)}` : `${roughDuration(-delta)} ago`;
}

/** "14:10" in the person's locale (with the date when it is not today). */
export function formatClock(at: number, now: number = Date.now()): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const time = date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  return sameDay
    ? time
    : `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

/** "812 B", "3.1 KB", "1.2 MB" (of the text as UTF-8). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Ends a sentence with one period, whatever the text already ends with. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The words of anything thrown: an Error's message, or the value itself as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
