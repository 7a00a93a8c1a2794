import { afterEach, beforeEach } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../../e2e/dust-emulator/index.js';
import { fixtureSpec } from '../../test-fixtures/fixtures.js';
import { type Session, type SessionServer, startSession } from '../fault-session.js';

type SessionOptions = Parameters<typeof startSession>[1];

/**
 * The setup of the app-session integration tests, in one place: a fresh Dust emulator before each
 * test (its sign-in polling every second unless `emulator` says otherwise), the session given in
 * `session` started on it (or the one the test starts with `start`), and after the test the
 * session, then what the test handed to `onClose` (latest first), then the emulator.
 */
export function useEmulatorSession(
  options: {
    emulator?: Parameters<typeof startEmulator>[0];
    session?: () => SessionOptions;
  } = {},
) {
  let emulator: RunningEmulator | undefined;
  let session: Session | undefined;
  const closers: Array<() => unknown> = [];
  const current = (): RunningEmulator => {
    if (!emulator) throw new Error('no emulator: use it inside a test');
    return emulator;
  };
  const start = async (sessionOptions: SessionOptions): Promise<Session> => {
    session = await startSession(current(), sessionOptions);
    return session;
  };
  beforeEach(async () => {
    emulator = await startEmulator(options.emulator ?? { workos: { intervalSeconds: 1 } });
    if (options.session) await start(options.session());
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
    for (const close of closers.splice(0).reverse()) await close();
    await emulator?.close();
    emulator = undefined;
  });
  return {
    /** This test's emulator. */
    get emulator(): RunningEmulator {
      return current();
    },
    /** The session this test runs. */
    get session(): Session {
      if (!session) throw new Error('no session: pass `session` or call start() first');
      return session;
    },
    /** Starts the app against the emulator; it is closed after the test. */
    start,
    /** Closes a resource after the test, after the session and before the emulator. */
    onClose(close: () => unknown): void {
      closers.push(close);
    },
  };
}

/** One local server running the stdio fixture `file` (fixture-server.mjs unless told). */
export function fixtureServer(
  file: Parameters<typeof fixtureSpec>[0] = 'fixture-server.mjs',
): SessionServer {
  const spec = fixtureSpec(file);
  return { command: spec.command, args: [...spec.args] };
}
