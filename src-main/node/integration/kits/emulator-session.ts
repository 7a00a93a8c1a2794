import { afterEach, beforeEach } from 'vitest';

import type { RunningEmulator } from '../../../../e2e/dust-emulator/index.js';
import { fixtureSpec } from '../../test-fixtures/fixtures.js';
import { type Session, type SessionServer, startSession } from '../fault-session.js';
import { useEmulator } from './emulator.js';

type SessionOptions = Parameters<typeof startSession>[1];

/**
 * The setup of the app-session integration tests, in one place: a fresh Dust emulator before each
 * test (its sign-in polling every second unless `emulator` says otherwise), the session given in
 * `session` started on it (or the one the test starts with `start`), and after the test the
 * session, then what the test handed to `onClose` (latest first), then the emulator.
 */
export function useEmulatorSession(
  options: {
    emulator?: Parameters<typeof useEmulator>[0];
    session?: () => SessionOptions;
  } = {},
) {
  const dust = useEmulator(options.emulator ?? { workos: { intervalSeconds: 1 } });
  let session: Session | undefined;
  const start = async (sessionOptions: SessionOptions): Promise<Session> => {
    session = await startSession(dust.emulator, sessionOptions);
    return session;
  };
  beforeEach(async () => {
    if (options.session) await start(options.session());
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });
  return {
    /** This test's emulator. */
    get emulator(): RunningEmulator {
      return dust.emulator;
    },
    /** The session this test runs. */
    get session(): Session {
      if (!session) throw new Error('no session: pass `session` or call start() first');
      return session;
    },
    /** Starts the app against the emulator; it is closed after the test. */
    start,
    /** Closes a resource after the test, after the session and before the emulator. */
    onClose: dust.onClose,
  };
}

/** One local server running the stdio fixture `file` (fixture-server.mjs unless told). */
export function fixtureServer(
  file: Parameters<typeof fixtureSpec>[0] = 'fixture-server.mjs',
): SessionServer {
  const spec = fixtureSpec(file);
  return { command: spec.command, args: [...spec.args] };
}
