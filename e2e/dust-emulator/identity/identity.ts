/**
 * Users, workspaces, memberships, API keys and access tokens; `authenticate` reproduces the
 * bearer-token rules of Dust's public API (`publicApiAuth`, docs/protocol/client-side-mcp.md#auth).
 */
import { randomBytes } from 'node:crypto';

import type { EmulatorClock } from '../clock.js';
import { type DustError, NOT_AUTHENTICATED_MESSAGE } from '../http/errors.js';
import { type Region, REGION_CLAIM, signJwt, verifyJwt, WORKSPACE_CLAIM } from './jwt.js';
import {
  createSeedData,
  type Membership,
  type SeedData,
  type SeedUser,
  type SeedWorkspace,
} from './seed.js';

/** Who a request is: a workspace member with an OAuth token, or a workspace API key. */
export type Principal =
  | {
      readonly kind: 'user';
      readonly user: SeedUser;
      readonly workspace: SeedWorkspace;
      readonly role: Membership['role'];
    }
  | { readonly kind: 'key'; readonly workspace: SeedWorkspace };

export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; error: DustError };

export interface IdentityOptions {
  readonly region: Region;
  readonly clientId: string;
  readonly accessTokenLifetimeSeconds: number;
}

export interface MintOptions {
  readonly lifetimeSeconds?: number;
  /** Claim a region other than the emulator's, to exercise the wrong-host path. */
  readonly region?: string;
  readonly sessionId?: string;
}

const fail = (status: 401 | 404, type: string, message: string): AuthOutcome => ({
  ok: false,
  error: { status, type, message },
});

/** `user_not_found` has no documented message; this one is ours. */
export const USER_NOT_FOUND_MESSAGE = 'The user does not exist in this region.';

export class Identity {
  readonly seed: SeedData;
  readonly issuer: string;

  constructor(
    private readonly clock: EmulatorClock,
    readonly options: IdentityOptions,
  ) {
    this.seed = createSeedData();
    this.issuer = `https://api.workos.com/user_management/${options.clientId}`;
  }

  get users(): SeedUser[] {
    return Object.values(this.seed.users);
  }

  userBySId(sId: string): SeedUser | undefined {
    return this.users.find((u) => u.sId === sId);
  }

  workspace(sId: string): SeedWorkspace | undefined {
    return this.seed.workspaces.find((w) => w.sId === sId);
  }

  membershipsOf(userSId: string): Membership[] {
    return this.seed.memberships.filter((m) => m.userSId === userSId);
  }

  /** The user's first workspace: the `https://dust.tt/workspaceId` claim and the `org_id`. */
  homeWorkspace(user: SeedUser): SeedWorkspace | undefined {
    const first = this.membershipsOf(user.sId)[0];
    return first ? this.workspace(first.workspaceSId) : undefined;
  }

  newSessionId(): string {
    return `session_01J${randomBytes(12).toString('hex').toUpperCase()}`;
  }

  /** An RS256 access token for a seeded user, valid `lifetimeSeconds` of emulated time. */
  mintAccessToken(userSId: string, options: MintOptions = {}): string {
    const user = this.userBySId(userSId);
    if (!user) throw new Error(`emulator: unknown user ${userSId}`);
    const home = this.homeWorkspace(user);
    const iat = Math.floor(this.clock.now() / 1000);
    return signJwt({
      sub: user.workosId,
      sid: options.sessionId ?? this.newSessionId(),
      iss: this.issuer,
      org_id: home?.organizationId ?? '',
      iat,
      exp: iat + (options.lifetimeSeconds ?? this.options.accessTokenLifetimeSeconds),
      [REGION_CLAIM]: options.region ?? this.options.region,
      [WORKSPACE_CLAIM]: home?.sId ?? '',
    });
  }

  /**
   * Resolves an OAuth token to a user, without workspace checks (`tokenAuth`, used by `/me`).
   * Garbage → `not_authenticated`; bad signature or issuer → `invalid_oauth_token_error`; past
   * `exp` → `expired_oauth_token_error`; unknown `sub` or another region → `user_not_found`.
   */
  resolveOAuthUser(
    token: string,
  ): { ok: true; user: SeedUser; orgId: string } | { ok: false; error: DustError } {
    const check = verifyJwt(token, this.issuer, this.clock.now());
    if (!check.ok) {
      const type =
        check.failure === 'malformed'
          ? 'not_authenticated'
          : check.failure === 'expired'
            ? 'expired_oauth_token_error'
            : 'invalid_oauth_token_error';
      return { ok: false, error: { status: 401, type, message: NOT_AUTHENTICATED_MESSAGE } };
    }
    const user = this.users.find((u) => u.workosId === check.claims.sub);
    if (!user || check.claims[REGION_CLAIM] !== this.options.region) {
      return {
        ok: false,
        error: { status: 401, type: 'user_not_found', message: USER_NOT_FOUND_MESSAGE },
      };
    }
    return { ok: true, user, orgId: check.claims.org_id };
  }

  /** Public-API authentication for `/api/v1/w/{wId}/…`: OAuth bearer first, then `sk-` keys. */
  authenticate(authorization: string | undefined, wId: string): AuthOutcome {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const token = match?.[1];
    if (token === undefined) return fail(401, 'not_authenticated', NOT_AUTHENTICATED_MESSAGE);
    if (token.startsWith('sk-')) {
      const key = this.seed.apiKeys.find((k) => k.secret === token);
      if (!key)
        return fail(401, 'invalid_api_key_error', 'The API key provided is invalid or disabled.');
      const workspace = this.workspace(wId);
      if (!workspace) return fail(404, 'workspace_not_found', 'The workspace was not found.');
      if (key.workspaceSId !== wId) {
        return fail(
          401,
          'workspace_auth_error',
          'Only users of the workspace can access this content.',
        );
      }
      return { ok: true, principal: { kind: 'key', workspace } };
    }
    const resolved = this.resolveOAuthUser(token);
    if (!resolved.ok) return { ok: false, error: resolved.error };
    const workspace = this.workspace(wId);
    if (!workspace) return fail(404, 'workspace_not_found', 'The workspace was not found.');
    const membership = this.membershipsOf(resolved.user.sId).find((m) => m.workspaceSId === wId);
    if (!membership)
      return fail(
        401,
        'workspace_auth_error',
        'Only users of the workspace can access this content.',
      );
    return {
      ok: true,
      principal: { kind: 'user', user: resolved.user, workspace, role: membership.role },
    };
  }
}
