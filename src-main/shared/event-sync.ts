/**
 * The renderer's half of "snapshot, then subscribe" (ARCHITECTURE.md#snapshot-then-subscribe), as a
 * pure function.
 *
 * Subscribe first and buffer; then fetch the snapshot, apply it, and replay the buffered events
 * whose `seq` is higher than the snapshot's. Afterwards apply live events in order, ignore
 * duplicates (`seq <= last`), and fetch a fresh snapshot when a `seq` is skipped — main may drop
 * events for a window that stopped reading, and a gap is how the window notices. This closes the
 * race VS Code closes with `_getInitialState` + `onStateChange`, and makes reopening free.
 *
 * No imports, so the renderer may bundle it (the lint config allows this one value import).
 */

export interface StreamMessage<P> {
  seq: number;
  payload: P;
}

export interface StreamSyncOptions<S, P> {
  subscribe(listener: (message: StreamMessage<P>) => void): () => void;
  fetchSnapshot(): Promise<{ seq: number; value: S }>;
  onSnapshot(value: S, seq: number): void;
  onEvent(payload: P, seq: number): void;
  /** A snapshot could not be fetched; the stream stays buffered until `resync()` succeeds. */
  onError?(error: unknown): void;
}

export interface StreamSync {
  /** Settles when the first snapshot has been applied (rejects if it could not be fetched). */
  readonly ready: Promise<void>;
  /** The `seq` of the last snapshot or event applied; -1 before the first snapshot. */
  readonly seq: number;
  /** Throws the current view away and starts again from a fresh snapshot. */
  resync(): Promise<void>;
  dispose(): void;
}

export function syncStream<S, P>(options: StreamSyncOptions<S, P>): StreamSync {
  let buffer: Array<StreamMessage<P>> | null = [];
  let lastSeq = -1;
  let generation = 0;
  let disposed = false;

  const unsubscribe = options.subscribe((message) => {
    if (disposed) return;
    if (buffer) {
      buffer.push(message);
      return;
    }
    deliver(message);
  });

  /** Applies one live event; answers false when a gap forced a resync. */
  function deliver(message: StreamMessage<P>): boolean {
    if (message.seq <= lastSeq) return true;
    if (message.seq > lastSeq + 1) {
      void resync().catch(() => undefined);
      return false;
    }
    lastSeq = message.seq;
    options.onEvent(message.payload, message.seq);
    return true;
  }

  async function resync(): Promise<void> {
    if (disposed) return;
    const mine = ++generation;
    buffer = [];
    let snapshot: { seq: number; value: S };
    try {
      snapshot = await options.fetchSnapshot();
    } catch (error) {
      if (mine === generation && !disposed) options.onError?.(error);
      throw error;
    }
    // A newer resync or a dispose overtook this one: its snapshot is stale.
    if (mine !== generation || disposed) return;
    const pending = (buffer ?? []).sort((a, b) => a.seq - b.seq);
    buffer = null;
    lastSeq = snapshot.seq;
    options.onSnapshot(snapshot.value, snapshot.seq);
    for (const message of pending) {
      if (!deliver(message)) return;
    }
  }

  const ready = resync();
  // `ready` is for callers who care; an unobserved failure already went to onError.
  ready.catch(() => undefined);

  return {
    ready,
    get seq() {
      return lastSeq;
    },
    resync,
    dispose() {
      disposed = true;
      buffer = null;
      unsubscribe();
    },
  };
}
