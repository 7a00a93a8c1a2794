import type { InvokeChannel, InvokeInput, InvokeOutput } from './ipc-contract.js';
import { IpcCallError,type IpcResult } from './ipc-result.js';

/** Sends one invoke over whatever transport there is (Electron IPC, the harness WebSocket). */
export type InvokeTransport = (channel: InvokeChannel, input: unknown) => Promise<IpcResult<unknown>>;

/**
 * The API the renderer sees as `window.api`: one named method per operation.
 *
 * There is deliberately no generic `invoke(channel)` escape hatch (Electron's context-isolation
 * guide gives exposing `ipcRenderer.send` as the example of what not to do).
 */
export interface BridgeApi {
  app: {
    getInfo(): Promise<InvokeOutput<'app:getInfo'>>;
  };
}

/** Builds the bridge from a transport; the preload and the harness both call this. */
export function createBridge(invoke: InvokeTransport): BridgeApi {
  async function call<C extends InvokeChannel>(
    channel: C,
    input: InvokeInput<C>,
  ): Promise<InvokeOutput<C>> {
    const result = await invoke(channel, input);
    if (!result.ok) throw new IpcCallError(result.error.code, result.error.message);
    // The main side validated the output against the contract before sending it.
    return result.value as InvokeOutput<C>;
  }
  return {
    app: {
      getInfo: () => call('app:getInfo', undefined),
    },
  } satisfies BridgeApi;
}
