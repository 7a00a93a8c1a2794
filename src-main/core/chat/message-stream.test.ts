import { describe, expect, it } from 'vitest';

import type { AccessTokenSource } from '../dust/dust-http.js';
import type { EventStreamHandlers, EventStreamOptions, EventStreams } from '../ports.js';
import { FakeClock } from '../testing/fake-clock.js';
import { FakeRandom } from '../testing/fake-random.js';
import type { ChatEvent } from './agent-events.js';
import { MessageStream, type StreamEnd } from './message-stream.js';

/** Records every connection so a test can play Dust's side of it. */
class ScriptedStreams implements EventStreams {
  readonly connections: Array<{
    url: string;
    headers: Record<string, string>;
    handlers: EventStreamHandlers;
    closed: boolean;
  }> = [];
  open(options: EventStreamOptions, handlers: EventStreamHandlers) {
    const connection = { url: options.url(), headers: options.headers(), handlers, closed: false };
    this.connections.push(connection);
    return { dispose: () => void (connection.closed = true) };
  }
  get last() {
    return this.connections.at(-1)!;
  }
}

const tokensEvent = (id: string, text: string) =>
  JSON.stringify({
    eventId: id,
    data: { type: 'generation_tokens', classification: 'tokens', text, step: 0 },
  });
const success = (id: string) =>
  JSON.stringify({
    eventId: id,
    data: { type: 'agent_message_success', message: { content: 'ab' }, step: 0 },
  });

function setup(
  tokens: AccessTokenSource = {
    getAccessToken: () => Promise.resolve('t1'),
    refreshAfterRejection: () => Promise.resolve('t2'),
  },
) {
  const clock = new FakeClock();
  const streams = new ScriptedStreams();
  const events: ChatEvent[] = [];
  const ends: StreamEnd[] = [];
  const connected: number[] = [];
  const stream = new MessageStream(
    {
      streams,
      tokens,
      timers: clock,
      random: new FakeRandom(),
      userAgent: 'test',
      url: (cursor) => `https://dust/events${cursor ? `?lastEventId=${cursor}` : ''}`,
    },
    {
      onEvent: (event) => events.push(event),
      onEnd: (end) => ends.push(end),
      onConnected: () => connected.push(streams.connections.length),
    },
  );
  stream.start();
  return { clock, streams, events, ends, stream, connected };
}

describe('MessageStream', () => {
  it('resumes after a drop from the last eventId, at once, without repeating a token', async () => {
    const { clock, streams, events, ends, connected } = setup();
    await clock.advance(0);
    streams.last.handlers.onOpen();
    streams.last.handlers.onMessage('{}', 'dust-handshake');
    streams.last.handlers.onMessage(tokensEvent('1-0', 'a'), undefined);
    streams.last.handlers.onError({ message: 'terminated' });
    await clock.advance(0);
    expect(streams.connections).toHaveLength(2);
    expect(streams.last.url).toBe('https://dust/events?lastEventId=1-0');
    expect(streams.last.headers.authorization).toBe('Bearer t1');
    streams.last.handlers.onOpen();
    expect(connected).toEqual([1, 2]);
    streams.last.handlers.onMessage(tokensEvent('1-0', 'a'), undefined);
    streams.last.handlers.onMessage(tokensEvent('1-1', 'b'), undefined);
    streams.last.handlers.onMessage(success('1-2'), undefined);
    expect(events.map((e) => (e.type === 'tokens' ? e.text : e.type))).toEqual([
      'a',
      'b',
      'message_success',
    ]);
    expect(ends).toEqual([{ kind: 'terminal' }]);
    expect(streams.last.closed).toBe(true);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('backs off on empty failed connections and gives up after the limit', async () => {
    const { clock, streams, ends } = setup();
    for (let i = 0; i < 10; i++) {
      await clock.advance(0);
      streams.last.handlers.onError({ status: 503, message: 'down' });
      await clock.advance(20_000);
    }
    await clock.advance(0);
    streams.last.handlers.onError({ status: 503, message: 'down' });
    await clock.advance(0);
    expect(streams.connections).toHaveLength(11);
    expect(ends).toEqual([
      { kind: 'failed', message: expect.stringContaining('could not get it back') as string },
    ]);
  });

  it('refreshes the token after a 401 and reconnects with it; ends when the session is gone', async () => {
    const { clock, streams } = setup();
    await clock.advance(0);
    streams.last.handlers.onError({ status: 401, message: 'expired' });
    await clock.advance(0);
    expect(streams.last.headers.authorization).toBe('Bearer t2');

    const gone = setup({
      getAccessToken: () => Promise.resolve('t1'),
      refreshAfterRejection: () => Promise.resolve(null),
    });
    await gone.clock.advance(0);
    gone.streams.last.handlers.onError({ status: 401, message: 'expired' });
    await gone.clock.advance(0);
    expect(gone.ends).toEqual([{ kind: 'unauthorized', message: expect.any(String) as string }]);
  });

  it('ends at once on a 404 and stays quiet after stop()', async () => {
    const { clock, streams, ends, stream } = setup();
    await clock.advance(0);
    streams.last.handlers.onError({ status: 404, message: 'message_not_found' });
    expect(ends[0]).toMatchObject({ kind: 'failed' });
    const other = setup();
    await other.clock.advance(0);
    other.stream.stop();
    other.streams.last.handlers.onMessage(tokensEvent('1-0', 'late'), undefined);
    expect(other.events).toEqual([]);
    expect(other.ends).toEqual([{ kind: 'stopped' }]);
    stream.dispose();
  });
});
