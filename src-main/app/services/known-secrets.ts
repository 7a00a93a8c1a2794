import type { SecretStore } from '../../core/ports.js';
import { detectSecret } from '../../core/secrets/detect.js';
import { placeholdersIn, secretStoreKey } from '../../core/secrets/placeholders.js';
import { secretBearingValues } from '../../core/settings/entry-parts.js';
import type { Settings } from '../../core/settings/schema.js';

/**
 * The secret values the activity log must redact: keychain values behind `${secret:…}`
 * placeholders, and plain env values that look like secrets. Kept in main's memory only, and
 * refreshed whenever the settings change.
 */
export class KnownSecrets {
  private values: string[] = [];

  constructor(private readonly store: SecretStore) {}

  get current(): readonly string[] {
    return this.values;
  }

  async refresh(settings: Settings): Promise<void> {
    const found: string[] = [];
    for (const [serverName, entry] of Object.entries(settings.mcpServers)) {
      for (const [envKey, value] of Object.entries(secretBearingValues(entry))) {
        const names = placeholdersIn(value);
        for (const name of names) {
          const secret = await this.store.get(secretStoreKey(serverName, name)).catch(() => null);
          if (secret) found.push(secret);
        }
        if (names.length === 0 && detectSecret(envKey, value)) found.push(value);
      }
    }
    this.values = found.filter((value) => value.length >= 6);
  }
}
