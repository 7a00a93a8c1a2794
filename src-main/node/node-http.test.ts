import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CancellationTokenSource } from '../core/cancellation.js';
import { HttpAbortedError, NodeHttpClient } from './node-http.js';

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const url = req.url ?? '/';
    if (url === '/echo') {
      res.writeHead(201, {
        'content-type': 'application/json',
        'x-seen-auth': req.headers.authorization ?? '',
      });
      res.end(JSON.stringify({ method: req.method, body: Buffer.concat(chunks).toString('utf8') }));
    } else if (url === '/redirect') {
      res.writeHead(307, { location: '/echo' });
      res.end();
    } else if (url === '/stall-body') {
      res.writeHead(200);
      res.write('partial');
    } else if (url === '/slow') {
      setTimeout(() => res.end('late'), 2_000).unref();
    } else {
      res.writeHead(404);
      res.end('not here');
    }
  });
}

describe('NodeHttpClient (real HTTP on 127.0.0.1)', () => {
  let server: Server;
  let base: string;
  const http = new NodeHttpClient();

  beforeAll(async () => {
    server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, headers and body, and reads status, headers and text', async () => {
    const response = await http.request({
      method: 'POST',
      url: `${base}/echo`,
      headers: { authorization: 'Bearer t' },
      body: 'hello',
    });
    expect(response.status).toBe(201);
    expect(response.header('X-Seen-Auth')).toBe('Bearer t');
    expect(JSON.parse(await response.text())).toEqual({ method: 'POST', body: 'hello' });
  });

  it('sends a body in pieces (text and bytes) as their concatenation, with its length in bytes', async () => {
    const large = 'é\n"'.repeat(40_000);
    for (const redirect of ['manual', 'follow'] as const) {
      const response = await http.request({
        method: 'POST',
        url: `${base}/echo`,
        redirect,
        bodyParts: [
          '{"a":',
          JSON.stringify(large).slice(0, 10),
          // Bytes as a view into a larger buffer: only the view's bytes are sent.
          Buffer.from(`xx${JSON.stringify(large).slice(10)}yy`).subarray(2, -2),
          '}',
        ],
      });
      expect(JSON.parse(await response.text())).toEqual({
        method: 'POST',
        body: `{"a":${JSON.stringify(large)}}`,
      });
    }
  });

  it("keeps a caller's own Content-Length for a body in pieces (no second one)", async () => {
    const response = await http.request({
      method: 'POST',
      url: `${base}/echo`,
      redirect: 'manual',
      headers: { 'Content-Length': '7' },
      bodyParts: ['{"a":', Buffer.from('1}')],
    });
    expect(response.status).toBe(201);
    expect(JSON.parse(await response.text())).toEqual({ method: 'POST', body: '{"a":1}' });
  });

  it('answers non-2xx statuses instead of rejecting', async () => {
    const response = await http.request({ method: 'GET', url: `${base}/missing` });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('not here');
  });

  it('leaves redirects to the caller in manual mode and follows them otherwise', async () => {
    const manual = await http.request({
      method: 'GET',
      url: `${base}/redirect`,
      redirect: 'manual',
    });
    expect(manual.status).toBe(307);
    expect(manual.header('location')).toBe('/echo');
    const followed = await http.request({ method: 'GET', url: `${base}/redirect` });
    expect(followed.status).toBe(201);
  });

  it('rejects with a timeout in words', async () => {
    const started = performance.now();
    await expect(
      http.request({ method: 'GET', url: `${base}/slow`, timeoutMs: 100 }),
    ).rejects.toThrow(new HttpAbortedError('No answer within 100 ms.'));
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('rejects when the cancellation token fires', async () => {
    const source = new CancellationTokenSource();
    const pending = http.request({
      method: 'GET',
      url: `${base}/slow`,
      cancellation: source.token,
    });
    setTimeout(() => source.cancel(), 50);
    await expect(pending).rejects.toThrow('The request was cancelled.');
  });

  it('manual mode (node:http) sends, times out, cancels and reads like fetch does', async () => {
    const response = await http.request({
      method: 'POST',
      url: `${base}/echo`,
      headers: { authorization: 'Bearer m' },
      body: 'héllo',
      redirect: 'manual',
    });
    expect(response.status).toBe(201);
    expect(response.header('X-Seen-Auth')).toBe('Bearer m');
    expect(response.header('x-missing')).toBeNull();
    expect(JSON.parse(await response.text())).toEqual({ method: 'POST', body: 'héllo' });
    await expect(
      http.request({ method: 'GET', url: `${base}/slow`, timeoutMs: 100, redirect: 'manual' }),
    ).rejects.toThrow(new HttpAbortedError('No answer within 100 ms.'));
    const source = new CancellationTokenSource();
    const pending = http.request({
      method: 'GET',
      url: `${base}/slow`,
      cancellation: source.token,
      redirect: 'manual',
    });
    setTimeout(() => source.cancel(), 50);
    await expect(pending).rejects.toThrow('The request was cancelled.');
  });

  it('manual mode times out a body that stalls after the headers', async () => {
    const response = await http.request({
      method: 'GET',
      url: `${base}/stall-body`,
      timeoutMs: 150,
      redirect: 'manual',
    });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(new HttpAbortedError('No answer within 150 ms.'));
  });

  it('closes an idle kept-alive socket before the server would (its Keep-Alive hint), so no POST races the close', async () => {
    // The server keeps idle connections 2 s and says so (`Keep-Alive: timeout=2`); the agent
    // must close first, at about 1 s. The server sees who closed: 'end' (our FIN) before its own.
    const hinting = createServer(handle);
    hinting.keepAliveTimeout = 2_000;
    let closedBy: 'client' | 'server' | undefined;
    hinting.on('connection', (socket) => {
      socket.on('end', () => (closedBy ??= 'client'));
      socket.on('timeout', () => (closedBy ??= 'server'));
    });
    await new Promise<void>((resolve) => hinting.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hinting.address() as AddressInfo).port}/echo`;
    try {
      const response = await http.request({ method: 'POST', url, body: 'x', redirect: 'manual' });
      expect(response.header('keep-alive')).toBe('timeout=2');
      await response.text();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(closedBy).toBe('client');
      // A later request simply opens a new connection.
      expect(
        (await http.request({ method: 'POST', url, body: 'y', redirect: 'manual' })).status,
      ).toBe(201);
    } finally {
      hinting.closeAllConnections();
      await new Promise((resolve) => hinting.close(resolve));
    }
  });

  it('explains a refused connection', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await expect(http.request({ method: 'GET', url: `http://127.0.0.1:${port}/` })).rejects.toThrow(
      /Could not reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
    await expect(
      http.request({ method: 'GET', url: `http://127.0.0.1:${port}/`, redirect: 'manual' }),
    ).rejects.toThrow(/Could not reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });
});
