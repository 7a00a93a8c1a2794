import { describe, expect, it } from 'vitest';

import {
  currentServerId,
  defaultRegistrationConfig,
  describeRegistration,
  type RegistrationInput,
  type RegistrationState,
  RegistrationStates as S,
} from './state.js';
import { heartbeatDelay, transition, type TransitionContext } from './transition.js';

const T0 = Date.UTC(2026, 0, 1, 12);
const NOW = T0 + 60_000;
const EXPIRES = NOW + 600_000;
const ctx: TransitionContext = { now: NOW, random: 0.5 };

const states: Record<string, RegistrationState> = {
  stopped: S.stopped(),
  registering: S.registering(),
  reregistering: S.registering('old'),
  registerBackoff: S.registerBackoff(1, 'HTTP 500'),
  streamingOpening: S.streaming({ serverId: 'srv', expiresAt: EXPIRES }),
  streamingOpen: S.streaming({
    serverId: 'srv',
    expiresAt: EXPIRES,
    lastEventId: '5-0',
    stream: 'open',
    openedAt: T0,
  }),
  reconnectingWaiting: S.reconnecting({
    serverId: 'srv',
    expiresAt: EXPIRES,
    attempt: 2,
    waiting: true,
    lastError: 'x',
    lastEventId: '5-0',
  }),
  reconnectingOpening: S.reconnecting({
    serverId: 'srv',
    expiresAt: EXPIRES,
    attempt: 2,
    waiting: false,
    lastError: 'x',
    lastEventId: '5-0',
  }),
  failed: S.failed('bad name'),
  unauthorized: S.unauthorized('refresh token revoked'),
};
type StateName = keyof typeof states;

const failure = { message: 'HTTP 503' };
const inputs: Record<string, RegistrationInput> = {
  start: { type: 'start' },
  stop: { type: 'stop' },
  registered: { type: 'registered', serverId: 'new', expiresAt: EXPIRES },
  registerFailed: { type: 'registerFailed', error: failure },
  registerFailedFatal: {
    type: 'registerFailed',
    error: { message: 'name too short', status: 400 },
    fatal: true,
  },
  streamOpened: { type: 'streamOpened', serverId: 'srv' },
  streamOpenedStale: { type: 'streamOpened', serverId: 'other' },
  streamEvent: { type: 'streamEvent', serverId: 'srv', eventId: '9-0' },
  streamEventStale: { type: 'streamEvent', serverId: 'other', eventId: '9-0' },
  streamDone: { type: 'streamEnded', serverId: 'srv', reason: 'done' },
  streamError: { type: 'streamEnded', serverId: 'srv', reason: 'error', message: 'socket hang up' },
  streamEndedStale: { type: 'streamEnded', serverId: 'other', reason: 'error' },
  streamForbidden: { type: 'streamForbidden', serverId: 'srv' },
  streamForbiddenStale: { type: 'streamForbidden', serverId: 'other' },
  heartbeatDue: { type: 'heartbeatDue' },
  heartbeatOk: { type: 'heartbeatOk', serverId: 'srv', expiresAt: EXPIRES + 1 },
  heartbeatOkStale: { type: 'heartbeatOk', serverId: 'other', expiresAt: EXPIRES + 1 },
  heartbeatNotFound: { type: 'heartbeatNotFound', serverId: 'srv' },
  heartbeatNotFoundStale: { type: 'heartbeatNotFound', serverId: 'other' },
  heartbeatFailed: { type: 'heartbeatFailed', serverId: 'srv', error: failure },
  heartbeatFailedStale: { type: 'heartbeatFailed', serverId: 'other', error: failure },
  retryDue: { type: 'retryDue' },
  authLost: { type: 'authLost', reason: 'refresh failed' },
  signedIn: { type: 'signedIn' },
};
type InputName = keyof typeof inputs;

const HELD = [
  'streamingOpening',
  'streamingOpen',
  'reconnectingWaiting',
  'reconnectingOpening',
] as const;
const LEAVE_HELD = 'closeStream,cancelHeartbeat,cancelRetry';
const REREGISTER = `registering: ${LEAVE_HELD},register`;

/**
 * Expected outcome of each input in each state: "-" = ignored (same state, no effects);
 * "= a,b" = same state with effects a, b; "kind: a,b" = next state kind and effects in order.
 * Pairs not listed are "-".
 */
