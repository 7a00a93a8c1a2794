import type { Event } from '../emitter.js';
import { DisposableStore, type IDisposable } from '../lifecycle.js';
import type { Timers } from '../ports.js';

/**
 * Promises that resolve when a state machine reaches a state, with an optional timeout.
 *
 * Disposal resolves every pending wait with undefined, so `await supervisor.stop()` after
 * `dispose()` cannot hang and no timer outlives its owner.
 */
export class StateWaiters<S> implements IDisposable {
  private readonly pending = new Set<DisposableStore>();
  private disposed = false;

  constructor(
    private readonly current: () => S,
    private readonly onDidChange: Event<S>,
    private readonly timers: Timers,
  ) {}

  /**
   * The first state (the current one included) that matches, or undefined on timeout or disposal.
   */
  waitFor(predicate: (state: S) => boolean, timeoutMs: number): Promise<S | undefined> {
    const now = this.current();
    if (predicate(now)) return Promise.resolve(now);
    if (this.disposed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const store = new DisposableStore();
      const finish = (state: S | undefined) => {
        resolve(state);
        this.pending.delete(store);
        store.dispose();
      };
      store.add(this.onDidChange((state) => predicate(state) && finish(state)));
      if (Number.isFinite(timeoutMs))
        store.add(this.timers.setTimeout(() => finish(undefined), timeoutMs));
      store.add({ dispose: () => resolve(undefined) });
      this.pending.add(store);
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const store of [...this.pending]) store.dispose();
    this.pending.clear();
  }
}
