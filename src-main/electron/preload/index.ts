import { contextBridge, ipcRenderer } from 'electron';

import { type BridgeApi, createBridge } from '../../shared/bridge.js';
import type { IpcResult } from '../../shared/ipc-result.js';

// Bundled into one CJS file: sandboxed preloads cannot `require` our own modules.
const api: BridgeApi = createBridge(
  (channel, input) => ipcRenderer.invoke(channel, input) as Promise<IpcResult<unknown>>,
);

contextBridge.exposeInMainWorld('api', api);
