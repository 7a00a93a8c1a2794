/**
 * The WorkOS device authorization grant as Dust's CLI uses it
 * (docs/protocol/sign-in.md#device-authorization,
 * #polling, #refresh): device codes approved or denied by a test hook, `slow_down` when polled faster
 * than `interval`, single-use rotating refresh tokens.
 */
import { randomBytes, randomInt } from 'node:crypto';

import type { EmulatorClock } from '../clock.js';

export type GrantError =
  'authorization_pending' | 'slow_down' | 'access_denied' | 'expired_token' | 'invalid_grant';

/** RFC 8628 / WorkOS wording. */
export const GRANT_ERROR_DESCRIPTIONS: Record<GrantError, string> = {
  authorization_pending:
    "The authorization request is still pending as the user hasn't yet completed the user interaction flow.",
  slow_down: 'The client is polling too quickly and should slow down.',
  access_denied: 'The user has denied the authorization request.',
  expired_token: 'The device code has expired.',
  invalid_grant: 'The grant is invalid, expired, or has already been used.',
};

interface DeviceGrant {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  expiresAt: number;
  lastPollAt: number;
  status: 'pending' | 'approved' | 'denied' | 'consumed';
  userSId?: string;
}

interface RefreshGrant {
  readonly userSId: string;
  readonly sessionId: string;
  used: boolean;
}

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

export class DeviceFlow {
  private readonly grants = new Map<string, DeviceGrant>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly settings: () => { expiresInSeconds: number; intervalSeconds: number },
  ) {}

  authorize(clientId: string): {
    deviceCode: string;
    userCode: string;
    expiresIn: number;
    interval: number;
  } {
    const { expiresInSeconds, intervalSeconds } = this.settings();
    const pick = (): string => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)] ?? 'B';
    const userCode = `${Array.from({ length: 4 }, pick).join('')}-${Array.from({ length: 4 }, pick).join('')}`;
    const deviceCode = randomBytes(48).toString('base64url');
    const now = this.clock.now();
    this.grants.set(deviceCode, {
      deviceCode,
      userCode,
      clientId,
      expiresAt: now + expiresInSeconds * 1000,
      lastPollAt: now,
      status: 'pending',
    });
    return { deviceCode, userCode, expiresIn: expiresInSeconds, interval: intervalSeconds };
  }

  private byUserCode(userCode: string): DeviceGrant | undefined {
    const normalized = userCode.toUpperCase().replace(/[^A-Z]/g, '');
    return [...this.grants.values()].find((g) => g.userCode.replace('-', '') === normalized);
  }

  /** Test hook: the user signed in and approved in the browser. */
  approve(userCode: string, userSId: string): boolean {
    const grant = this.byUserCode(userCode);
    if (!grant || grant.status !== 'pending') return false;
    grant.status = 'approved';
    grant.userSId = userSId;
    return true;
  }

  deny(userCode: string): boolean {
    const grant = this.byUserCode(userCode);
    if (!grant || grant.status !== 'pending') return false;
    grant.status = 'denied';
    return true;
  }

  expire(userCode: string): boolean {
    const grant = this.byUserCode(userCode);
    if (!grant) return false;
    grant.expiresAt = this.clock.now();
    return true;
  }

  /** One poll of `grant_type=device_code`. */
  poll(
    deviceCode: string,
    clientId: string,
  ): { ok: true; userSId: string } | { ok: false; error: GrantError } {
    const grant = this.grants.get(deviceCode);
    if (!grant || grant.clientId !== clientId || grant.status === 'consumed')
      return { ok: false, error: 'invalid_grant' };
    const now = this.clock.now();
    if (now >= grant.expiresAt) return { ok: false, error: 'expired_token' };
    if (grant.status === 'denied') return { ok: false, error: 'access_denied' };
    const tooFast = now - grant.lastPollAt < this.settings().intervalSeconds * 1000;
    grant.lastPollAt = now;
    if (grant.status === 'approved' && grant.userSId !== undefined) {
      grant.status = 'consumed';
      return { ok: true, userSId: grant.userSId };
    }
    return { ok: false, error: tooFast ? 'slow_down' : 'authorization_pending' };
  }

  issueRefreshToken(userSId: string, sessionId: string): string {
    const token = randomBytes(18).toString('base64url');
    this.refreshTokens.set(token, { userSId, sessionId, used: false });
    return token;
  }

  /** Single use: a second redemption of the same token is `invalid_grant`. */
  redeemRefreshToken(token: string): { userSId: string; sessionId: string } | undefined {
    const grant = this.refreshTokens.get(token);
    if (!grant || grant.used) return undefined;
    grant.used = true;
    return { userSId: grant.userSId, sessionId: grant.sessionId };
  }
}
