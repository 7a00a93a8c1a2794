import { ipcMain } from 'electron';

import type { IpcRouter } from '../../app/ipc-router.js';
import { bindIpcTransport } from './ipc-transport.js';
import type { SenderGuard } from './sender-guard.js';

/** The production binding, on Electron's own `ipcMain` (kept apart so tests never load Electron). */
export function bindElectronIpc(router: IpcRouter, guard: SenderGuard): () => void {
  return bindIpcTransport(ipcMain, router, guard);
}
