import { describe, expect, it, vi } from 'vitest';

import { createQuitGate, quitConfirmation, type QuitGateDeps } from './quit-gate.js';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(over: Partial<QuitGateDeps> = {}) {
  const shutdown = deferred();
  const timeout = deferred();
  const deps = {
    pendingCount: vi.fn(() => 0),
    confirmQuit: vi.fn(() => Promise.resolve(true)),
    shutdown: vi.fn(() => shutdown.promise),
    delay: vi.fn(() => timeout.promise),
    timeoutMs: 5000,
    exit: vi.fn(),
    onError: vi.fn(),
    ...over,
  };
  const gate = createQuitGate(deps);
  const quit = () => {
    const event = { preventDefault: vi.fn() };
    gate.onBeforeQuit(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { gate, deps, quit, shutdown, timeout };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('quit gate', () => {
  it('holds the quit until shutdown finished, then exits and lets the real quit through', async () => {
    const { gate, deps, quit, shutdown } = setup();
    expect(quit()).toBe(true);
    await flush();
    expect(gate.phase).toBe('stopping');
    expect(deps.confirmQuit).not.toHaveBeenCalled();
    expect(quit()).toBe(true);
    expect(deps.shutdown).toHaveBeenCalledTimes(1);
    shutdown.resolve();
    await flush();
    expect(deps.exit).toHaveBeenCalledTimes(1);
    expect(gate.phase).toBe('done');
    expect(quit()).toBe(false);
  });

  it('asks first when calls are pending, and stays running on cancel', async () => {
    const { gate, deps, quit } = setup({
      pendingCount: vi.fn(() => 2),
      confirmQuit: vi.fn(() => Promise.resolve(false)),
    });
    quit();
    await flush();
    expect(deps.confirmQuit).toHaveBeenCalledWith(2);
    expect(gate.phase).toBe('running');
    expect(deps.shutdown).not.toHaveBeenCalled();
    expect(deps.exit).not.toHaveBeenCalled();
  });

  it('shuts down when the person confirms', async () => {
    const { deps, quit, shutdown } = setup({ pendingCount: vi.fn(() => 1) });
    quit();
    await flush();
    shutdown.resolve();
    await flush();
    expect(deps.shutdown).toHaveBeenCalledTimes(1);
    expect(deps.exit).toHaveBeenCalledTimes(1);
  });

  it('quits anyway when shutdown hangs past the timeout, or fails', async () => {
    const hung = setup();
    hung.quit();
    await flush();
    expect(hung.deps.delay).toHaveBeenCalledWith(5000);
    hung.timeout.resolve();
    await flush();
    expect(hung.deps.exit).toHaveBeenCalledTimes(1);
    expect(hung.deps.onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining('5000 ms') }),
    );

    const failing = setup();
    failing.quit();
    await flush();
    failing.shutdown.reject(new Error('deregister failed'));
    await flush();
    expect(failing.deps.exit).toHaveBeenCalledTimes(1);
    expect(failing.deps.onError).toHaveBeenCalledWith(new Error('deregister failed'));
  });

  it('words the question with the count', () => {
    expect(quitConfirmation(1).message).toBe('1 tool call is waiting for your approval.');
    expect(quitConfirmation(3)).toEqual({
      message: '3 tool calls are waiting for your approval.',
      detail: 'Quitting denies them, tells Dust your local servers are gone and stops them.',
      buttons: ['Deny and quit', 'Cancel'],
    });
  });
});
