import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer,type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

import { WebSocketServer } from 'ws';

import type { IpcRouter } from '../../src-main/app/ipc-router.js';
import { WS_CLOSE_UNAUTHORISED, type WsInvokeRequest, type WsInvokeResponse } from './ws-protocol.js';

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

/**
 * Serves the harness build of the renderer and carries IPC over a WebSocket, on 127.0.0.1 only.
 *
 * The per-run token plays the sender guard's role: a connection without it is closed at once.
 */
export async function startHarness(options: { rendererDir: string; router: IpcRouter }): Promise<Harness> {
  const token = randomBytes(24).toString('base64url');
  const server = createServer((request, response) => void serveStatic(options.rendererDir, request, response));
  const sockets = new WebSocketServer({ server, path: '/ipc' });

  sockets.on('connection', (socket, request) => {
    if (!hasToken(request, token)) {
      socket.close(WS_CLOSE_UNAUTHORISED, 'missing or wrong token');
      return;
    }
    socket.on('message', (data) => {
      void (async () => {
        let message: WsInvokeRequest;
        try {
          message = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '') as WsInvokeRequest;
        } catch {
          return;
        }
        const result = await options.router.dispatch(message.channel, message.input);
        const response: WsInvokeResponse = { kind: 'result', id: message.id, result };
        socket.send(JSON.stringify(response));
      })();
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

function hasToken(request: IncomingMessage, expected: string): boolean {
  const given = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse) {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(root + sep)) {
    response.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
}
