import type { IpcMain, IpcMainInvokeEvent } from 'electron';

import type { IpcRouter } from '../../app/ipc-router.js';
import { invokeChannels, RENDERER_READY_CHANNEL } from '../../shared/ipc-contract.js';
import { ipcErr } from '../../shared/ipc-result.js';
import type { SenderGuard } from './sender-guard.js';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

export interface IpcTransportOptions {
  /** A trusted page said its listeners are in place (the broadcaster flushes its outbox). */
  onRendererReady?: (contentsId: number) => void;
}

/**
 * Binds every contract channel to the router, behind the sender guard.
 *
 * This folder is the only place allowed to touch `ipcMain` (lint enforces it); the binding takes
 * an `IpcMainLike` so it can be tested without Electron. The sender check stays here, in the
 * transport, because only the transport knows who sent a message.
 */
export function bindIpcTransport(
  target: IpcMainLike,
  router: IpcRouter,
  guard: SenderGuard,
  options: IpcTransportOptions = {},
): () => void {
  const channels = Object.keys(invokeChannels);
  for (const channel of channels) {
    target.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!guard.isTrusted(event)) {
        return ipcErr('forbidden', 'This window is not allowed to talk to the app.');
      }
      if (channel === RENDERER_READY_CHANNEL) options.onRendererReady?.(event.sender.id);
      // Exactly one argument crosses; extra ones are dropped rather than passed along.
      return router.dispatch(channel, args[0]);
    });
  }
  return () => {
    for (const channel of channels) target.removeHandler(channel);
  };
}
