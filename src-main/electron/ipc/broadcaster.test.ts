import { describe, expect, it, vi } from 'vitest';

import type { HubEvent } from '../../app/event-hub.js';
import { Broadcaster, type BroadcastTarget } from './broadcaster.js';
import { SenderGuard } from './sender-guard.js';

const PAGE = 'file:///app/out/renderer/index.html';

function fakeContents(id: number, url = PAGE) {
  const listeners = new Map<string, Array<(...args: never[]) => void>>();
  let destroyed = false;
  const contents = {
    id,
    url,
    sent: [] as Array<[string, unknown]>,
    throwOnSend: false,
    isDestroyed: () => destroyed,
    getURL: () => contents.url,
    send(channel: string, message: unknown) {
      if (contents.throwOnSend) throw new Error('Object has been destroyed');
      contents.sent.push([channel, message]);
    },
    once(event: string, listener: () => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    on(
      event: string,
      listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void,
    ) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    destroy() {
      destroyed = true;
      for (const fn of listeners.get('destroyed') ?? []) fn();
    },
    navigate(details: { isMainFrame: boolean; isSameDocument: boolean }) {
      for (const fn of listeners.get('did-start-navigation') ?? [])
        (fn as (d: typeof details) => void)(details);
    },
  };
  return contents satisfies BroadcastTarget;
}

const event = (seq: number): HubEvent => ({
  channel: 'app:navigate',
  message: { seq, payload: { view: 'request', requestId: `r${seq}` } },
});

function setup() {
  const guard = new SenderGuard(PAGE);
  const onSendError = vi.fn();
  const broadcaster = new Broadcaster(guard, onSendError);
  const add = (id: number, url?: string) => {
    const contents = fakeContents(id, url);
    guard.trust(contents);
    broadcaster.attach(contents);
    return contents;
  };
  return { guard, broadcaster, add, onSendError };
}

describe('broadcaster', () => {
  it('queues events for a window until it is ready, then sends them in order', () => {
    const { broadcaster, add } = setup();
    const window = add(1);
    broadcaster.broadcast(event(1));
    broadcaster.broadcast(event(2));
    expect(window.sent).toEqual([]);
    broadcaster.markReady(1);
    broadcaster.broadcast(event(3));
    expect(window.sent.map(([, m]) => (m as { seq: number }).seq)).toEqual([1, 2, 3]);
    expect(window.sent[0]).toEqual(['app:navigate', event(1).message]);
  });

  it('sends to every ready window independently', () => {
    const { broadcaster, add } = setup();
    const a = add(1);
    const b = add(2);
    broadcaster.markReady(1);
    broadcaster.broadcast(event(1));
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(0);
    broadcaster.markReady(2);
    expect(b.sent).toHaveLength(1);
  });

  it('forgets destroyed windows and drops a send that races destruction', () => {
    const { broadcaster, add, onSendError } = setup();
    const gone = add(1);
    const racing = add(2);
    broadcaster.markReady(1);
    broadcaster.markReady(2);
    gone.destroy();
    expect(broadcaster.windowCount).toBe(1);
    racing.throwOnSend = true;
    expect(() => broadcaster.broadcast(event(1))).not.toThrow();
    expect(gone.sent).toEqual([]);
    expect(onSendError).toHaveBeenCalledTimes(1);
  });

  it('never sends to a window that left the app page, or one the guard does not trust', () => {
    const { broadcaster, add, guard } = setup();
    const strayed = add(1);
    broadcaster.markReady(1);
    strayed.url = 'https://evil.example/';
    broadcaster.broadcast(event(1));
    expect(strayed.sent).toEqual([]);

    const untrusted = fakeContents(9);
    broadcaster.attach(untrusted);
    broadcaster.markReady(9);
    broadcaster.broadcast(event(2));
    expect(untrusted.sent).toEqual([]);
    expect(guard.isTrustedContents(untrusted)).toBe(false);
  });

  it('holds events again after a reload until the new page is ready', () => {
    const { broadcaster, add } = setup();
    const window = add(1);
    broadcaster.markReady(1);
    window.navigate({ isMainFrame: true, isSameDocument: true });
    broadcaster.broadcast(event(1));
    window.navigate({ isMainFrame: true, isSameDocument: false });
    broadcaster.broadcast(event(2));
    expect(window.sent).toHaveLength(1);
    broadcaster.markReady(1);
    expect(window.sent).toHaveLength(2);
  });
});
