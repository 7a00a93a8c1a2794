import { describe, expect, it } from 'vitest';

import type { DustApi } from '../dust/dust-api.js';
import { DustApiError } from '../dust/dust-errors.js';
import type { EventStreams } from '../ports.js';
import { FakeClock } from '../testing/fake-clock.js';
import { FakeRandom } from '../testing/fake-random.js';
import { RecordingLogger } from '../testing/recording-logger.js';
import { DustConnection } from './dust-connection.js';

/** A connection that registers and streams at once; its heartbeats fail with `heartbeatError`. */
async function streamingConnection(heartbeatError: Error) {
  const clock = new FakeClock();
  const api = {
    register: () =>
      Promise.resolve({
        serverId: 'srv-1',
        expiresAt: new Date(clock.now() + 600_000).toISOString(),
      }),
    heartbeat: () => Promise.reject(heartbeatError),
    deregister: () => Promise.resolve(),
    requestsUrl: () => 'https://dust.example/requests',
  } as unknown as DustApi;
  const streams: EventStreams = {
    open: (_options, handlers) => {
      queueMicrotask(() => handlers.onOpen?.());
      return { dispose: () => undefined };
    },
  };
  const connection = new DustConnection('my-server', {
    api,
    streams,
    tokens: {
      getAccessToken: () => Promise.resolve('token'),
      refreshAfterRejection: () => Promise.resolve(null),
    },
    clock,
    timers: clock,
    random: new FakeRandom(),
    logger: new RecordingLogger(),
    userAgent: 'test',
  });
  connection.start();
  await clock.advance(0);
  expect(connection.state.kind).toBe('streaming');
  return { connection, clock };
}

describe('DustConnection heartbeats', () => {
  it('a 401 on a heartbeat is a lost sign-in, as a 401 on registering is', async () => {
    const { connection, clock } = await streamingConnection(
      new DustApiError(401, 'not_authenticated', 'The token was revoked.'),
    );
    await clock.advance(600_000);
    expect(connection.state).toMatchObject({ kind: 'unauthorized' });
    connection.dispose();
  });

  it('another failed heartbeat keeps the registration and tries again', async () => {
    const { connection, clock } = await streamingConnection(
      new DustApiError(503, 'service_unavailable', 'Try later.'),
    );
    await clock.advance(600_000);
    expect(connection.state.kind).toBe('streaming');
    connection.dispose();
  });
});
