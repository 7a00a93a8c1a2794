import type { AccessTokenSource } from '../dust/dust-http.js';
import { Emitter } from '../emitter.js';
import type { Clock, SecretStore } from '../ports.js';
import { readAccessTokenClaims } from './jwt-claims.js';
import type { TokenPair, WorkosClient } from './workos-client.js';

/** Refresh when fewer than this many ms remain, as Dust's CLI does. */
const REFRESH_MARGIN_MS = 30_000;

export const ACCESS_TOKEN_KEY = 'auth/access_token';
export const REFRESH_TOKEN_KEY = 'auth/refresh_token';

export class NotSignedInError extends Error {
  constructor(message = 'Not signed in to Dust.') {
    super(message);
    this.name = 'NotSignedInError';
  }
}

/**
 * Serialises token refreshes across processes (the desktop app and headless mode share the
 * keychain entries): while one refreshes, the other waits, then finds the rotated pair in the
 * keychain instead of burning the same single-use refresh token.
 */
export interface RefreshLock {
  run<T>(work: () => Promise<T>): Promise<T>;
}

const NO_LOCK: RefreshLock = { run: (work) => work() };

export type SessionEvent =
  { kind: 'signed-in' } | { kind: 'refreshed' } | { kind: 'signed-out'; reason: string };

/**
 * The signed-in session: tokens in the keychain, a valid access token on demand.
 *
 * WorkOS refresh tokens are single-use and rotate, so every refresh goes through one in-flight
 * promise: concurrent callers share it instead of burning the token twice (Dust's CLI has no such
 * guard). The new pair is written to the keychain before anyone uses it, so a crash right after
 * a refresh cannot leave us holding a dead refresh token. A refusal (400/401) signs out with a
 * reason instead of retrying.
 *
 * Another process (headless mode, a second profile) may rotate the same keychain entries, so
 * the keychain is re-read before every refresh and after every rejection: a pair rotated
 * elsewhere is adopted, and a refusal of a refresh token someone else already replaced never
 * deletes their fresh entries. Refreshes are serialised across processes by `RefreshLock`.
 */
export class TokenSession implements AccessTokenSource {
  private tokens: TokenPair | null = null;
  private loaded = false;
  private refreshing: Promise<string | null> | null = null;
  private readonly _onDidChange = new Emitter<SessionEvent>();
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly secrets: SecretStore,
    private readonly workos: WorkosClient,
    private readonly clock: Clock,
    private readonly lock: RefreshLock = NO_LOCK,
  ) {}

  async isSignedIn(): Promise<boolean> {
    await this.load();
    return this.tokens !== null;
  }

  async signIn(tokens: TokenPair): Promise<void> {
    await this.persist(tokens);
    this._onDidChange.fire({ kind: 'signed-in' });
  }

  async signOut(reason = 'You signed out.'): Promise<void> {
    this.tokens = null;
    this.loaded = true;
    await Promise.all([
      this.secrets.delete(ACCESS_TOKEN_KEY),
      this.secrets.delete(REFRESH_TOKEN_KEY),
    ]);
    this._onDidChange.fire({ kind: 'signed-out', reason });
  }

  async getAccessToken(): Promise<string> {
    await this.load();
    if (!this.tokens) throw new NotSignedInError();
    if (this.isFresh(this.tokens.accessToken)) return this.tokens.accessToken;
    const fresh = await this.refresh();
    if (!fresh) throw new NotSignedInError('Your Dust session ended. Sign in again.');
    return fresh;
  }

  async refreshAfterRejection(rejectedToken: string): Promise<string | null> {
    await this.load();
    if (!this.tokens) return null;
    // Someone already refreshed since this token was handed out: use theirs.
    if (this.tokens.accessToken !== rejectedToken) return this.tokens.accessToken;
    // Maybe another process did: the keychain has the last word.
    const stored = await this.readStored();
    if (stored && stored.accessToken !== rejectedToken) {
      this.tokens = stored;
      return stored.accessToken;
    }
    return this.refresh();
  }

  dispose(): void {
    this._onDidChange.dispose();
  }

  private refresh(): Promise<string | null> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private doRefresh(): Promise<string | null> {
    return this.lock.run(async () => {
      // Another process may have rotated the pair while we waited for the lock, or before. An
      // unreadable keychain leaves us with what we hold.
      const stored = await this.readStored().catch(() => this.tokens);
      if (!stored) {
        this.tokens = null;
        this._onDidChange.fire({
          kind: 'signed-out',
          reason: 'You were signed out (in another window or in headless mode). Sign in again.',
        });
        return null;
      }
      if (stored.refreshToken !== this.tokens?.refreshToken) {
        this.tokens = stored;
        if (this.isFresh(stored.accessToken)) return stored.accessToken;
      }
      const used = stored.refreshToken;
      const outcome = await this.workos.refresh(used);
      if (outcome.kind === 'rejected') {
        // Refused because someone else already redeemed it? Then their pair is in the keychain.
        const latest = await this.readStored();
        if (latest && latest.refreshToken !== used) {
          this.tokens = latest;
          return latest.accessToken;
        }
        await this.signOut(outcome.message);
        return null;
      }
      await this.persist(outcome.tokens);
      this._onDidChange.fire({ kind: 'refreshed' });
      return outcome.tokens.accessToken;
    });
  }

  private isFresh(accessToken: string): boolean {
    const expiresAt = readAccessTokenClaims(accessToken)?.expiresAt;
    return expiresAt === undefined || expiresAt - REFRESH_MARGIN_MS > this.clock.now();
  }

  private async readStored(): Promise<TokenPair | null> {
    const [accessToken, refreshToken] = await Promise.all([
      this.secrets.get(ACCESS_TOKEN_KEY),
      this.secrets.get(REFRESH_TOKEN_KEY),
    ]);
    return accessToken && refreshToken ? { accessToken, refreshToken } : null;
  }

  private async persist(tokens: TokenPair): Promise<void> {
    await this.secrets.set(REFRESH_TOKEN_KEY, tokens.refreshToken);
    await this.secrets.set(ACCESS_TOKEN_KEY, tokens.accessToken);
    this.tokens = tokens;
    this.loaded = true;
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.tokens = await this.readStored();
    this.loaded = true;
  }
}

/** A fixed token (headless `DUST_TOKEN`): never refreshed; a rejection is final. */
export class StaticTokenSource implements AccessTokenSource {
  constructor(private readonly token: string) {}

  getAccessToken(): Promise<string> {
    return Promise.resolve(this.token);
  }

  refreshAfterRejection(): Promise<string | null> {
    return Promise.resolve(null);
  }
}
