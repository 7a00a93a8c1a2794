/**
 * Demo data every emulator starts with: the "Acme" workspace, Ada (main user) and Grace (second
 * member), an outsider Eve (member of another workspace only), and one workspace API key.
 *
 * Shapes follow Dust's `UserType` / `WorkspaceType` as `/api/v1/me` returns them
 * (docs/protocol/sign-in.md#workspaces).
 */
import { randomBytes } from 'node:crypto';

export type Role = 'admin' | 'builder' | 'user' | 'none';

export interface SeedUser {
  readonly id: number;
  readonly sId: string;
  /** WorkOS user id: the JWT `sub`. */
  readonly workosId: string;
  readonly username: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly fullName: string;
  readonly createdAt: number;
  readonly provider: string;
}

export interface SeedWorkspace {
  readonly id: number;
  readonly sId: string;
  readonly name: string;
  /** WorkOS organisation id: the JWT `org_id`. */
  readonly organizationId: string;
}

export interface Membership {
  readonly userSId: string;
  readonly workspaceSId: string;
  readonly role: Role;
}

export interface ApiKey {
  readonly secret: string;
  readonly workspaceSId: string;
}

export interface SeedData {
  readonly workspaces: readonly SeedWorkspace[];
  readonly users: { readonly ada: SeedUser; readonly grace: SeedUser; readonly eve: SeedUser };
  readonly memberships: readonly Membership[];
  readonly apiKeys: readonly ApiKey[];
}

function user(
  id: number,
  sId: string,
  first: string,
  last: string,
  workosSuffix: string,
): SeedUser {
  const username = first.toLowerCase();
  return {
    id,
    sId,
    workosId: `user_01J${workosSuffix}`,
    username,
    email: `${username}@acme.com`,
    firstName: first,
    lastName: last,
    fullName: `${first} ${last}`,
    createdAt: 1735689600000,
    provider: 'google',
  };
}

export const ACME_WORKSPACE_ID = '0ec9852c2f';

export function createSeedData(): SeedData {
  const acme: SeedWorkspace = {
    id: 77,
    sId: ACME_WORKSPACE_ID,
    name: 'Acme',
    organizationId: 'org_01HACME0000000000000000000',
  };
  const globex: SeedWorkspace = {
    id: 78,
    sId: '9ad3c4e5f1',
    name: 'Globex',
    organizationId: 'org_01HGLOBEX000000000000000000',
  };
  const ada = user(4242, '3f9a1c0b7e', 'Ada', 'Lovelace', 'ADA00000000000000000000');
  const grace = user(4243, '7c2e9d4a1b', 'Grace', 'Hopper', 'GRACE000000000000000000');
  const eve = {
    ...user(4244, 'b5d8e0f3a2', 'Eve', 'Outsider', 'EVE00000000000000000000'),
    email: 'eve@globex.com',
  };
  return {
    workspaces: [acme, globex],
    users: { ada, grace, eve },
    memberships: [
      { userSId: ada.sId, workspaceSId: acme.sId, role: 'admin' },
      { userSId: grace.sId, workspaceSId: acme.sId, role: 'user' },
      { userSId: eve.sId, workspaceSId: globex.sId, role: 'admin' },
    ],
    apiKeys: [{ secret: `sk-${randomBytes(16).toString('hex')}`, workspaceSId: acme.sId }],
  };
}
