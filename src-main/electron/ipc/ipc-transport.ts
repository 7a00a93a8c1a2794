import type { IpcMain, IpcMainInvokeEvent } from 'electron';

import type { IpcRouter } from '../../app/ipc-router.js';
import { invokeChannels } from '../../shared/ipc-contract.js';
import { ipcErr } from '../../shared/ipc-result.js';
import type { SenderGuard } from './sender-guard.js';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/**
 * Binds every contract channel to the router, behind the sender guard.
 *
 * This folder is the only place allowed to touch `ipcMain` (lint enforces it); the binding takes
 * an `IpcMainLike` so it can be tested without Electron.
 */
export function bindIpcTransport(target: IpcMainLike, router: IpcRouter, guard: SenderGuard): () => void {
  const channels = Object.keys(invokeChannels);
  for (const channel of channels) {
    target.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!guard.isTrusted(event)) {
        return ipcErr('forbidden', 'This window is not allowed to talk to the app.');
      }
      // Exactly one argument crosses; extra ones are dropped rather than passed along.
      return router.dispatch(channel, args[0]);
    });
  }
  return () => {
    for (const channel of channels) target.removeHandler(channel);
  };
}
