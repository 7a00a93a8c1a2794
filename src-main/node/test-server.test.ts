import { describe, expect, it } from 'vitest';

import { testServer } from '../core/servers/test-server.js';
import { everythingSpec, fixtureSpec } from './test-fixtures/fixtures.js';
import { CLIENT_INFO, realPorts } from './test-fixtures/supervisor-harness.js';

describe('testServer (real processes)', () => {
  it('lists the tools of server-everything and stops it', async () => {
    const ports = realPorts();
    const result = await testServer(everythingSpec(), ports, { clientInfo: CLIENT_INFO });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.tools.map((t) => t.name)).toContain('echo');
      expect(result.handshake.serverInfo?.name).toMatch(/everything/);
    }
  });

  it('explains a crash with the exit code and the stderr tail', async () => {
    const result = await testServer(fixtureSpec('crash-server.mjs'), realPorts(), {
      name: 'broken',
      clientInfo: CLIENT_INFO,
    });
    expect(result).toEqual({
      ok: false,
      error: 'The local server "broken" exited with code 3: fatal: API_KEY is not set.',
      stderr: ['starting crash-server', 'fatal: API_KEY is not set'],
    });
  });

  it('explains a server that never answers', async () => {
    const result = await testServer(
      fixtureSpec('fixture-server.mjs', { FIXTURE_SILENT: '1' }),
      realPorts(),
      {
        name: 'mute',
        clientInfo: CLIENT_INFO,
        handshakeTimeoutMs: 300,
      },
    );
    expect(result).toMatchObject({
      ok: false,
      error: 'The local server "mute" did not answer the handshake within 300 ms.',
    });
  });

  it('explains a command that cannot be started', async () => {
    const result = await testServer(
      { command: '/nonexistent/dust-tray-server', args: [], env: {} },
      realPorts(),
      {
        name: 'ghost',
        clientInfo: CLIENT_INFO,
      },
    );
    expect(result).toMatchObject({
      ok: false,
      error: 'The local server "ghost" could not start: the command was not found on PATH.',
    });
  });
});
