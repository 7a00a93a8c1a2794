import type { AuthSnapshotDto, RegionDto } from '../../../src-main/shared/contract/auth';
import { errorWords, type Loadable, loading } from '../errors';
import type { SliceContext } from './types';

export interface AuthSlice {
  auth: Loadable<AuthSnapshotDto>;
  /** The last sign-in action that failed, in words (e.g. a custom URL main refused). */
  authError: string | null;
  authBusy: boolean;
  signIn: (region: RegionDto) => Promise<void>;
  cancelSignIn: () => Promise<void>;
  selectWorkspace: (workspaceId: string) => Promise<void>;
  signOut: () => Promise<void>;
}

export function createAuthSlice({ set, get, bridge }: SliceContext): AuthSlice {
  /** Runs one auth action with a busy flag; a failure is kept as words for the form. */
  async function run(action: () => Promise<void>) {
    set({ authBusy: true, authError: null });
    try {
      await action();
    } catch (error) {
      set({ authError: errorWords(error).message });
    } finally {
      set({ authBusy: false });
    }
  }
  return {
    auth: loading,
    authError: null,
    authBusy: false,
    signIn: (region) =>
      run(async () => {
        const current = get().auth;
        const same =
          current.status === 'ready' &&
          current.value.region.region === region.region &&
          current.value.region.customUrl === region.customUrl;
        if (!same) await bridge.auth.setRegion(region);
        await bridge.auth.startSignIn();
      }),
    cancelSignIn: () => run(() => bridge.auth.cancelSignIn()),
    selectWorkspace: (workspaceId) => run(() => bridge.auth.selectWorkspace(workspaceId)),
    signOut: () => run(() => bridge.auth.signOut()),
  };
}
