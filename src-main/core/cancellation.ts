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
  /** Made on the first subscription: many tokens are only ever read. */
  private emitter: Emitter<void> | undefined;
  private disposed = false;
  readonly token: CancellationToken = new SourceToken(this);

  get isCancelled(): boolean {
    return this.cancelled;
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.emitter?.fire();
    this.dispose();
  }

  dispose(): void {
    this.disposed = true;
    this.emitter?.dispose();
  }

  /** The token's `onCancelled`: at once when already cancelled, never once disposed. */
  subscribe(listener: () => void): IDisposable {
    if (this.cancelled) {
      listener();
      return { dispose: () => undefined };
    }
    if (this.disposed) return { dispose: () => undefined };
    this.emitter ??= new Emitter<void>();
    return this.emitter.event(listener);
  }
}

/**
 * The token a source hands out. A class, not an object literal with a getter: two are made per
 * relayed call, and such literals are slow to create.
 */
class SourceToken implements CancellationToken {
  constructor(private readonly source: CancellationTokenSource) {}

  get isCancelled(): boolean {
    return this.source.isCancelled;
  }

  onCancelled(listener: () => void): IDisposable {
    return this.source.subscribe(listener);
  }
}

export const neverCancelled: CancellationToken = {
  isCancelled: false,
  onCancelled: () => ({ dispose: () => undefined }),
};
