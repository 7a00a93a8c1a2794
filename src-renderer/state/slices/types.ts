import type { StoreApi } from 'zustand/vanilla';

import type { WindowApi } from '../../../src-main/shared/window-api';
import type { ActivitySlice } from './activity-slice';
import type { ApprovalsSlice } from './approvals-slice';
import type { AuthSlice } from './auth-slice';
import type { ChatSlice } from './chat-slice';
import type { ElicitationsSlice } from './elicitations-slice';
import type { GrantsSlice } from './grants-slice';
import type { NavSlice } from './nav-slice';
import type { RulesSlice } from './rules-slice';
import type { ServersSlice } from './servers-slice';
import type { SettingsSlice } from './settings-slice';
import type { ShortcutSlice } from './shortcut-slice';
import type { SpacesSlice } from './spaces-slice';

export interface InitSlice {
  /** Subscribes to every stream, loads the snapshots, then tells main the window is ready. */
  init: () => () => void;
  /** After "Could not reach the app": throws the view away and starts again. */
  retry: () => void;
}

export type AppState = AuthSlice &
  ServersSlice &
  ApprovalsSlice &
  GrantsSlice &
  ActivitySlice &
  SpacesSlice &
  NavSlice &
  RulesSlice &
  ChatSlice &
  ShortcutSlice &
  SettingsSlice &
  ElicitationsSlice &
  InitSlice;

/** What each slice factory gets: the store's own set/get and the injected bridge. */
export interface SliceContext {
  set: StoreApi<AppState>['setState'];
  get: StoreApi<AppState>['getState'];
  bridge: WindowApi;
}
