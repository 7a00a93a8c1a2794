import { describe, expect, it, vi } from 'vitest';

import { IpcCallError } from './ipc-result.js';
import { createWindowApi, type ListenTransport } from './window-api.js';

describe('bridge', () => {
  it('turns an error envelope into an IpcCallError with its code', async () => {
    const bridge = createWindowApi(
      () => Promise.resolve({ ok: false, error: { code: 'offline', message: 'No Dust.' } }),
      () => () => undefined,
    );
    await expect(bridge.app.getInfo()).rejects.toEqual(new IpcCallError('offline', 'No Dust.'));
  });

  it('signals readiness on its own channel', async () => {
    const invoke = vi.fn(() => Promise.resolve({ ok: true as const, value: undefined }));
    const bridge = createWindowApi(invoke, () => () => undefined);
    await bridge.app.rendererReady();
    expect(invoke).toHaveBeenCalledWith('app:rendererReady', undefined);
  });

  it('listens to contract events, hands over the message and returns the unsubscribe', () => {
    const unsubscribe = vi.fn();
    let deliver: (message: unknown) => void = () => undefined;
    const listen = vi.fn<ListenTransport>((_channel, listener) => {
      deliver = listener;
      return unsubscribe;
    });
    const bridge = createWindowApi(() => Promise.reject(new Error('unused')), listen);
    const received: unknown[] = [];
    const off = bridge.on('app:navigate', (message) => received.push(message));
    deliver({ seq: 1, payload: { view: 'ask' } });
    expect(listen).toHaveBeenCalledWith('app:navigate', expect.any(Function));
    expect(received).toEqual([{ seq: 1, payload: { view: 'ask' } }]);
    off();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('refuses to listen to channels the contract does not name', () => {
    const listen = vi.fn<ListenTransport>(() => () => undefined);
    const bridge = createWindowApi(() => Promise.reject(new Error('unused')), listen);
    for (const name of ['app:getInfo', '__proto__', 'ipc:anything', 7]) {
      expect(() => bridge.on(name as never, () => undefined)).toThrow(TypeError);
    }
    expect(listen).not.toHaveBeenCalled();
  });
});
