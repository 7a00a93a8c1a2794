/**
 * The remote transport against real HTTP servers on loopback, each answering the way a
 * misbehaving or protected MCP server does: the words the person sees, what is refused, and
 * which headers go on the wire.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterEach, describe, expect, it } from 'vitest';

import type { JsonRpcMessage } from '../core/jsonrpc.js';
import { MAX_REMOTE_MESSAGE_BYTES } from './remote-fetch.js';
import { RemoteMcpConnection } from './remote-mcp-connection.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const servers: Server[] = [];
const connections: RemoteMcpConnection[] = [];

afterEach(async () => {
  for (const connection of connections.splice(0)) connection.dispose();
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

async function serve(
  handler: Handler,
  host = '127.0.0.1',
  server: Server = createHttpServer(),
  scheme = 'http',
): Promise<string> {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => handler(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return `${scheme}://${host}:${port}/mcp`;
}

const INITIALIZE: JsonRpcMessage = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 't', version: '1' },
  },
};

/**
 * Connects with `initialize` and resolves with the exit reason (or the answer, if it succeeded).
 */
async function connect(
  url: string,
  options: { headers?: Record<string, string>; maxMessageBytes?: number } = {},
) {
  const connection = new RemoteMcpConnection(
    { url, transport: 'auto', headers: options.headers ?? {} },
    options.maxMessageBytes ? { maxMessageBytes: options.maxMessageBytes } : {},
  );
  connections.push(connection);
  const exit = new Promise<string | undefined>((resolve) =>
    connection.onExit((event) => resolve(event.reason)),
  );
  const answer = new Promise<JsonRpcMessage>((resolve) => connection.onMessage(resolve));
  const sent = await connection.send(INITIALIZE).then(
    () => undefined,
    (error: Error) => error.message,
  );
  return { connection, sent, exit, answer };
}

const initializeResult = (id: unknown) =>
  JSON.stringify({
    jsonrpc: '2.0',
    id,
    result: {
      protocolVersion: '2025-06-18',
      capabilities: { tools: {} },
      serverInfo: { name: 'x', version: '1' },
    },
  });

