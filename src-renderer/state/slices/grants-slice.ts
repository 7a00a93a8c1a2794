import type { GrantDto } from '../../../src-main/shared/contract/approvals';
import { errorWords, type Loadable, loading } from '../errors';
import type { SliceContext } from './types';

export interface GrantsSlice {
  grants: Loadable<GrantDto[]>;
  grantsError: string | null;
  revokeGrant: (id: string) => Promise<void>;
  revokeAllGrants: () => Promise<void>;
}

export function createGrantsSlice({ set, bridge }: SliceContext): GrantsSlice {
  async function run(action: () => Promise<void>) {
    set({ grantsError: null });
    try {
      await action();
    } catch (error) {
      set({ grantsError: errorWords(error).message });
    }
  }
  return {
    grants: loading,
    grantsError: null,
    revokeGrant: (id) => run(() => bridge.grants.revoke(id)),
    revokeAllGrants: () => run(() => bridge.grants.revokeAll()),
  };
}
