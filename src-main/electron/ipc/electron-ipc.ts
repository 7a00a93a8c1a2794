import { ipcMain } from 'electron';

import type { IpcRouter } from '../../app/ipc-router.js';
import { bindIpcTransport, type IpcTransportOptions } from './ipc-transport.js';
import type { SenderGuard } from './sender-guard.js';

/**
 * The production binding, on Electron's own `ipcMain` (kept apart so tests never load Electron).
 */
export function bindElectronIpc(
  router: IpcRouter,
  guard: SenderGuard,
  options: IpcTransportOptions = {},
): () => void {
  return bindIpcTransport(ipcMain, router, guard, options);
}
