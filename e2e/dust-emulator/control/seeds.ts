/**
 * Ready-made credentials for tests and scripts, minted once per emulator. Seed tokens live 12 h
 * of emulated time so that advancing the clock past a registration TTL does not also sign the
 * test out; tests about token expiry mint their own short-lived tokens.
 */
import type { EmulatorContext } from '../context.js';
import type { SeedUser } from '../identity/seed.js';

export interface EmulatorSeeds {
  readonly workspaceId: string;
  readonly region: string;
  readonly workosClientId: string;
  /** Ada's access token. */
  readonly userToken: string;
  /** Grace's access token (second member of the same workspace). */
  readonly otherUserToken: string;
  /** A workspace API key (`sk-…`). */
  readonly apiKey: string;
  readonly users: { readonly ada: SeedUser; readonly grace: SeedUser; readonly eve: SeedUser };
}

export const SEED_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

const memo = new WeakMap<EmulatorContext, EmulatorSeeds>();

export function seedsOf(ctx: EmulatorContext): EmulatorSeeds {
  const known = memo.get(ctx);
  if (known) return known;
  const { ada, grace } = ctx.identity.seed.users;
  const seeds: EmulatorSeeds = {
    workspaceId: ctx.identity.seed.workspaces[0]?.sId ?? '',
    region: ctx.options.region,
    workosClientId: ctx.options.workos.clientId,
    userToken: ctx.identity.mintAccessToken(ada.sId, {
      lifetimeSeconds: SEED_TOKEN_LIFETIME_SECONDS,
    }),
    otherUserToken: ctx.identity.mintAccessToken(grace.sId, {
      lifetimeSeconds: SEED_TOKEN_LIFETIME_SECONDS,
    }),
    apiKey: ctx.identity.seed.apiKeys[0]?.secret ?? '',
    users: ctx.identity.seed.users,
  };
  memo.set(ctx, seeds);
  return seeds;
}
