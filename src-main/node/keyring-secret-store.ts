import { AsyncEntry, type EntryOptions, findCredentialsAsync } from '@napi-rs/keyring';

import { errorMessage } from '../core/error-message.js';
import type { SecretStore } from '../core/ports.js';
import { DEFAULT_SECRET_SERVICE_NAME } from './secret-service-name.js';

export { DEFAULT_SECRET_SERVICE_NAME };

/**
 * The OS keychain could not be used (locked, no Secret Service on Linux, access denied).
 *
 * Callers keep the value in memory for this run and show `message` to the person; it never
 * contains a secret, only the key name and what to do.
 */
export class SecretStoreUnavailableError extends Error {
  override readonly name = 'SecretStoreUnavailableError';
}

/**
 * Pin Linux to the Secret Service: without it the library falls back to the kernel keyutils
 * store, which forgets everything on reboot and, in our probes, fails writes with a bare
 * "AccessDenied" while reads quietly answer null (ARCHITECTURE.md#secrets: never degrade silently).
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

/**
 * SecretStore on the OS keychain through @napi-rs/keyring: Keychain on macOS, Credential
 * Manager on Windows, the Secret Service (GNOME Keyring, KWallet) on Linux.
 *
 * Uses `AsyncEntry` so a keychain that prompts or a slow D-Bus never blocks the main thread.
 * Entries live under our own service name; tests pass a unique one per run.
 */
export class KeyringSecretStore implements SecretStore {
  constructor(private readonly service: string = DEFAULT_SECRET_SERVICE_NAME) {}

  async get(key: string): Promise<string | null> {
    return this.run('read', key, (entry) => entry.getPassword());
  }

  async set(key: string, value: string): Promise<void> {
    await this.run('save', key, (entry) => entry.setPassword(value));
  }

  async delete(key: string): Promise<void> {
    await this.run('delete', key, (entry) => entry.deletePassword());
  }

  /**
   * Every key stored under our service name, for "Sign out & wipe secrets" (not in the
   * SecretStore port yet). The values the library returns alongside are dropped at once.
   */
  async keys(): Promise<string[]> {
    try {
      const credentials = await findCredentialsAsync(this.service);
      return credentials.map((credential) => credential.account).sort();
    } catch (error) {
      throw new SecretStoreUnavailableError(explain('list the keys', error), { cause: error });
    }
  }

  private async run<T>(
    verb: string,
    key: string,
    action: (entry: AsyncEntry) => Promise<T>,
  ): Promise<T> {
    try {
      // The constructor itself throws when there is no D-Bus session to find the service on.
      return await action(new AsyncEntry(this.service, key, ENTRY_OPTIONS));
    } catch (error) {
      throw new SecretStoreUnavailableError(explain(`${verb} "${key}"`, error), { cause: error });
    }
  }
}

/** `action` is what we tried, e.g. `save "token"`; the result never contains a value. */
function explain(action: string, error: unknown): string {
  const detail = errorMessage(error);
  const hint =
    process.platform === 'linux'
      ? 'Make sure a Secret Service provider (GNOME Keyring or KWallet) is installed, running and ' +
        'unlocked, and that libsecret-1-0 is installed.'
      : process.platform === 'darwin'
        ? 'Unlock your login keychain in Keychain Access and allow Dust MCP Tray to use it.'
        : 'Check that Windows Credential Manager is available for your account.';
  return `Could not ${action} in the system keychain (${detail}). ${hint}`;
}
