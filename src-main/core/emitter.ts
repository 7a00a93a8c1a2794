import type { IDisposable } from './lifecycle.js';

/** Subscribe to an event; the returned disposable unsubscribes. */
export type Event<T> = (listener: (value: T) => void) => IDisposable;

/**
 * A typed event emitter (VS Code's `Emitter`). A throwing listener does not stop the others;
 * its error goes to `onListenerError` (the logger, in practice).
 */
export class Emitter<T> implements IDisposable {
  private readonly listeners = new Set<(value: T) => void>();
  /**
   * The listeners as of the last change, which `fire` walks: a listener added or removed during a
   * fire does not change who that fire calls. Kept between changes, so firing copies nothing
   * (several events fire per relayed call).
   */
  private snapshot: readonly ((value: T) => void)[] | undefined;
  private disposed = false;

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    this.listeners.add(listener);
    this.snapshot = undefined;
    return {
      dispose: () => {
        if (this.listeners.delete(listener)) this.snapshot = undefined;
      },
    };
  };

  get listenerCount(): number {
    return this.listeners.size;
  }

  fire(value: T): void {
    this.snapshot ??= [...this.listeners];
    for (const listener of this.snapshot) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.snapshot = undefined;
  }
}
