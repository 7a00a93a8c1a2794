import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { createEventHub, type EventHub } from '../../src-main/app/event-hub.js';
import { createHandlers } from '../../src-main/app/handlers.js';
import { createIpcRouter } from '../../src-main/app/ipc-router.js';
import type { EventMessage } from '../../src-main/shared/ipc-contract.js';
import { type Harness, startHarness } from './harness-server.js';
import { createWsBridge, type WebSocketConstructor } from './ws-bridge.js';
import { WS_CLOSE_UNAUTHORISED } from './ws-protocol.js';

const appInfo = { name: 'Dust MCP Tray', version: '9.9.9' };
let harness: Harness | undefined;
let hub: EventHub;

async function start() {
  const rendererDir = mkdtempSync(join(tmpdir(), 'harness-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  hub = createEventHub();
  harness = await startHarness({
    rendererDir,
    router: createIpcRouter(createHandlers({ appInfo })),
    events: hub,
    contentSecurityPolicy: "default-src 'none'",
  });
  const page = new URL(harness.pageUrl);
  const token = new URLSearchParams(page.hash.slice(1)).get('token') ?? '';
  return {
    page,
    ipcUrl: (t: string) => `ws://${page.host}/ipc?token=${encodeURIComponent(t)}`,
    token,
  };
}

function rawClient(url: string): Promise<{ socket: WebSocket; frames: unknown[] }> {
  const socket = new WebSocket(url);
  const frames: unknown[] = [];
  socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8'))));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, frames }));
    socket.once('error', reject);
  });
}

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('harness server', () => {
  it('carries invokes, and events once the page says it is ready', async () => {
    const { ipcUrl, token } = await start();
    const bridge = createWsBridge(ipcUrl(token), WebSocket as unknown as WebSocketConstructor);
    const received: Array<EventMessage<'app:navigate'>> = [];
    bridge.on('app:navigate', (message) => received.push(message));
    await expect(bridge.app.getInfo()).resolves.toEqual(appInfo);
    hub.publish('app:navigate', { view: 'ask' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([]);
    await bridge.app.rendererReady();
    hub.publish('app:navigate', { view: 'request', requestId: 'r2' });
    await expect.poll(() => received.map((m) => m.seq)).toEqual([1, 2]);
    expect(received[1]?.payload).toEqual({ view: 'request', requestId: 'r2' });
  });

  it('closes a connection that has the wrong token', async () => {
    const { ipcUrl } = await start();
    const socket = new WebSocket(ipcUrl('wrong'));
    const code = await new Promise<number>((resolve) =>
      socket.once('close', (c: number) => resolve(c)),
    );
    expect(code).toBe(WS_CLOSE_UNAUTHORISED);
  });

  it('sends the content security policy with its pages', async () => {
    const { page } = await start();
    const response = await fetch(new URL('/index.html', page));
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect((await fetch(new URL('/%E0%A4%A', page))).status).toBe(400);
  });

  it('survives garbage frames and keeps answering real ones', async () => {
    const { ipcUrl, token } = await start();
    const { socket, frames } = await rawClient(ipcUrl(token));
    const garbage = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .record({
          kind: fc.constantFrom('invoke', 'result', 'event', 7),
          id: fc.anything(),
          channel: fc.anything(),
          input: fc.anything(),
        })
        .map((value) => JSON.stringify(value) ?? 'null'),
    );
    for (const frame of fc.sample(garbage, 300)) socket.send(frame);
    socket.send(Buffer.from([0xff, 0x00, 0x7b]), { binary: true });
    socket.send(JSON.stringify({ kind: 'invoke', id: 1e9, channel: '__proto__', input: null }));
    socket.send(
      JSON.stringify({ kind: 'invoke', id: 1e9 + 1, channel: 'app:getInfo', input: undefined }),
    );
    await expect
      .poll(() => frames.find((f) => (f as { id?: number }).id === 1e9 + 1))
      .toEqual({ kind: 'result', id: 1e9 + 1, result: { ok: true, value: appInfo } });
    expect(frames.find((f) => (f as { id?: number }).id === 1e9)).toMatchObject({
      result: { ok: false, error: { code: 'unknown_channel' } },
    });
    // Every answer is an envelope; nothing that was not a well-formed invoke got one.
    for (const frame of frames) {
      expect(frame).toMatchObject({
        kind: 'result',
        id: expect.any(Number),
        result: { ok: expect.any(Boolean) },
      });
    }
    socket.close();
  });
});
