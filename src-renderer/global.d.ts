import type { WindowApi } from '../src-main/shared/window-api';

declare global {
  interface Window {
    /** Provided by the preload in Electron, or by the harness's WebSocket bridge in e2e. */
    api: WindowApi;
  }
}
