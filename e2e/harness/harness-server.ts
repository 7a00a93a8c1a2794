import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

import { type RawData, type WebSocket, WebSocketServer } from 'ws';

import type { HubEvent, HubListener } from '../../src-main/app/event-hub.js';
import type { IpcRouter } from '../../src-main/app/ipc-router.js';
import { createOutbox } from '../../src-main/app/outbox.js';
import { RENDERER_READY_CHANNEL } from '../../src-main/shared/ipc-contract.js';
import { ipcErr } from '../../src-main/shared/ipc-result.js';
import {
  WS_CLOSE_UNAUTHORISED,
  type WsEventFrame,
  WsInvokeRequest,
  type WsInvokeResponse,
} from './ws-protocol.js';

export interface Harness {
  /** The page to open, token included in the fragment. */
  pageUrl: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface HarnessOptions {
  rendererDir: string;
  router: IpcRouter;
  /** Events for the page (the app's event hub); each socket gets them once it says it is ready. */
  events?: { subscribe(listener: HubListener): () => void };
  /** Sent as a response header with every page, like the Electron shell does for its own pages. */
  contentSecurityPolicy?: string;
}

/**
 * Serves the harness build of the renderer and carries IPC over a WebSocket, on 127.0.0.1 only.
 *
 * The per-run token plays the sender guard's role: a connection without it is closed at once.
 * Events travel over the same socket, held per socket until the page calls `rendererReady`,
 * as the Electron broadcaster holds them per window.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = randomBytes(24).toString('base64url');
  const server = createServer(
    (request, response) =>
      void serveStatic(options.rendererDir, request, response, options.contentSecurityPolicy),
  );
  const sockets = new WebSocketServer({ server, path: '/ipc', maxPayload: 1024 * 1024 });

  sockets.on('connection', (socket, request) => {
    if (!hasToken(request, token)) {
      socket.close(WS_CLOSE_UNAUTHORISED, 'missing or wrong token');
      return;
    }
    const outbox = createOutbox<HubEvent>((event) => {
      const frame: WsEventFrame = { kind: 'event', channel: event.channel, message: event.message };
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    });
    const unsubscribe =
      options.events?.subscribe((event) => outbox.push(event)) ?? (() => undefined);
    socket.on('close', () => {
      unsubscribe();
      outbox.close();
    });
    socket.on('message', (data, isBinary) => {
      void answer(socket, data, isBinary, options.router, () => outbox.markReady());
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl: `http://127.0.0.1:${port}/index.html#token=${token}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers one frame; a frame that is not an invoke gets no answer and never throws. */
async function answer(
  socket: WebSocket,
  data: RawData,
  isBinary: boolean,
  router: IpcRouter,
  onReady: () => void,
): Promise<void> {
  if (isBinary) return;
  let request: WsInvokeRequest;
  try {
    const parsed = WsInvokeRequest.safeParse(JSON.parse(rawText(data)));
    if (!parsed.success) return;
    request = parsed.data;
  } catch {
    return;
  }
  let result: unknown;
  try {
    result = await router.dispatch(request.channel, request.input);
  } catch {
    // The router never throws by contract; this keeps the harness up if that ever breaks.
    result = ipcErr('internal', 'The harness could not handle this call.');
  }
  const ok =
    typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === true;
  if (ok && request.channel === RENDERER_READY_CHANNEL) onReady();
  const response: WsInvokeResponse = { kind: 'result', id: request.id, result };
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(response));
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function hasToken(request: IncomingMessage, expected: string): boolean {
  const given = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  contentSecurityPolicy: string | undefined,
) {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(root + sep)) {
    response.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      ...(contentSecurityPolicy && type.startsWith('text/html')
        ? { 'content-security-policy': contentSecurityPolicy }
        : {}),
    });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
}
