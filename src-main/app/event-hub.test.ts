import { describe, expect, it, vi } from 'vitest';

import { createEventHub, type HubEvent } from './event-hub.js';

describe('event hub', () => {
  it('numbers each channel from 1 and delivers to every subscriber', () => {
    const hub = createEventHub();
    const a: HubEvent[] = [];
    const b: HubEvent[] = [];
    hub.subscribe((event) => a.push(event));
    hub.subscribe((event) => b.push(event));
    expect(hub.seq('app:navigate')).toBe(0);
    expect(hub.publish('app:navigate', { view: 'ask' })).toBe(1);
    expect(hub.publish('app:navigate', { view: 'request', requestId: 'r1' })).toBe(2);
    expect(a).toEqual([
      { channel: 'app:navigate', message: { seq: 1, payload: { view: 'ask' } } },
      {
        channel: 'app:navigate',
        message: { seq: 2, payload: { view: 'request', requestId: 'r1' } },
      },
    ]);
    expect(b).toEqual(a);
  });

  it('reads a snapshot together with the seq it reflects', () => {
    const hub = createEventHub();
    let state: string[] = [];
    const change = (id: string) => {
      state = [...state, id];
      hub.publish('app:navigate', { view: 'request', requestId: id });
    };
    change('a');
    change('b');
    expect(hub.snapshot('app:navigate', () => state)).toEqual({ seq: 2, value: ['a', 'b'] });
  });

  it('refuses a payload that breaks the contract, without advancing seq', () => {
    const hub = createEventHub();
    const listener = vi.fn();
    hub.subscribe(listener);
    expect(() => hub.publish('app:navigate', { view: 'elsewhere' } as never)).toThrow();
    expect(hub.seq('app:navigate')).toBe(0);
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps delivering when one subscriber throws', () => {
    const onListenerError = vi.fn();
    const hub = createEventHub({ onListenerError });
    const good = vi.fn();
    hub.subscribe(() => {
      throw new Error('window gone');
    });
    hub.subscribe(good);
    hub.publish('app:navigate', { view: 'home' });
    expect(good).toHaveBeenCalledTimes(1);
    expect(onListenerError).toHaveBeenCalledWith(expect.any(Error));
  });

  it('stops delivering after unsubscribe and after dispose', () => {
    const hub = createEventHub();
    const listener = vi.fn();
    const unsubscribe = hub.subscribe(listener);
    unsubscribe();
    hub.publish('app:navigate', { view: 'home' });
    const late = vi.fn();
    hub.subscribe(late);
    hub.dispose();
    hub.publish('app:navigate', { view: 'home' });
    hub.subscribe(late)();
    expect(listener).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });
});
