import { createStore } from 'zustand/vanilla';

import type { BridgeApi } from '../../src-main/shared/bridge';
import type { AppInfo } from '../../src-main/shared/ipc-contract';

type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string };

export interface AppState {
  appInfo: Loadable<AppInfo>;
  loadAppInfo: () => Promise<void>;
}

/** The one renderer store, built around the injected bridge (zustand "initialize with props"). */
export function createAppStore(bridge: BridgeApi) {
  return createStore<AppState>()((set) => ({
    appInfo: { status: 'loading' },
    async loadAppInfo() {
      set({ appInfo: { status: 'loading' } });
      try {
        set({ appInfo: { status: 'ready', value: await bridge.app.getInfo() } });
      } catch (error) {
        const message = error instanceof Error ? error.message : 'Unknown error';
        set({ appInfo: { status: 'error', message } });
      }
    },
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
