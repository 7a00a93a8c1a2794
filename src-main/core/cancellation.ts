import { Emitter } from './emitter.js';
import type { IDisposable } from './lifecycle.js';

/**
 * A cancellation signal the pure core can create and pass to ports (core has no AbortController).
 * Node adapters bridge it to an `AbortSignal`.
 */
export interface CancellationToken {
  readonly isCancelled: boolean;
  onCancelled(listener: () => void): IDisposable;
}

export class CancellationTokenSource implements IDisposable {
  private cancelled = false;
  private readonly emitter = new Emitter<void>();
  readonly token: CancellationToken;

  constructor() {
    const isCancelled = () => this.cancelled;
    this.token = {
      get isCancelled() {
        return isCancelled();
      },
      onCancelled: (listener) => {
        if (this.cancelled) {
          listener();
          return { dispose: () => undefined };
        }
        return this.emitter.event(listener);
      },
    };
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.emitter.fire();
    this.emitter.dispose();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export const neverCancelled: CancellationToken = {
  isCancelled: false,
  onCancelled: () => ({ dispose: () => undefined }),
};
