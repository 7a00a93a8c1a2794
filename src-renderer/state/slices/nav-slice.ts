import type { AppNavigation } from '../../../src-main/shared/ipc-contract';
import type { SliceContext } from './types';

export const views = [
  'requests',
  'ask',
  'servers',
  'permissions',
  'activity',
  'spaces',
  'settings',
] as const;
export type View = (typeof views)[number];

export interface NavSlice {
  view: View;
  /** The request a notification or a j/k key press put the focus on. */
  focusedRequestId: string | null;
  setView: (view: View) => void;
  focusRequest: (callId: string | null) => void;
  /** Main asked to show something (tray item, notification click). */
  navigate: (to: AppNavigation) => void;
}

export function createNavSlice({ set }: SliceContext): NavSlice {
  return {
    view: 'requests',
    focusedRequestId: null,
    setView: (view) => set({ view }),
    focusRequest: (callId) => set({ focusedRequestId: callId }),
    navigate(to) {
      switch (to.view) {
        case 'request':
          set({ view: 'requests', focusedRequestId: to.requestId });
          return;
        case 'servers':
          set({ view: 'servers' });
          return;
        case 'ask':
          // The tray item and the global shortcut: show the composer with the caret in it.
          set({ view: 'ask', composerFocusPending: true });
          return;
        case 'home':
          set({ view: 'requests' });
          return;
      }
    },
  };
}
