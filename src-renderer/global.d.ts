import type { BridgeApi } from '../src-main/shared/bridge';

declare global {
  interface Window {
    /** Provided by the preload in Electron, or by the harness's WebSocket bridge in e2e. */
    api: BridgeApi;
  }
}
