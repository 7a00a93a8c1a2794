import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';

import { createHandlers } from '../../app/handlers.js';
import { createIpcRouter } from '../../app/ipc-router.js';
import { bindIpcTransport, type IpcMainLike } from './ipc-transport.js';
import { SenderGuard } from './sender-guard.js';

const PAGE = 'file:///app/out/renderer/index.html';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener as Handler),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const guard = new SenderGuard(PAGE);
  const destroyListeners: Array<() => void> = [];
  guard.trust({ id: 7, once: (_: string, fn: () => void) => destroyListeners.push(fn) });
  const router = createIpcRouter(
    createHandlers({ appInfo: { name: 'Dust MCP Tray', version: '1.0.0' } }),
  );
  const readySenders: number[] = [];
  const unbind = bindIpcTransport(ipc, router, guard, {
    onRendererReady: (id) => readySenders.push(id),
  });
  const invokeOn = (channel: string, senderId: number, url: string | null, ...args: unknown[]) =>
    handlers.get(channel)!(
      {
        sender: { id: senderId },
        senderFrame: url === null ? null : { url },
      } as unknown as IpcMainInvokeEvent,
      ...args,
    );
  const invoke = (senderId: number, url: string | null, ...args: unknown[]) =>
    invokeOn('app:getInfo', senderId, url, ...args);
  return {
    handlers,
    invoke,
    invokeOn,
    readySenders,
    unbind,
    destroy: () => destroyListeners.forEach((fn) => fn()),
  };
}

describe('electron ipc transport', () => {
  it('answers a trusted window showing the app page', async () => {
    const { invoke } = setup();
    await expect(invoke(7, `${PAGE}#/approvals`)).resolves.toMatchObject({ ok: true });
  });

  it('refuses unknown windows, foreign pages, missing frames and destroyed windows', () => {
    const { invoke, destroy } = setup();
    expect(invoke(8, PAGE)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(invoke(7, 'https://evil.example/index.html')).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(invoke(7, null)).toMatchObject({ error: { code: 'forbidden' } });
    destroy();
    expect(invoke(7, PAGE)).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('passes only the first argument to the router', async () => {
    const { invoke } = setup();
    await expect(invoke(7, PAGE, undefined, { extra: 'ignored' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('tells the broadcaster a window is ready only when the guard trusts it', async () => {
    const { invokeOn, readySenders } = setup();
    expect(invokeOn('app:rendererReady', 8, PAGE)).toMatchObject({ error: { code: 'forbidden' } });
    expect(invokeOn('app:rendererReady', 7, 'https://evil.example/')).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(readySenders).toEqual([]);
    await expect(invokeOn('app:rendererReady', 7, PAGE)).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    expect(readySenders).toEqual([7]);
  });

  it('removes every handler it added when unbound', () => {
    const { handlers, unbind } = setup();
    expect(handlers.size).toBeGreaterThan(0);
    unbind();
    expect(handlers.size).toBe(0);
  });
});
