/**
 * Which Dust host the saved tokens were issued for. A Dust access token is a bearer credential:
 * whoever receives it acts as the person. The region or custom URL decides where it is sent, so
 * the tokens remember the host they were issued for, and a session whose configured host no longer
 * matches is not used (the person signs in again for the new host). Kept in the keychain beside
 * the tokens; it is not a secret, but it must change only with them.
 */
import type { SecretStore } from '../ports.js';

export const TOKEN_HOST_KEY = 'auth/dust_host';

export class TokenHostBinding {
  constructor(private readonly secrets: SecretStore) {}

  /**
   * The origin the saved tokens belong to, or null (none saved, or tokens from before this check).
   */
  read(): Promise<string | null> {
    return this.secrets.get(TOKEN_HOST_KEY);
  }

  bind(baseUrl: string): Promise<void> {
    return this.secrets.set(TOKEN_HOST_KEY, originOf(baseUrl));
  }

  clear(): Promise<void> {
    return this.secrets.delete(TOKEN_HOST_KEY);
  }
}

/** Whether `bound` (from `read`) names the same host as `baseUrl`. */
export function sameTokenHost(bound: string, baseUrl: string): boolean {
  return originOf(bound) === originOf(baseUrl);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The refusal in words, for the window and headless mode. */
export function tokenHostMismatch(
  bound: string,
  configured: string,
  remedy = 'Sign in again for the new address, or set the region back.',
): string {
  return `Your saved Dust sign-in is for ${originOf(bound)}, but the app is now set to ${originOf(configured)}, so it was not used there. ${remedy}`;
}
