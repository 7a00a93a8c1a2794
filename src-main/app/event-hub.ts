import {
  type EventChannel,
  eventChannels,
  type EventMessage,
  type EventPayload,
} from '../shared/ipc-contract.js';

/** One published event, as every subscriber (Electron broadcaster, harness socket) receives it. */
export interface HubEvent<C extends EventChannel = EventChannel> {
  channel: C;
  message: EventMessage<C>;
}

export type HubListener = (event: HubEvent) => void;

/** A value read together with the `seq` of the last event it already reflects. */
export interface Snapshot<T> {
  seq: number;
  value: T;
}

/**
 * Sequence-numbered events from main to any number of windows
 * (ARCHITECTURE.md#snapshot-then-subscribe).
 *
 * Each channel is its own stream with its own `seq`, starting at 0 ("nothing published yet").
 * A service changes its state and publishes in the same synchronous step, so `snapshot(read)`
 * — which reads the state and the current `seq` together — can never fall between the two: a
 * window that subscribes first, then applies the snapshot and replays events with a higher
 * `seq`, ends consistent no matter how the two race.
 */
export interface EventHub {
  publish<C extends EventChannel>(channel: C, payload: EventPayload<C>): number;
  seq(channel: EventChannel): number;
  snapshot<T>(channel: EventChannel, read: () => T): Snapshot<T>;
  subscribe(listener: HubListener): () => void;
  dispose(): void;
}

export interface EventHubOptions {
  /** Where a throwing subscriber's error goes; one bad subscriber never starves the others. */
  onListenerError?: (error: unknown) => void;
}

export function createEventHub(options: EventHubOptions = {}): EventHub {
  const seqs = new Map<EventChannel, number>();
  const listeners = new Set<HubListener>();
  let disposed = false;

  return {
    publish(channel, payload) {
      if (disposed) return seqs.get(channel) ?? 0;
      // A contract breach is a bug in main: fail loudly here rather than in every window.
      const checked = eventChannels[channel].parse(payload) as EventPayload<typeof channel>;
      const seq = (seqs.get(channel) ?? 0) + 1;
      seqs.set(channel, seq);
      const event = { channel, message: { seq, payload: checked } } as HubEvent;
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          options.onListenerError?.(error);
        }
      }
      return seq;
    },
    seq: (channel) => seqs.get(channel) ?? 0,
    snapshot: (channel, read) => ({ seq: seqs.get(channel) ?? 0, value: read() }),
    subscribe(listener) {
      if (disposed) return () => undefined;
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      listeners.clear();
    },
  };
}
