import { describe, expect, it } from 'vitest';

import { RegistrationStates } from '../../core/registration/state.js';
import { type HandshakeInfo, ServerState } from '../../core/servers/state.js';
import { serverStatusLine } from './server-status.js';

const handshake: HandshakeInfo = {
  era: 'legacy',
  protocolVersion: '2025-06-18',
  serverInfo: undefined,
  instructions: undefined,
  capabilities: {},
};
const ready = ServerState.ready(0, [{ name: 'echo' }], handshake, 0);
const streaming = RegistrationStates.streaming({
  serverId: 'mcp-client-side:1',
  expiresAt: 10,
  stream: 'open',
});
const base = { enabled: true, signedIn: true, toolCount: 2 };
const notFound = 'could not start: it was not found on your PATH';

describe('serverStatusLine: one state in words per card', () => {
  it('a server that never started says so, and that agents cannot use it', () => {
    expect(
      serverStatusLine({
        ...base,
        local: ServerState.backoff(2, notFound, 4_000, 99_000),
        dust: RegistrationStates.stopped(),
      }),
    ).toEqual({
      tone: 'bad',
      words:
        'It could not start: it was not found on your PATH. It tries again by itself. Agents cannot use it until it starts.',
      retryAt: 99_000,
    });
    expect(
      serverStatusLine({
        ...base,
        local: ServerState.failed(12, notFound),
        dust: RegistrationStates.stopped(),
      }),
    ).toEqual({
      tone: 'bad',
      words:
        'It could not start: it was not found on your PATH. Tried 12 times; no more tries until you press Retry.',
    });
    expect(
      serverStatusLine({
        ...base,
        local: ServerState.starting(0),
        dust: RegistrationStates.stopped(),
      }),
    ).toEqual({ tone: 'warn', words: 'Starting…' });
  });

  it('a registered server that crashed does not repeat that agents cannot use it', () => {
    expect(
      serverStatusLine({
        ...base,
        local: ServerState.crashed(0, 'exited with code 1'),
        dust: streaming,
      }).words,
    ).toBe('It exited with code 1.');
  });

  it('ready: connected with its tools, or what Dust is doing', () => {
    expect(serverStatusLine({ ...base, local: ready, dust: streaming })).toEqual({
      tone: 'good',
      words: 'Connected: agents can use its 2 tools.',
    });
    expect(serverStatusLine({ ...base, toolCount: 1, local: ready, dust: streaming }).words).toBe(
      'Connected: agents can use its 1 tool.',
    );
    expect(
      serverStatusLine({ ...base, local: ready, dust: RegistrationStates.registering() }),
    ).toEqual({ tone: 'warn', words: 'Running; connecting to Dust…' });
    expect(
      serverStatusLine({ ...base, local: ready, dust: RegistrationStates.failed('name taken') }),
    ).toEqual({ tone: 'bad', words: 'Running, but Dust refused it: name taken' });
  });

  it('off, and signed out', () => {
    expect(
      serverStatusLine({ ...base, enabled: false, local: undefined, dust: undefined }),
    ).toEqual({ tone: 'idle', words: 'Off: agents cannot use it.' });
    expect(
      serverStatusLine({ ...base, signedIn: false, local: undefined, dust: undefined }),
    ).toEqual({ tone: 'idle', words: 'Starts once you are signed in to Dust.' });
  });
});
