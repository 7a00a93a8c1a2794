import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import type { EventStreamHandlers } from '../core/ports.js';
import { EventSourceStreams } from './eventsource-streams.js';

type Route = (request: IncomingMessage, response: ServerResponse) => void;

const servers: Server[] = [];

async function serve(route: Route): Promise<{ url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    seen.push(request);
    route(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function sse(response: ServerResponse, frames: string[], end = true) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.flushHeaders();
  for (const frame of frames) response.write(frame);
  if (end) response.end();
}

function collect() {
  const events: string[] = [];
  let resolveError: (error: { status?: number; message: string }) => void = () => undefined;
  const errored = new Promise<{ status?: number; message: string }>(
    (resolve) => (resolveError = resolve),
  );
  const handlers: EventStreamHandlers = {
    onOpen: () => events.push('open'),
    onMessage: (data) => events.push(data),
    onError: (error) => resolveError(error),
  };
  return { events, errored, handlers };
}

describe('EventSourceStreams', () => {
  it('delivers unnamed data frames in order, skips named events, and sends fresh headers', async () => {
    const { url, seen } = await serve((_request, response) =>
      sse(response, [
        'event: dust-handshake\ndata: {}\n\n',
        'data: {"eventId":"1-0"}\n\n',
        'data: done\n\n',
      ]),
    );
    const { events, errored, handlers } = collect();
    let token = 'first-token';
    new EventSourceStreams().open(
      {
        url: () => `${url}/requests?serverId=a`,
        headers: () => ({ authorization: `Bearer ${token}` }),
      },
      handlers,
    );
    const error = await errored;
    expect(events).toEqual(['open', '{"eventId":"1-0"}', 'done']);
    expect(error.status).toBeUndefined();
    expect(seen[0]?.headers.authorization).toBe('Bearer first-token');
    expect(seen[0]?.headers.accept).toBe('text/event-stream');
    token = 'second-token';
    const second = collect();
    new EventSourceStreams().open(
      { url: () => `${url}/requests`, headers: () => ({ authorization: `Bearer ${token}` }) },
      second.handlers,
    );
    await second.errored;
    expect(seen[1]?.headers.authorization).toBe('Bearer second-token');
  });

  it('computes the URL at connect time, so the latest cursor is used', async () => {
    const { url, seen } = await serve((_request, response) => sse(response, ['data: done\n\n']));
    let cursor = '1-0';
    const options = { url: () => `${url}/requests?lastEventId=${cursor}`, headers: () => ({}) };
    const first = collect();
    new EventSourceStreams().open(options, first.handlers);
    await first.errored;
    cursor = '7-3';
    const second = collect();
    new EventSourceStreams().open(options, second.handlers);
    await second.errored;
    expect(seen.map((request) => request.url)).toEqual([
      '/requests?lastEventId=1-0',
      '/requests?lastEventId=7-3',
    ]);
  });

  it('follows a same-origin 307 and keeps the Authorization header', async () => {
    const { url, seen } = await serve((request, response) => {
      if (request.url?.startsWith('/api/v1/')) {
        response
          .writeHead(307, { location: request.url.replace('/api/v1/', '/api/sse/v1/') })
          .end();
      } else {
        sse(response, ['data: {"ok":true}\n\n', 'data: done\n\n']);
      }
    });
    const { events, errored, handlers } = collect();
    new EventSourceStreams().open(
      {
        url: () => `${url}/api/v1/w/x/mcp/requests?serverId=s`,
        headers: () => ({ authorization: 'Bearer t' }),
      },
      handlers,
    );
    await errored;
    expect(events).toEqual(['open', '{"ok":true}', 'done']);
    expect(seen.map((request) => [request.url, request.headers.authorization])).toEqual([
      ['/api/v1/w/x/mcp/requests?serverId=s', 'Bearer t'],
      ['/api/sse/v1/w/x/mcp/requests?serverId=s', 'Bearer t'],
    ]);
  });

  it('refuses a cross-origin redirect: the other host never sees the token', async () => {
    const other = await serve((_request, response) => sse(response, ['data: stolen\n\n']));
    const { url } = await serve((_request, response) => {
      response.writeHead(307, { location: `${other.url}/steal` }).end();
    });
    const { events, errored, handlers } = collect();
    new EventSourceStreams().open(
      { url: () => `${url}/requests`, headers: () => ({ authorization: 'Bearer secret' }) },
      handlers,
    );
    const error = await errored;
    expect(error.status).toBe(307);
    expect(events).toEqual([]);
    expect(other.seen).toHaveLength(0);
  });

  it('reports a non-200 answer with its status and does not reconnect by itself', async () => {
    const { url, seen } = await serve((_request, response) => {
      response
        .writeHead(403, { 'content-type': 'application/json' })
        .end('{"error":{"type":"mcp_auth_error","message":"x"}}');
    });
    const { errored, handlers } = collect();
    new EventSourceStreams().open({ url: () => `${url}/requests`, headers: () => ({}) }, handlers);
    expect((await errored).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toHaveLength(1);
  });

  it('closes the connection when disposed', async () => {
    let closedByClient: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (closedByClient = resolve));
    const { url } = await serve((request, response) => {
      request.on('close', () => closedByClient());
      sse(response, [], false);
    });
    const opened = new Promise<void>((resolve) => {
      const stream = new EventSourceStreams().open(
        { url: () => `${url}/requests`, headers: () => ({}) },
        {
          onOpen: () => {
            resolve();
            setTimeout(() => stream.dispose(), 10);
          },
          onMessage: () => undefined,
          onError: () => undefined,
        },
      );
    });
    await opened;
    await closed;
  });
});

describe('EventSourceStreams line cap', () => {
  it('ends a stream whose line grows past the cap without a newline, with the reason, and reconnects fine', async () => {
    let connects = 0;
    const chunk = 'x'.repeat(64 * 1024);
    const { url } = await serve((_request, response) => {
      connects++;
      if (connects === 1) {
        sse(response, ['data: {"eventId":"1-0"}\n\n', 'data: '], false);
        // 2 MB of one line, never ended: the first connection must be cut, not buffered forever.
        const timer = setInterval(() => response.write(chunk), 1);
        response.on('close', () => clearInterval(timer));
        return;
      }
      sse(response, ['data: after\n\n']);
    });
    const first = collect();
    new EventSourceStreams(1024 * 1024).open(
      { url: () => `${url}/r`, headers: () => ({}) },
      first.handlers,
    );
    const error = await first.errored;
    expect(first.events).toEqual(['open', '{"eventId":"1-0"}']);
    expect(error.message).toMatch(/line longer than 1 MB without ending it; the stream was closed/);

    const second = collect();
    new EventSourceStreams(1024 * 1024).open(
      { url: () => `${url}/r`, headers: () => ({}) },
      second.handlers,
    );
    await second.errored;
    expect(second.events).toEqual(['open', 'after']);
  });

  it('lets a long line through when it ends below the cap', async () => {
    const long = 'y'.repeat(3 * 1024 * 1024);
    const { url } = await serve((_request, response) => sse(response, [`data: ${long}\n\n`]));
    const { events, errored, handlers } = collect();
    new EventSourceStreams(4 * 1024 * 1024).open(
      { url: () => `${url}/r`, headers: () => ({}) },
      handlers,
    );
    await errored;
    expect(events).toEqual(['open', long]);
  });
});
