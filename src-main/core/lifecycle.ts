/**
 * Disposables, after VS Code's `base/common/lifecycle.ts`.
 *
 * Every long-lived service extends `Disposable` and registers what it owns (timers, streams,
 * listeners, child processes), so `dispose()` releases all of it and tests can check that nothing
 * is left behind.
 */
export interface IDisposable {
  dispose(): void;
}

/** A set of disposables released together, most recent first. */
export class DisposableStore implements IDisposable {
  private readonly items = new Set<IDisposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Adds an item; if the store is already disposed, the item is disposed at once. */
  add<T extends IDisposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.add(item);
    return item;
  }

  /** Disposes one item now and forgets it. */
  delete(item: IDisposable): void {
    if (this.items.delete(item)) item.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of [...this.items].reverse()) {
      try {
        item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    this.items.clear();
    if (errors.length > 0) throw new AggregateError(errors, 'Some disposables failed to dispose');
  }
}

/** Holds at most one disposable; setting a new one disposes the previous. */
export class MutableDisposable<T extends IDisposable> implements IDisposable {
  private current: T | undefined;

  get value(): T | undefined {
    return this.current;
  }

  set value(next: T | undefined) {
    if (this.current === next) return;
    this.current?.dispose();
    this.current = next;
  }

  clear(): void {
    this.value = undefined;
  }

  dispose(): void {
    this.clear();
  }
}

/** Base class for services: `_register` what you own; `dispose()` releases it. */
export abstract class Disposable implements IDisposable {
  protected readonly _store = new DisposableStore();

  protected _register<T extends IDisposable>(item: T): T {
    return this._store.add(item);
  }

  dispose(): void {
    this._store.dispose();
  }
}
