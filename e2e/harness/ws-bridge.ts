import type { IpcResult } from '../../src-main/shared/ipc-result.js';
import {
  createWindowApi,
  type InvokeTransport,
  type ListenTransport,
  type WindowApi,
} from '../../src-main/shared/window-api.js';
import type { WsInvokeRequest, WsServerFrame } from './ws-protocol.js';

/** The part of the browser's WebSocket the bridge uses (Node tests pass the `ws` package's). */
export type WebSocketConstructor = new (url: string) => WebSocket;

/**
 * A bridge whose transport is the harness's WebSocket, for the renderer running in Chromium.
 *
 * Invokes made before the socket opens are queued, so the app can use `window.api` at once.
 * Event frames go to the listeners `on` registered, exactly as `ipcRenderer.on` would deliver
 * them in Electron.
 */
export function createWsBridge(url: string, Socket: WebSocketConstructor = WebSocket): WindowApi {
  const socket = new Socket(url);
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const listeners = new Map<string, Set<(message: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;

  socket.addEventListener('open', () => {
    for (const frame of queue.splice(0)) socket.send(frame);
  });
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    const frame = parseFrame(event.data);
    if (frame?.kind === 'result') {
      pending.get(frame.id)?.(frame.result as IpcResult<unknown>);
      pending.delete(frame.id);
    } else if (frame?.kind === 'event') {
      for (const listener of [...(listeners.get(frame.channel) ?? [])]) listener(frame.message);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'offline', message: 'The harness connection closed.' } });
    }
    pending.clear();
  });

  const invoke: InvokeTransport = (channel, input) =>
    new Promise((resolve) => {
      const request: WsInvokeRequest = { kind: 'invoke', id: nextId++, channel, input };
      pending.set(request.id, resolve);
      const frame = JSON.stringify(request);
      if (socket.readyState === socket.OPEN) socket.send(frame);
      else queue.push(frame);
    });

  const listen: ListenTransport = (channel, listener) => {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set);
    set.add(listener);
    return () => void set.delete(listener);
  };

  return createWindowApi(invoke, listen);
}

function parseFrame(data: unknown): WsServerFrame | null {
  if (typeof data !== 'string') return null;
  try {
    const frame = JSON.parse(data) as WsServerFrame | null;
    return typeof frame === 'object' && frame !== null ? frame : null;
  } catch {
    return null;
  }
}