const matrix: Record<InputName, Partial<Record<StateName, string>>> = {
  start: { stopped: 'registering: register', failed: 'registering: register' },
  stop: {
    stopped: 'stopped: ',
    registering: 'stopped: ',
    reregistering: 'stopped: announceServerId',
    registerBackoff: 'stopped: cancelRetry',
    ...Object.fromEntries(
      HELD.map((s) => [s, `stopped: ${LEAVE_HELD},deregister,announceServerId`]),
    ),
    failed: 'stopped: ',
    unauthorized: 'stopped: ',
  },
  registered: {
    ...Object.fromEntries(Object.keys(states).map((s) => [s, '= deregister'])),
    registering: 'streaming: announceServerId,openStream,scheduleHeartbeat',
    reregistering: 'streaming: announceServerId,openStream,scheduleHeartbeat',
  },
  registerFailed: {
    registering: 'registerBackoff: scheduleRetry',
    reregistering: 'registerBackoff: scheduleRetry',
  },
  registerFailedFatal: { registering: 'failed: ', reregistering: 'failed: announceServerId' },
  streamOpened: { streamingOpening: 'streaming: ', reconnectingOpening: 'streaming: ' },
  streamOpenedStale: {},
  streamEvent: {
    streamingOpening: 'streaming: ',
    streamingOpen: 'streaming: ',
    reconnectingWaiting: 'reconnecting: ',
    reconnectingOpening: 'reconnecting: ',
  },
  streamEventStale: {},
  streamDone: {
    streamingOpening: 'streaming: openStream',
    streamingOpen: 'streaming: openStream',
    reconnectingOpening: 'streaming: openStream',
  },
  streamError: {
    streamingOpening: 'reconnecting: closeStream,openStream',
    streamingOpen: 'reconnecting: closeStream,openStream',
    reconnectingOpening: 'reconnecting: closeStream,scheduleRetry',
  },
  streamEndedStale: {},
  streamForbidden: Object.fromEntries(HELD.map((s) => [s, REREGISTER])),
  streamForbiddenStale: {},
  heartbeatDue: Object.fromEntries(HELD.map((s) => [s, '= sendHeartbeat'])),
  heartbeatOk: {
    streamingOpening: 'streaming: scheduleHeartbeat',
    streamingOpen: 'streaming: scheduleHeartbeat',
    reconnectingWaiting: 'reconnecting: scheduleHeartbeat',
    reconnectingOpening: 'reconnecting: scheduleHeartbeat',
  },
  heartbeatOkStale: {},
  heartbeatNotFound: Object.fromEntries(HELD.map((s) => [s, REREGISTER])),
  heartbeatNotFoundStale: {},
  heartbeatFailed: Object.fromEntries(HELD.map((s) => [s, '= scheduleHeartbeat'])),
  heartbeatFailedStale: {},
  retryDue: {
    registerBackoff: 'registering: register',
    reconnectingWaiting: 'reconnecting: openStream',
  },
  authLost: {
    registering: 'unauthorized: ',
    reregistering: 'unauthorized: announceServerId',
    registerBackoff: 'unauthorized: cancelRetry',
    ...Object.fromEntries(HELD.map((s) => [s, `unauthorized: ${LEAVE_HELD},announceServerId`])),
  },
  signedIn: { unauthorized: 'registering: register' },
};

const pairs = Object.keys(inputs).flatMap((inputName) =>
  Object.keys(states).map((stateName) => ({
    stateName,
    inputName,
    expected: matrix[inputName]?.[stateName] ?? '-',
  })),
);

describe('transition: every state × input pair', () => {
  it('covers the whole matrix, naming only known states and inputs', () => {
    expect(pairs).toHaveLength(Object.keys(states).length * Object.keys(inputs).length);
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(inputs).sort());
    for (const row of Object.values(matrix))
      expect(Object.keys(states)).toEqual(expect.arrayContaining(Object.keys(row)));
  });

  it.each(pairs)('$stateName + $inputName → $expected', ({ stateName, inputName, expected }) => {
    const state = states[stateName]!;
    const result = transition(state, inputs[inputName]!, ctx);
    const effects = result.effects.map((e) => e.type).join(',');
    if (expected === '-') {
      expect(result.state).toEqual(state);
      expect(effects).toBe('');
    } else if (expected.startsWith('= ')) {
      expect(result.state).toEqual(state);
      expect(effects).toBe(expected.slice(2));
    } else {
      const [kind, list] = expected.split(': ');
      expect(result.state.kind).toBe(kind);
      expect(effects).toBe(list);
    }
  });
});

