import { createStore } from 'zustand/vanilla';

import type { AppInfo, FileProblemDto } from '../../src-main/shared/ipc-contract';
import type { WindowApi } from '../../src-main/shared/window-api';
import { errorWords, type Loadable } from './errors';
import { createActivitySlice } from './slices/activity-slice';
import { createApprovalsSlice } from './slices/approvals-slice';
import { createAuthSlice } from './slices/auth-slice';
import { createChatSlice } from './slices/chat-slice';
import { createElicitationsSlice } from './slices/elicitations-slice';
import { createGrantsSlice } from './slices/grants-slice';
import { createInitSlice } from './slices/init-slice';
import { createNavSlice } from './slices/nav-slice';
import { createRulesSlice } from './slices/rules-slice';
import { createServersSlice } from './slices/servers-slice';
import { createSettingsSlice } from './slices/settings-slice';
import { createShortcutSlice } from './slices/shortcut-slice';
import { createSpacesSlice } from './slices/spaces-slice';
import type { AppState as DomainState } from './slices/types';

export interface AppState extends DomainState {
  appInfo: Loadable<AppInfo>;
  loadAppInfo: () => Promise<void>;
  /** Data files unreadable at start (read once: they only change at the next start). */
  fileProblems: readonly FileProblemDto[];
  loadFileProblems: () => Promise<void>;
}

/**
 * The one renderer store, built around the injected bridge (zustand "initialize with props").
 *
 * Slices share one `set`/`get`, so an action in one domain can read another (the approvals batch
 * button reads the servers' read-only tool list) without a second store to keep in step.
 */
export function createAppStore(bridge: WindowApi) {
  return createStore<AppState>()((set, get) => {
    const context = { set, get, bridge };
    return {
      ...createAuthSlice(context),
      ...createServersSlice(context),
      ...createApprovalsSlice(context),
      ...createGrantsSlice(context),
      ...createActivitySlice(context),
      ...createSpacesSlice(context),
      ...createNavSlice(context),
      ...createRulesSlice(context),
      ...createChatSlice(context),
      ...createShortcutSlice(context),
      ...createSettingsSlice(context),
      ...createElicitationsSlice(context),
      ...createInitSlice(context),
      appInfo: { status: 'loading' },
      fileProblems: [],
      async loadFileProblems() {
        // Quiet on failure: the screen already says when the app cannot be reached.
        const problems = await bridge.app.fileProblems().catch(() => []);
        set({ fileProblems: problems });
      },
      async loadAppInfo() {
        set({ appInfo: { status: 'loading' } });
        try {
          set({ appInfo: { status: 'ready', value: await bridge.app.getInfo() } });
        } catch (error) {
          set({ appInfo: { status: 'error', message: errorWords(error).message } });
        }
      },
    };
  });
}

export type AppStore = ReturnType<typeof createAppStore>;
