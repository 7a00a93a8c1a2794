import { describe, expect, it } from 'vitest';

import { FakeRandom } from '../testing/fake-random.js';
import { type HandshakeInfo, ServerState } from './state.js';
import { type SupervisorInput, transition, type TransitionContext } from './transition.js';

const handshake: HandshakeInfo = {
  era: 'legacy',
  protocolVersion: '2025-06-18',
  serverInfo: undefined,
  instructions: undefined,
  capabilities: {},
};
const tools = [{ name: 'echo' }];
const context: TransitionContext = {
  now: 1_000,
  random: new FakeRandom([0.5]),
  backoff: { initialMs: 1_000, maxMs: 8_000, jitter: 'none' },
  autoRestart: true,
};

const S = ServerState;
const ready = (attempt = 0) => S.ready(attempt, tools, handshake, 0);

describe('supervisor transition table', () => {
  it.each<[string, ServerState, SupervisorInput, ServerState, string[]]>([
    ['start from stopped spawns', S.stopped(), { type: 'start' }, S.starting(0), ['spawn']],
    [
      'start keeps the last error for the UI',
      S.stopped('exited with code 1'),
      { type: 'start' },
      S.starting(0, 'exited with code 1'),
      ['spawn'],
    ],
    [
      'start in backoff retries now',
      S.backoff(2, 'boom', 4_000, 5_000),
      { type: 'start' },
      S.starting(2, 'boom'),
      ['cancelRetry', 'spawn'],
    ],
    ['start while ready does nothing', ready(), { type: 'start' }, ready(), []],
    [
      'handshake done → ready',
      S.starting(1),
      { type: 'ready', tools, handshake },
      S.ready(1, tools, handshake, 1_000),
      [],
    ],
    [
      'exit while starting → crashed',
      S.starting(1),
      { type: 'failed', error: 'exited with code 3' },
      S.crashed(1, 'exited with code 3'),
      ['failPending', 'closeProcess'],
    ],
    [
      'exit while ready → crashed',
      ready(0),
      { type: 'failed', error: 'was killed by SIGKILL' },
      S.crashed(0, 'was killed by SIGKILL'),
      ['failPending', 'closeProcess'],
    ],
    [
      'handshake timeout → hung',
      S.starting(0),
      { type: 'timedOut', error: 'did not answer' },
      S.hung(0, 'did not answer'),
      ['failPending', 'closeProcess'],
    ],
    [
      'ping timeout → hung',
      ready(2),
      { type: 'timedOut', error: 'stopped answering' },
      S.hung(2, 'stopped answering'),
      ['failPending', 'closeProcess'],
    ],
    [
      'crashed, gone → backoff 1 s',
      S.crashed(0, 'x'),
      { type: 'processGone' },
      S.backoff(1, 'x', 1_000, 2_000),
      ['scheduleRetry'],
    ],
    [
      'hung, gone → backoff grows',
      S.hung(3, 'y'),
      { type: 'processGone' },
      S.backoff(4, 'y', 8_000, 9_000),
      ['scheduleRetry'],
    ],
    [
      'retry due → starting',
      S.backoff(1, 'x', 1_000, 2_000),
      { type: 'retryDue' },
      S.starting(1, 'x'),
      ['spawn'],
    ],
    ['stable resets attempts', ready(3), { type: 'stable' }, ready(0), []],
    [
      'stop while ready → stopping',
      ready(),
      { type: 'stop' },
      S.stopping(),
      ['failPending', 'closeProcess'],
    ],
    [
      'stop while hung keeps the reason',
      S.hung(0, 'y'),
      { type: 'stop' },
      S.stopping('y'),
      ['failPending', 'closeProcess'],
    ],
    [
      'stop in backoff → stopped at once',
      S.backoff(1, 'x', 1_000, 2_000),
      { type: 'stop' },
      S.stopped('x'),
      ['cancelRetry'],
    ],
    ['stopping, gone → stopped', S.stopping('y'), { type: 'processGone' }, S.stopped('y'), []],
    [
      'exit while stopping is expected',
      S.stopping(),
      { type: 'failed', error: 'exited' },
      S.stopping(),
      [],
    ],
    ['late retry after stop is ignored', S.stopped(), { type: 'retryDue' }, S.stopped(), []],
    [
      'late ready after a crash is ignored',
      S.crashed(0, 'x'),
      { type: 'ready', tools, handshake },
      S.crashed(0, 'x'),
      [],
    ],
    ['stop when stopped does nothing', S.stopped(), { type: 'stop' }, S.stopped(), []],
  ])('%s', (_name, from, input, to, effects) => {
    const result = transition(from, input, context);
    expect(result.state).toEqual(to);
    expect(result.effects.map((effect) => effect.type)).toEqual(effects);
  });

  it('passes the reason to failPending and the delay to scheduleRetry', () => {
    expect(
      transition(ready(), { type: 'failed', error: 'exited with code 1' }, context).effects[0],
    ).toEqual({
      type: 'failPending',
      error: 'exited with code 1',
    });
    expect(transition(S.crashed(1, 'x'), { type: 'processGone' }, context).effects).toEqual([
      { type: 'scheduleRetry', delayMs: 2_000 },
    ]);
  });

  it('caps the delay and applies jitter from the injected random', () => {
    const jittered = {
      ...context,
      random: new FakeRandom([0]),
      backoff: { initialMs: 1_000, maxMs: 8_000, jitter: 'equal' as const },
    };
    const state = transition(S.crashed(10, 'x'), { type: 'processGone' }, jittered).state;
    expect(state).toMatchObject({ kind: 'backoff', delayMs: 4_000 });
  });

  it('stops instead of restarting when automatic restart is off', () => {
    const result = transition(
      S.crashed(0, 'exited with code 3'),
      { type: 'processGone' },
      { ...context, autoRestart: false },
    );
    expect(result).toEqual({ state: S.stopped('exited with code 3'), effects: [] });
  });

  it('changes tools only while ready', () => {
    const more = [...tools, { name: 'fresh' }];
    expect(transition(ready(), { type: 'toolsChanged', tools: more }, context).state).toMatchObject(
      { kind: 'ready', tools: more },
    );
    expect(transition(S.starting(0), { type: 'toolsChanged', tools: more }, context).state).toEqual(
      S.starting(0),
    );
  });
});