describe('transition details', () => {
  const run = (
    state: RegistrationState,
    input: RegistrationInput,
    c: Partial<TransitionContext> = {},
  ) => transition(state, input, { ...ctx, ...c });

  it('announces the new serverId, opens its stream without a cursor and schedules a heartbeat', () => {
    const result = run(states.reregistering!, {
      type: 'registered',
      serverId: 'new',
      expiresAt: NOW + 600_000,
    });
    expect(result.state).toEqual(S.streaming({ serverId: 'new', expiresAt: NOW + 600_000 }));
    expect(result.effects).toEqual([
      { type: 'announceServerId', previous: 'old', next: 'new' },
      { type: 'openStream', serverId: 'new', lastEventId: undefined },
      { type: 'scheduleHeartbeat', delayMs: 120_000 },
    ]);
  });

  it('resets the cursor when a new serverId replaces the old one', () => {
    const afterForbidden = run(states.streamingOpen!, {
      type: 'streamForbidden',
      serverId: 'srv',
    }).state;
    expect(afterForbidden).toEqual(S.registering('srv'));
    const registered = run(afterForbidden, {
      type: 'registered',
      serverId: 'srv2',
      expiresAt: EXPIRES,
    });
    expect(registered.effects).toContainEqual({
      type: 'openStream',
      serverId: 'srv2',
      lastEventId: undefined,
    });
    expect(registered.effects).toContainEqual({
      type: 'announceServerId',
      previous: 'srv',
      next: 'srv2',
    });
  });

  it('announces nothing when re-registration gives back the same (old-style) serverId, but still drops the cursor', () => {
    const result = run(S.registering('mcp-client-side:fs'), {
      type: 'registered',
      serverId: 'mcp-client-side:fs',
      expiresAt: EXPIRES,
    });
    expect(result.effects.map((e) => e.type)).toEqual(['openStream', 'scheduleHeartbeat']);
    expect(result.effects[0]).toEqual({
      type: 'openStream',
      serverId: 'mcp-client-side:fs',
      lastEventId: undefined,
    });
  });

  it('backs off when streams end with data: done right after opening, instead of spinning', () => {
    const opened = S.streaming({
      serverId: 'srv',
      expiresAt: EXPIRES,
      lastEventId: '5-0',
      stream: 'open',
      openedAt: NOW - 100,
      reconnectAttempt: 1,
    });
    const result = run(opened, { type: 'streamEnded', serverId: 'srv', reason: 'done' });
    expect(result.state).toMatchObject({
      kind: 'reconnecting',
      attempt: 2,
      waiting: true,
      lastEventId: '5-0',
    });
    expect(result.effects.map((e) => e.type)).toEqual(['closeStream', 'scheduleRetry']);
  });

  it('treats data: done right after a page of events as a normal page end: reopens at once from the cursor', () => {
    const opened = S.streaming({
      serverId: 'srv',
      expiresAt: EXPIRES,
      lastEventId: '9-0',
      stream: 'open',
      openedAt: NOW - 100,
      reconnectAttempt: 0,
    });
    const result = run(opened, { type: 'streamEnded', serverId: 'srv', reason: 'page_end' });
    expect(result.state).toMatchObject({
      kind: 'streaming',
      stream: 'opening',
      lastEventId: '9-0',
    });
    expect(result.effects).toEqual([{ type: 'openStream', serverId: 'srv', lastEventId: '9-0' }]);
  });

  it('resets the reconnect attempts when an event arrives', () => {
    const opened = S.streaming({
      serverId: 'srv',
      expiresAt: EXPIRES,
      stream: 'open',
      openedAt: NOW - 100,
      reconnectAttempt: 4,
    });
    expect(
      run(opened, { type: 'streamEvent', serverId: 'srv', eventId: '1-0' }).state,
    ).toMatchObject({ reconnectAttempt: 0, lastEventId: '1-0' });
  });

  it('tracks the latest eventId and reopens from it after data: done', () => {
    let state: RegistrationState = states.streamingOpen!;
    state = run(state, { type: 'streamEvent', serverId: 'srv', eventId: '10-0' }).state;
    state = run(state, { type: 'streamEvent', serverId: 'srv', eventId: '10-1' }).state;
    const done = run(state, { type: 'streamEnded', serverId: 'srv', reason: 'done' });
    expect(done.effects).toEqual([{ type: 'openStream', serverId: 'srv', lastEventId: '10-1' }]);
    expect(done.state).toMatchObject({ kind: 'streaming', stream: 'opening', lastEventId: '10-1' });
  });

  it('reconnects at once after the first drop, then with growing jittered delays, keeping the cursor', () => {
    let state: RegistrationState = S.streaming({
      serverId: 'srv',
      expiresAt: EXPIRES,
      lastEventId: '7-0',
      stream: 'open',
      openedAt: NOW,
    });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const result = run(state, { type: 'streamEnded', serverId: 'srv', reason: 'error' });
      const effect = result.effects[1]!;
      delays.push(effect.type === 'scheduleRetry' ? effect.delayMs : 0);
      if (effect.type === 'openStream') expect(effect.lastEventId).toBe('7-0');
      state = result.state;
      if (state.kind === 'reconnecting' && state.waiting)
        state = run(state, { type: 'retryDue' }).state;
    }
    expect(delays).toEqual([0, 250, 500, 1000, 2000]);
    expect(state).toMatchObject({
      kind: 'reconnecting',
      attempt: 5,
      lastError: 'the stream dropped',
    });
  });

  it('keeps backing off when a reopened stream fails again soon, and resets once it was stable', () => {
    const reopened = run(states.reconnectingOpening!, {
      type: 'streamOpened',
      serverId: 'srv',
    }).state;
    expect(reopened).toMatchObject({
      kind: 'streaming',
      stream: 'open',
      reconnectAttempt: 2,
      openedAt: NOW,
    });
    const soon = run(
      reopened,
      { type: 'streamEnded', serverId: 'srv', reason: 'error' },
      { now: NOW + 1000 },
    );
    expect(soon.effects[1]).toEqual({ type: 'scheduleRetry', delayMs: 500 });
    const later = run(
      reopened,
      { type: 'streamEnded', serverId: 'srv', reason: 'error' },
      { now: NOW + 30_000 },
    );
    expect(later.effects[1]).toMatchObject({ type: 'openStream' });
  });

  it('re-registers instead of reopening when the registration lapsed during a long outage', () => {
    const result = run(states.reconnectingWaiting!, { type: 'retryDue' }, { now: EXPIRES });
    expect(result.state).toEqual(S.registering('srv'));
    expect(result.effects.map((e) => e.type)).toEqual([
      'closeStream',
      'cancelHeartbeat',
      'cancelRetry',
      'register',
    ]);
  });

  it('backs off register failures with jitter, honouring Retry-After', () => {
    const first = run(S.registering(), { type: 'registerFailed', error: failure });
    expect(first.effects).toEqual([{ type: 'scheduleRetry', delayMs: 750 }]);
    expect(first.state).toEqual(S.registerBackoff(1, 'HTTP 503'));
    const again = run(run(first.state, { type: 'retryDue' }).state, {
      type: 'registerFailed',
      error: failure,
    });
    expect(again.effects).toEqual([{ type: 'scheduleRetry', delayMs: 1500 }]);
    const limited = run(S.registering(), {
      type: 'registerFailed',
      error: { message: 'HTTP 429', status: 429, retryAfterMs: 42_000 },
    });
    expect(limited.effects).toEqual([{ type: 'scheduleRetry', delayMs: 42_000 }]);
    const absurd = run(S.registering(), {
      type: 'registerFailed',
      error: { message: 'HTTP 429', retryAfterMs: 1e9 },
    });
    expect(absurd.effects).toEqual([{ type: 'scheduleRetry', delayMs: 600_000 }]);
  });

  it('keeps the replaced serverId through register retries, so the announcement pairs old and new', () => {
    const backoff = run(S.registering('old'), { type: 'registerFailed', error: failure }).state;
    const retry = run(backoff, { type: 'retryDue' }).state;
    expect(retry).toEqual(S.registering('old', 1));
    expect(
      run(retry, { type: 'registered', serverId: 'new', expiresAt: EXPIRES }).effects[0],
    ).toEqual({
      type: 'announceServerId',
      previous: 'old',
      next: 'new',
    });
  });

  it('deregisters and announces the end on stop', () => {
    expect(run(states.streamingOpen!, { type: 'stop' }).effects).toEqual([
      { type: 'closeStream' },
      { type: 'cancelHeartbeat' },
      { type: 'cancelRetry' },
      { type: 'deregister', serverId: 'srv' },
      { type: 'announceServerId', previous: 'srv', next: undefined },
    ]);
  });

  it('deregisters a registration that completes after stop (no orphan on Dust)', () => {
    expect(
      run(S.stopped(), { type: 'registered', serverId: 'late', expiresAt: EXPIRES }).effects,
    ).toEqual([{ type: 'deregister', serverId: 'late' }]);
  });

  it('does not deregister when the token is lost (Dust would refuse), but announces the end', () => {
    const result = run(states.streamingOpen!, { type: 'authLost', reason: 'refresh failed' });
    expect(result.state).toEqual(S.unauthorized('refresh failed'));
    expect(result.effects).not.toContainEqual(expect.objectContaining({ type: 'deregister' }));
    expect(result.effects).toContainEqual({
      type: 'announceServerId',
      previous: 'srv',
      next: undefined,
    });
  });

  it('renews the heartbeat from the new expiry, and retries a failed beat soon', () => {
    const ok = run(states.streamingOpen!, {
      type: 'heartbeatOk',
      serverId: 'srv',
      expiresAt: NOW + 300_000,
    });
    expect(ok.state).toMatchObject({ expiresAt: NOW + 300_000 });
    expect(ok.effects).toEqual([{ type: 'scheduleHeartbeat', delayMs: 100_000 }]);
    expect(
      run(states.streamingOpen!, { type: 'heartbeatFailed', serverId: 'srv', error: failure })
        .effects,
    ).toEqual([{ type: 'scheduleHeartbeat', delayMs: 15_000 }]);
    expect(
      run(states.streamingOpen!, {
        type: 'heartbeatFailed',
        serverId: 'srv',
        error: { message: '429', retryAfterMs: 60_000 },
      }).effects,
    ).toEqual([{ type: 'scheduleHeartbeat', delayMs: 60_000 }]);
  });

  it('walks a whole life: start, register, stream, expire, re-register, stop', () => {
    const script: [RegistrationInput, string][] = [
      [{ type: 'start' }, 'registering'],
      [{ type: 'registered', serverId: 'a', expiresAt: EXPIRES }, 'streaming'],
      [{ type: 'streamOpened', serverId: 'a' }, 'streaming'],
      [{ type: 'heartbeatDue' }, 'streaming'],
      [{ type: 'heartbeatNotFound', serverId: 'a' }, 'registering'],
      [{ type: 'streamEnded', serverId: 'a', reason: 'error' }, 'registering'],
      [{ type: 'registered', serverId: 'b', expiresAt: EXPIRES }, 'streaming'],
      [{ type: 'stop' }, 'stopped'],
    ];
    let state: RegistrationState = S.stopped();
    const kinds = script.map(([input]) => (state = run(state, input).state).kind);
    expect(kinds).toEqual(script.map(([, kind]) => kind));
  });
});

