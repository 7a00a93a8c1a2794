/**
 * The harness's wire format: the IPC contract carried over a loopback WebSocket.
 *
 * Only the transport differs from Electron; channel names, validation and the result envelope
 * are the same code (src-main/app/ipc-router.ts).
 */
export interface WsInvokeRequest {
  kind: 'invoke';
  id: number;
  channel: string;
  input: unknown;
}

export interface WsInvokeResponse {
  kind: 'result';
  id: number;
  result: unknown;
}

/** Close code for a connection that came without the per-run token. */
export const WS_CLOSE_UNAUTHORISED = 4401;