describe('RemoteMcpConnection', () => {
  it('sends the configured headers with every request, and keeps the session id', async () => {
    const seen: Array<Record<string, string | string[] | undefined>> = [];
    const url = await serve((req, res, body) => {
      seen.push(req.headers);
      const message = JSON.parse(body) as { id?: unknown };
      if (message.id === undefined) return void res.writeHead(202).end();
      res
        .writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'session-1' })
        .end(initializeResult(message.id));
    });
    const { connection, sent, answer } = await connect(url, {
      headers: { Authorization: 'Bearer tok-123456', 'X-Team': 'platform' },
    });
    expect(sent).toBeUndefined();
    await expect(answer).resolves.toMatchObject({ id: 1, result: { serverInfo: { name: 'x' } } });
    await connection.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(connection.sessionId).toBe('session-1');
    expect(seen[0]).toMatchObject({ authorization: 'Bearer tok-123456', 'x-team': 'platform' });
    expect(seen[1]).toMatchObject({
      authorization: 'Bearer tok-123456',
      'mcp-session-id': 'session-1',
      'mcp-protocol-version': '2025-06-18',
    });
  });

  it('ends the session with a DELETE carrying its id when closed', async () => {
    const deletes: Array<string | string[] | undefined> = [];
    const url = await serve((req, res, body) => {
      if (req.method === 'DELETE') {
        deletes.push(req.headers['mcp-session-id']);
        return void res.writeHead(200).end();
      }
      if (req.method === 'GET') return void res.writeHead(405).end();
      const message = JSON.parse(body) as { id?: unknown };
      res
        .writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'session-9' })
        .end(initializeResult(message.id));
    });
    const { connection, sent } = await connect(url);
    expect(sent).toBeUndefined();
    let exited = false;
    connection.onExit(() => (exited = true));
    await connection.close();
    expect(deletes).toEqual(['session-9']);
    expect(exited).toBe(false);
  });

  it('a 401 with an authorization challenge is "needs sign-in", and is not mistaken for an old server', async () => {
    let gets = 0;
    const url = await serve((req, res) => {
      if (req.method === 'GET') gets++;
      res
        .writeHead(401, {
          'www-authenticate':
            'Bearer resource_metadata="https://auth.acme.com/.well-known/oauth-protected-resource"',
        })
        .end();
    });
    const { sent, exit } = await connect(url);
    expect(sent).toMatch(
      /^needs sign-in: it answered 401 with an authorization challenge; signing in with OAuth is not supported yet/,
    );
    await expect(exit).resolves.toBe(sent);
    expect(gets).toBe(0);
  });

  it('a 403 says access was refused', async () => {
    const url = await serve((_req, res) => res.writeHead(403).end('no'));
    const { sent } = await connect(url);
    expect(sent).toBe(
      'refused access (HTTP 403 Forbidden): the credentials in its headers are not allowed to use it',
    );
  });

  it('refuses a redirect to another host, and the other host never sees the request or its headers', async () => {
    let reached = 0;
    const other = await serve(() => reached++, '127.0.0.2');
    const url = await serve((_req, res) => res.writeHead(307, { location: other }).end());
    const { sent } = await connect(url, { headers: { Authorization: 'Bearer tok-123456' } });
    expect(sent).toBe(
      `redirected elsewhere to ${new URL(other).origin} (HTTP 307); only redirects within ${new URL(url).origin} are followed, so set the new URL in its settings`,
    );
    expect(reached).toBe(0);
  });

  it('closes the session when a message is larger than the cap (16 MiB by default)', async () => {
    expect(MAX_REMOTE_MESSAGE_BYTES).toBe(16 * 1024 * 1024);
    const url = await serve((_req, res, body) => {
      const { id } = JSON.parse(body) as { id: unknown };
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', id, result: { padding: 'x'.repeat(4096) } }));
    });
    const { sent, exit } = await connect(url, { maxMessageBytes: 1024 });
    expect(sent).toBe(
      'sent a message larger than 1024 bytes (the most Dust accepts for a tool result is 16 MiB); the connection was closed',
    );
    await expect(exit).resolves.toBe(sent);
  });

  it('caps each event of an event stream, not the stream', async () => {
    const url = await serve((_req, res, body) => {
      const { id } = JSON.parse(body) as { id: unknown };
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // Three notifications of 600 bytes each, then the answer: 2 KiB in all, each event under 1
      // KiB.
      for (let i = 0; i < 3; i++)
        res.write(
          `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { data: 'y'.repeat(600) } })}\n\n`,
        );
      res.end(`event: message\ndata: ${initializeResult(id)}\n\n`);
    });
    const { sent, connection } = await connect(url, { maxMessageBytes: 1024 });
    expect(sent).toBeUndefined();
    await new Promise<void>((resolve) =>
      connection.onMessage((message) => message.id === 1 && resolve()),
    );
  });

  it('a 404 on a request with a session id ends the session, so the supervisor starts a new one', async () => {
    const url = await serve((req, res, body) => {
      const message = JSON.parse(body) as { id?: unknown };
      if (req.headers['mcp-session-id'] === 'gone') return void res.writeHead(404).end();
      res
        .writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'gone' })
        .end(initializeResult(message.id));
    });
    const { connection, sent, exit } = await connect(url);
    expect(sent).toBeUndefined();
    await expect(connection.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' })).rejects.toThrow(
      'ended the session (HTTP 404); a new session starts',
    );
    await expect(exit).resolves.toBe('ended the session (HTTP 404); a new session starts');
  });

  it('names a certificate this computer does not trust', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tls-'));
    try {
      const key = join(dir, 'key.pem');
      const cert = join(dir, 'cert.pem');
      await promisify(execFile)('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ]);
      const server = createHttpsServer({ key: await readFile(key), cert: await readFile(cert) });
      const url = await serve(
        (_req, res) => res.writeHead(200).end('{}'),
        '127.0.0.1',
        server,
        'https',
      );
      const { sent } = await connect(url);
      expect(sent).toMatch(
        /^is unreachable: its TLS certificate was not accepted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID)\); an internal certificate authority must be trusted by this computer$/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