describe('heartbeatDelay', () => {
  it.each([
    ['Dust’s 600 s TTL', 600_000, 120_000],
    ['the old 300 s TTL', 300_000, 100_000],
    ['a short TTL', 30_000, 10_000],
    ['an expiry in the past (clock skew)', -5_000, 120_000],
    ['an absurd expiry', 10 * 3_600_000, 120_000],
  ])('%s → %i ms', (_name, ttl, expected) => {
    expect(heartbeatDelay(NOW + ttl, NOW)).toBe(expected);
  });

  it('never exceeds a third of the TTL', () => {
    for (let ttl = 1000; ttl <= 1_200_000; ttl += 7919) {
      expect(heartbeatDelay(NOW + ttl, NOW) * 3).toBeLessThanOrEqual(ttl);
    }
  });

  it('is configurable', () => {
    expect(
      heartbeatDelay(NOW + 600_000, NOW, { ...defaultRegistrationConfig, heartbeatMaxMs: 60_000 }),
    ).toBe(60_000);
  });
});

describe('state helpers', () => {
  it.each<[StateName, string | undefined, string]>([
    ['stopped', undefined, 'Not connected'],
    ['registering', undefined, 'Registering with Dust'],
    ['reregistering', 'old', 'Re-registering with Dust'],
    ['registerBackoff', undefined, 'Could not register (HTTP 500); retrying'],
    ['streamingOpening', 'srv', 'Connecting'],
    ['streamingOpen', 'srv', 'Connected'],
    ['reconnectingWaiting', 'srv', 'Reconnecting (x)'],
    ['failed', undefined, 'Dust refused the server: bad name'],
    ['unauthorized', undefined, 'Signed out: refresh token revoked'],
  ])('%s: serverId %s, "%s"', (name, serverId, words) => {
    expect(currentServerId(states[name]!)).toBe(serverId);
    expect(describeRegistration(states[name]!)).toBe(words);
  });
});
