import { z } from 'zod';

/**
 * The harness's wire format: the IPC contract carried over a loopback WebSocket.
 *
 * Only the transport differs from Electron; channel names, validation and the result envelope
 * are the same code (src-main/app/ipc-router.ts). Frames from the page are untrusted, so the
 * server checks their shape before anything else; the channel and input are left `unknown` for
 * the router to judge, as `ipcMain.handle` would.
 */
export const WsInvokeRequest = z.object({
  kind: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.unknown().optional(),
  input: z.unknown().optional(),
});
export type WsInvokeRequest = z.infer<typeof WsInvokeRequest>;

export interface WsInvokeResponse {
  kind: 'result';
  id: number;
  result: unknown;
}

/** One hub event, as the preload's `ipcRenderer.on` would receive it in Electron. */
export interface WsEventFrame {
  kind: 'event';
  channel: string;
  message: unknown;
}

export type WsServerFrame = WsInvokeResponse | WsEventFrame;

/** Close code for a connection that came without the per-run token. */
export const WS_CLOSE_UNAUTHORISED = 4401;
