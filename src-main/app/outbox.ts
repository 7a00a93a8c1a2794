/**
 * Holds messages for one window until its page says it is listening, then passes them straight on.
 *
 * Electron Fiddle's pattern: a window created to show "request X" gets the navigation event only
 * after its listeners exist, not into the void while the page loads. A reload puts the outbox
 * back on hold. The queue is bounded; when it overflows the oldest messages go, and the page's
 * `seq` check (shared/event-sync.ts) notices the gap and fetches a fresh snapshot.
 */
export interface Outbox<M> {
  push(message: M): void;
  /** The page is listening: flush what waited, in order, and deliver directly from now on. */
  markReady(): void;
  /** The page went away (reload, navigation): hold messages again until it is ready. */
  markNotReady(): void;
  readonly isReady: boolean;
  readonly queued: number;
  close(): void;
}

export const DEFAULT_OUTBOX_LIMIT = 500;

export function createOutbox<M>(
  deliver: (message: M) => void,
  limit = DEFAULT_OUTBOX_LIMIT,
): Outbox<M> {
  let queue: M[] = [];
  let ready = false;
  let closed = false;
  return {
    push(message) {
      if (closed) return;
      if (ready) {
        deliver(message);
        return;
      }
      queue.push(message);
      if (queue.length > limit) queue.splice(0, queue.length - limit);
    },
    markReady() {
      if (closed || ready) return;
      ready = true;
      const waiting = queue;
      queue = [];
      for (const message of waiting) deliver(message);
    },
    markNotReady() {
      ready = false;
    },
    get isReady() {
      return ready;
    },
    get queued() {
      return queue.length;
    },
    close() {
      closed = true;
      ready = false;
      queue = [];
    },
  };
}
