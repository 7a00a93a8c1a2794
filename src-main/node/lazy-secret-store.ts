import type { SecretStore } from '../core/ports.js';
import { DEFAULT_SECRET_SERVICE_NAME } from './secret-service-name.js';

/**
 * A SecretStore that loads the keychain adapter (and with it the native @napi-rs/keyring addon)
 * on first use. The headless bridge given a DUST_TOKEN and no `${secret:…}` placeholder never
 * touches the keychain, so it neither pays for the addon nor needs it installed.
 */
export class LazySecretStore implements SecretStore {
  private store: Promise<SecretStore> | undefined;

  constructor(private readonly service: string = DEFAULT_SECRET_SERVICE_NAME) {}

  async get(key: string): Promise<string | null> {
    return (await this.load()).get(key);
  }

  async set(key: string, value: string): Promise<void> {
    await (await this.load()).set(key, value);
  }

  async delete(key: string): Promise<void> {
    await (await this.load()).delete(key);
  }

  /** Whether the adapter has been loaded (tests prove the token path never loads it). */
  get loaded(): boolean {
    return this.store !== undefined;
  }

  private load(): Promise<SecretStore> {
    this.store ??= import('./keyring-secret-store.js').then(
      ({ KeyringSecretStore }) => new KeyringSecretStore(this.service),
      (error: unknown) => {
        const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new Error(
          `The system keychain cannot be used: its addon @napi-rs/keyring did not load (${detail}). Set DUST_TOKEN instead.`,
        );
      },
    );
    return this.store;
  }
}
