import type { BridgeApi } from '../../src-main/shared/bridge';
import type { AppInfo } from '../../src-main/shared/ipc-contract';

/** A scriptable in-memory bridge for component tests only; e2e uses the real core. */
export function createFakeBridge(options: { appInfo?: AppInfo; failWith?: string } = {}): BridgeApi {
  return {
    app: {
      getInfo: () =>
        options.failWith
          ? Promise.reject(new Error(options.failWith))
          : Promise.resolve(options.appInfo ?? { name: 'Dust MCP Tray', version: '0.0.0-test' }),
      rendererReady: () => Promise.resolve(),
    },
    on: () => () => undefined,
  };
}
