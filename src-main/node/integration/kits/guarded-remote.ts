import { beforeEach } from 'vitest';

import { type AuthProxy, startAuthProxy } from '../../test-fixtures/auth-proxy.js';
import { startRemoteEverything } from '../../test-fixtures/remote-everything.js';
import type { Closes } from './emulator.js';

/**
 * Before each test, server-everything over Streamable HTTP behind a gate that wants
 * `Authorization: Bearer <token>`; both are closed after the test through `closeAfter` (the
 * `onClose` of the test's emulator setup). Returns the gate of the running test.
 */
export function useGuardedRemote(closeAfter: Closes, token: string): () => AuthProxy {
  let proxy: AuthProxy | undefined;
  beforeEach(async () => {
    const remote = await startRemoteEverything('streamableHttp');
    closeAfter.onClose(() => remote.stop());
    const started = await startAuthProxy(remote, token);
    closeAfter.onClose(() => started.close());
    proxy = started;
  });
  return () => {
    if (!proxy) throw new Error('no remote server: use it inside a test');
    return proxy;
  };
}
