import { type BridgeApi, createBridge,type InvokeTransport } from '../../src-main/shared/bridge.js';
import type { IpcResult } from '../../src-main/shared/ipc-result.js';
import type { WsInvokeRequest, WsInvokeResponse } from './ws-protocol.js';

/**
 * A bridge whose transport is the harness's WebSocket, for the renderer running in Chromium.
 *
 * Invokes made before the socket opens are queued, so the app can use `window.api` at once.
 */
export function createWsBridge(url: string): BridgeApi {
  const socket = new WebSocket(url);
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const queue: string[] = [];
  let nextId = 1;

  socket.addEventListener('open', () => {
    for (const frame of queue.splice(0)) socket.send(frame);
  });
  socket.addEventListener('message', (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as WsInvokeResponse;
    pending.get(message.id)?.(message.result as IpcResult<unknown>);
    pending.delete(message.id);
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'offline', message: 'The harness connection closed.' } });
    }
    pending.clear();
  });

  const transport: InvokeTransport = (channel, input) =>
    new Promise((resolve) => {
      const request: WsInvokeRequest = { kind: 'invoke', id: nextId++, channel, input };
      pending.set(request.id, resolve);
      const frame = JSON.stringify(request);
      if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      else queue.push(frame);
    });

  return createBridge(transport);
}
