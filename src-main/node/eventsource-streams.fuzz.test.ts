import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseRequestFrame } from '../core/dust/request-frames.js';
import { EventSourceStreams } from './eventsource-streams.js';

/**
 * Fuzz (hostile input, docs/reliability.md): the SSE adapter against a tiny server that sends
 * random bytes and random frames in random chunks. The adapter must never throw, must always end
 * with onError (so the connection state machine learns the stream is gone), and must hand over
 * well-formed frames exactly, in order, however TCP splits them. Each case has a time budget: a
 * hang fails it.
 */
let cases = 0;
let server: Server;
let url = '';
let nextBody: { chunks: string[] } = { chunks: [] };

beforeAll(async () => {
  server = createServer((_request, response: ServerResponse) => {
    const { chunks } = nextBody;
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.flushHeaders();
    const writeNext = (index: number): void => {
      if (index >= chunks.length) return void response.end();
      response.write(chunks[index]!, () => setImmediate(() => writeNext(index + 1)));
    };
    writeNext(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/requests`;
});
afterAll(async () => {
  process.stdout.write(`[fuzz] EventSourceStreams + parseRequestFrame over HTTP: ${cases} cases\n`);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Streams `chunks` once and collects what the adapter delivered until it reported the end. */
function streamOnce(chunks: string[]): Promise<{
  messages: Array<{ data: string; name: string | undefined }>;
  error: { status?: number; message: string };
}> {
  nextBody = { chunks };
  return new Promise((resolve, reject) => {
    const messages: Array<{ data: string; name: string | undefined }> = [];
    const budget = setTimeout(
      () =>
        reject(new Error(`no end reported within 5 s for ${JSON.stringify(chunks).slice(0, 200)}`)),
      5_000,
    );
    const stream = new EventSourceStreams().open(
      { url: () => url, headers: () => ({}) },
      {
        onOpen: () => undefined,
        onMessage: (data, name) => {
          messages.push({ data, name });
          parseRequestFrame(data, name);
        },
        onError: (error) => {
          clearTimeout(budget);
          stream.dispose();
          resolve({ messages, error });
        },
      },
    );
  });
}

/** Splits `text` at the given cut points (fractions), so frames cross chunk boundaries. */
function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * text.length)))].sort(
    (a, b) => a - b,
  );
  const chunks: string[] = [];
  let last = 0;
  for (const point of points) {
    if (point > last) chunks.push(text.slice(last, point));
    last = Math.max(last, point);
  }
  chunks.push(text.slice(last));
  return chunks.filter((chunk) => chunk.length > 0);
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });

describe('EventSourceStreams fuzz', () => {
  it('random bytes: never throws, always reports the end', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), cuts, async (body, at) => {
        cases++;
        const { error } = await streamOnce(split(body, at));
        expect(typeof error.message).toBe('string');
      }),
      { numRuns: 500, interruptAfterTimeLimit: 60_000 },
    );
  }, 90_000);

  it('well-formed frames in random chunks: delivered exactly and in order', async () => {
    const line = fc.string({ maxLength: 80 }).filter((text) => !/[\r\n]/.test(text));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 8 }), cuts, async (datas, at) => {
        cases++;
        const body = datas.map((data) => `data: ${data}\n\n`).join('');
        const { messages } = await streamOnce(split(body, at));
        expect(messages.map((message) => message.data)).toEqual(datas);
      }),
      { numRuns: 500, interruptAfterTimeLimit: 60_000 },
    );
  }, 90_000);
});
