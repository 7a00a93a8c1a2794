/**
 * A deliberately raw SSE reader for tests: reads the response body bytes, splits frames on blank
 * lines and hands back the exact text, so assertions can pin `event: dust-handshake\ndata: {}\n\n`
 * or `data: done\n\n` byte for byte. It never interprets the protocol.
 */
export interface RawSse {
  readonly response: Response;
  /** Complete frames so far, each with its trailing blank line. */
  readonly frames: string[];
  /** Everything received so far, including a partial last frame. */
  text(): string;
  /** Waits until at least `count` complete frames arrived; returns them all. */
  waitForFrames(count: number, timeoutMs?: number): Promise<string[]>;
  /** Waits for the next complete frame after the ones already consumed by this call. */
  nextFrame(timeoutMs?: number): Promise<string>;
  /** Resolves when the body ends: `end` (clean close) or `error` (torn connection / aborted). */
  readonly ended: Promise<'end' | 'error'>;
  isEnded(): boolean;
  /** Aborts the request (client disconnect). */
  close(): void;
}

export async function openRawSse(url: string, init: RequestInit = {}): Promise<RawSse> {
  const abort = new AbortController();
  const response = await fetch(url, { ...init, signal: abort.signal });
  const frames: string[] = [];
  let buffer = '';
  let all = '';
  let consumed = 0;
  let ended = false;
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };

  const read = async (): Promise<'end' | 'error'> => {
    if (!response.body) return 'end';
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'end';
        const chunk = decoder.decode(value, { stream: true });
        all += chunk;
        buffer += chunk;
        let index: number;
        while ((index = buffer.indexOf('\n\n')) !== -1) {
          frames.push(buffer.slice(0, index + 2));
          buffer = buffer.slice(index + 2);
        }
        notify();
      }
    } catch {
      return 'error';
    }
  };
  const endedPromise = read().then((how) => {
    ended = true;
    notify();
    return how;
  });

  const waitUntil = (predicate: () => boolean, timeoutMs: number, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (predicate()) return resolve();
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`raw-sse: timed out waiting for ${what}; got ${JSON.stringify(all)}`));
      }, timeoutMs);
      const check = (): void => {
        if (predicate()) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        } else if (ended) {
          clearTimeout(timer);
          waiters.delete(check);
          reject(
            new Error(
              `raw-sse: stream ended while waiting for ${what}; got ${JSON.stringify(all)}`,
            ),
          );
        }
      };
      waiters.add(check);
    });

  return {
    response,
    frames,
    text: () => all,
    async waitForFrames(count, timeoutMs = 5_000) {
      await waitUntil(() => frames.length >= count, timeoutMs, `${count} frames`);
      return [...frames];
    },
    async nextFrame(timeoutMs = 5_000) {
      await waitUntil(() => frames.length > consumed, timeoutMs, `frame #${consumed + 1}`);
      return frames[consumed++] ?? '';
    },
    ended: endedPromise,
    isEnded: () => ended,
    close: () => abort.abort(),
  };
}

/** Parses a `data: {"eventId","data"}` frame; throws on anything else. */
export function parseDataFrame(frame: string): { eventId: string; data: Record<string, unknown> } {
  if (!frame.startsWith('data: ') || !frame.endsWith('\n\n'))
    throw new Error(`not a data frame: ${JSON.stringify(frame)}`);
  return JSON.parse(frame.slice('data: '.length, -2)) as {
    eventId: string;
    data: Record<string, unknown>;
  };
}
