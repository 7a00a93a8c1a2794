import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import type { IpcResult } from '../../shared/ipc-result.js';
import { createWindowApi, type WindowApi } from '../../shared/window-api.js';

// Bundled into one CJS file: sandboxed preloads cannot `require` our own modules.
const api: WindowApi = createWindowApi(
  (channel, input) => ipcRenderer.invoke(channel, input) as Promise<IpcResult<unknown>>,
  (channel, listener) => {
    // The page gets the message only: the IpcRendererEvent would hand it `event.sender`,
    // that is ipcRenderer itself (Electron's context-isolation guide).
    const wrapped = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  },
);

contextBridge.exposeInMainWorld('api', api);
