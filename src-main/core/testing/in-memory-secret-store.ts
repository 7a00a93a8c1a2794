import type { SecretStore } from '../ports.js';

/**
 * A SecretStore in a Map, for unit tests of pure code.
 *
 * `failWith` makes every call reject, to exercise the "keychain unavailable" paths without a
 * real locked keychain; `values` is exposed so tests can assert what was stored.
 */
export class InMemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  failWith: Error | undefined;

  constructor(initial: Record<string, string> = {}) {
    for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
  }

  get(key: string): Promise<string | null> {
    return this.answer(() => this.values.get(key) ?? null);
  }

  set(key: string, value: string): Promise<void> {
    return this.answer(() => void this.values.set(key, value));
  }

  delete(key: string): Promise<void> {
    return this.answer(() => void this.values.delete(key));
  }

  /** Like KeyringSecretStore.keys: every stored key, sorted. */
  keys(): Promise<string[]> {
    return this.answer(() => [...this.values.keys()].sort());
  }

  private answer<T>(compute: () => T): Promise<T> {
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve(compute());
  }
}
