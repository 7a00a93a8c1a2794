import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

import { type StreamMessage, syncStream } from './event-sync.js';

const expected = (n: number) => Array.from({ length: n }, (_, i) => `e${i + 1}`);

/** A scripted stream: a list model whose events append one item each, like a delta stream. */
function harness() {
  let emit: (message: StreamMessage<string>) => void = () => undefined;
  const unsubscribe = vi.fn();
  type Snap = { seq: number; value: string[] };
  const calls: Array<{ resolve: (snapshot: Snap) => void; reject: (error: unknown) => void }> = [];
  const fetchSnapshot = vi.fn(
    () => new Promise<Snap>((resolve, reject) => calls.push({ resolve, reject })),
  );
  const snapshotUpTo = (seq: number): Snap => ({ seq, value: expected(seq) });
  let view: string[] = [];
  const onError = vi.fn();
  const sync = syncStream<string[], string>({
    subscribe: (listener) => {
      emit = listener;
      return unsubscribe;
    },
    fetchSnapshot,
    onSnapshot: (value) => (view = [...value]),
    onEvent: (payload) => view.push(payload),
    onError,
  });
  return {
    sync,
    emit: (seq: number) => emit({ seq, payload: `e${seq}` }),
    /** Answers the latest snapshot request, or request number `call` (0-based). */
    resolve: (seq: number, call = calls.length - 1) => calls[call]!.resolve(snapshotUpTo(seq)),
    reject: (error: unknown) => calls[calls.length - 1]!.reject(error),
    view: () => view,
    fetchSnapshot,
    unsubscribe,
    onError,
  };
}

describe('syncStream (snapshot, then subscribe)', () => {
  it('subscribes before asking for the snapshot', () => {
    const h = harness();
    expect(h.fetchSnapshot).toHaveBeenCalledTimes(1);
    h.emit(1);
    expect(h.view()).toEqual([]);
  });

  it('drops buffered events the snapshot already reflects and replays the newer ones', async () => {
    const h = harness();
    h.emit(3);
    h.emit(4);
    h.emit(5);
    h.resolve(4);
    await h.sync.ready;
    expect(h.view()).toEqual(expected(5));
    expect(h.sync.seq).toBe(5);
  });

  it('replays out-of-order buffered events in seq order', async () => {
    const h = harness();
    h.emit(3);
    h.emit(2);
    h.resolve(1);
    await h.sync.ready;
    expect(h.view()).toEqual(expected(3));
  });

  it('applies live events after the snapshot and ignores duplicates', async () => {
    const h = harness();
    h.resolve(2);
    await h.sync.ready;
    h.emit(3);
    h.emit(3);
    h.emit(2);
    h.emit(4);
    expect(h.view()).toEqual(expected(4));
  });

  it('fetches a new snapshot when a seq is skipped, then catches up', async () => {
    const h = harness();
    h.resolve(1);
    await h.sync.ready;
    h.emit(3);
    expect(h.fetchSnapshot).toHaveBeenCalledTimes(2);
    h.emit(4);
    h.resolve(3);
    await vi.waitFor(() => expect(h.view()).toEqual(expected(4)));
  });

  it('reports a failed snapshot, keeps buffering, and recovers on resync', async () => {
    const h = harness();
    h.emit(1);
    h.reject(new Error('offline'));
    await expect(h.sync.ready).rejects.toThrow('offline');
    expect(h.onError).toHaveBeenCalledTimes(1);
    h.emit(2);
    const again = h.sync.resync();
    h.emit(3);
    h.resolve(2);
    await again;
    expect(h.view()).toEqual(expected(3));
  });

  it('ignores a stale snapshot overtaken by a newer resync', async () => {
    const h = harness();
    const second = h.sync.resync();
    // Answering the first (stale) request must not apply it: only the second counts.
    h.resolve(1, 0);
    h.resolve(2, 1);
    await second;
    expect(h.view()).toEqual(expected(2));
  });

  it('stops listening on dispose, even with a snapshot in flight', async () => {
    const h = harness();
    h.sync.dispose();
    expect(h.unsubscribe).toHaveBeenCalledTimes(1);
    h.resolve(3);
    await h.sync.ready;
    expect(h.view()).toEqual([]);
  });

  it('converges to the full history however events and the snapshot interleave', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        async (total, snapshotAtRaw, subscribedBeforeRaw) => {
          // Events 1..subscribedBefore arrive while buffering; the snapshot reflects some prefix
          // at least as long as what was published before it was read.
          const subscribedBefore = Math.min(subscribedBeforeRaw, total);
          const snapshotAt = Math.min(Math.max(snapshotAtRaw, 0), subscribedBefore);
          const h = harness();
          for (let seq = 1; seq <= subscribedBefore; seq++) h.emit(seq);
          h.resolve(snapshotAt);
          await h.sync.ready;
          for (let seq = subscribedBefore + 1; seq <= total; seq++) h.emit(seq);
          expect(h.view()).toEqual(expected(total));
        },
      ),
    );
  });
});
