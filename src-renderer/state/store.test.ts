import { describe, expect, it, vi } from 'vitest';

import type { PendingCallDto } from '../../src-main/shared/contract/approvals';
import { createFakeBridge } from '../bridge/fake-bridge';
import { selectReadOnlyPending } from './selectors';
import { createAppStore } from './store';

const call: PendingCallDto = {
  callId: 'c1',
  nonce: 'n1',
  server: 'everything',
  tool: 'echo',
  arguments: { message: 'hi' },
  receivedAt: 1,
  deadlineAt: 60_000,
};

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('app store', () => {
  it('subscribes before the snapshot, replays newer events, then says it is ready', async () => {
    let release: (value: { seq: number; value: PendingCallDto[] }) => void = () => undefined;
    const rendererReady = vi.fn(() => Promise.resolve());
    const bridge = createFakeBridge({
      overrides: { approvals: { snapshot: () => new Promise((resolve) => (release = resolve)) } },
    });
    bridge.app.rendererReady = rendererReady;
    const store = createAppStore(bridge);
    store.getState().init();
    expect(rendererReady).toHaveBeenCalledOnce();
    bridge.emit('approvals:changed', {
      seq: 5,
      payload: { kind: 'added', call: { ...call, callId: 'late' } },
    });
    bridge.emit('approvals:changed', {
      seq: 4,
      payload: { kind: 'added', call: { ...call, callId: 'old' } },
    });
    release({ seq: 4, value: [call] });
    await flush();
    expect(store.getState().approvals.items.map((item) => item.callId)).toEqual(['c1', 'late']);
  });

  it('decides optimistically and rolls back with the error in words', async () => {
    let fail: (error: Error) => void = () => undefined;
    const bridge = createFakeBridge({
      overrides: {
        approvals: {
          snapshot: () => Promise.resolve({ seq: 0, value: [call] }),
          decide: () => new Promise((_, reject) => (fail = reject)),
        },
      },
    });
    const store = createAppStore(bridge);
    store.getState().init();
    await flush();
    const deciding = store.getState().decide('c1', { kind: 'approve' });
    expect(store.getState().approvals.deciding).toEqual({ c1: true });
    fail(
      Object.assign(new Error("Too late: Dust's deadline for this call has passed"), {
        code: 'expired',
      }),
    );
    await deciding;
    expect(store.getState().approvals.deciding).toEqual({});
    expect(store.getState().approvals.errors['c1']).toMatch(/Too late/);
  });

  it('sends the contract decision for each choice, with the nonce main minted', async () => {
    const decide = vi.fn(() => Promise.resolve({ repeated: false }));
    const bridge = createFakeBridge({
      overrides: {
        approvals: { snapshot: () => Promise.resolve({ seq: 0, value: [call] }), decide },
      },
    });
    const store = createAppStore(bridge);
    store.getState().init();
    await flush();
    await store.getState().decide('c1', { kind: 'hours', hours: 8 });
    expect(decide).toHaveBeenCalledWith({
      callId: 'c1',
      nonce: 'n1',
      decision: { verdict: 'approve', remember: { kind: 'hours', hours: 8 } },
    });
    expect(store.getState().approvals.items).toEqual([]);
  });

  it('finds the read-only calls from the servers’ tool annotations', async () => {
    const server = {
      name: 'everything',
      dustName: 'everything',
      command: 'node',
      args: [],
      envKeys: [],
      enabled: true,
      trusted: false,
      local: { state: 'ready', words: 'Ready', stderrTail: [] },
      dust: { state: 'streaming', words: 'Online' },
      tools: [
        { name: 'echo', readOnly: true },
        { name: 'write', readOnly: false },
      ],
    };
    const bridge = createFakeBridge({
      overrides: {
        servers: { snapshot: () => Promise.resolve({ seq: 0, value: [server] }) },
        approvals: {
          snapshot: () =>
            Promise.resolve({ seq: 0, value: [call, { ...call, callId: 'c2', tool: 'write' }] }),
        },
      },
    });
    const store = createAppStore(bridge);
    store.getState().init();
    await flush();
    expect(selectReadOnlyPending(store.getState()).map((item) => item.callId)).toEqual(['c1']);
  });

  it('opens the exact request main names, and loads grants and activity', async () => {
    const bridge = createFakeBridge({
      overrides: {
        grants: {
          list: () =>
            Promise.resolve([
              {
                id: 'g',
                server: 's',
                tool: 't',
                scope: 'always',
                createdAt: 1,
                reason: 'You chose always',
              },
            ]),
        },
      },
    });
    const store = createAppStore(bridge);
    store.getState().init();
    store.getState().setView('activity');
    bridge.emit('app:navigate', { seq: 1, payload: { view: 'request', requestId: 'c9' } });
    await flush();
    expect(store.getState()).toMatchObject({ view: 'requests', focusedRequestId: 'c9' });
    expect(store.getState().grants).toMatchObject({ status: 'ready', value: [{ id: 'g' }] });
    expect(store.getState().activity).toMatchObject({ status: 'ready', value: [] });
  });

  it('says in words when the app cannot be reached', async () => {
    const bridge = createFakeBridge({
      overrides: { auth: { snapshot: () => Promise.reject(new Error('channel closed')) } },
    });
    const store = createAppStore(bridge);
    store.getState().init();
    await flush();
    expect(store.getState().auth).toEqual({ status: 'error', message: 'channel closed' });
  });
});
