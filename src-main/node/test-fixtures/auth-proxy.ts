/**
 * A loopback gate in front of a remote MCP server that wants `Authorization: Bearer <token>`,
 * as an intranet server behind a static token does: anything else gets 401 with a Bearer
 * challenge. Requests that pass are piped through unchanged (event streams included), and
 * every Authorization header seen is recorded, so a test can prove what went on the wire.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AuthProxy {
  url: (path: string) => string;
  seenAuthorization: string[];
  close(): Promise<void>;
}

export async function startAuthProxy(target: { port: number }, token: string): Promise<AuthProxy> {
  const seenAuthorization: string[] = [];
  const server: Server = createServer((req, res) => {
    const authorization = req.headers.authorization ?? '';
    seenAuthorization.push(authorization);
    if (authorization !== `Bearer ${token}`) {
      req.resume();
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="intranet"' }).end();
      return;
    }
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    seenAuthorization,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
