import type { IDisposable } from './lifecycle.js';

/** Subscribe to an event; the returned disposable unsubscribes. */
export type Event<T> = (listener: (value: T) => void) => IDisposable;

/**
 * A typed event emitter (VS Code's `Emitter`). A throwing listener does not stop the others;
 * its error goes to `onListenerError` (the logger, in practice).
 */
export class Emitter<T> implements IDisposable {
  private readonly listeners = new Set<(value: T) => void>();
  private disposed = false;

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };

  get listenerCount(): number {
    return this.listeners.size;
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
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
  }
}
