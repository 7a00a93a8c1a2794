import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { testServer } from '../../core/servers/test-server.js';
import { CLIENT_INFO, realPorts } from '../../node/test-fixtures/supervisor-harness.js';
import { ECHO_SERVER_FILE_NAME, ECHO_SERVER_SOURCE } from './echo-server-source.js';

describe('the demo echo server', () => {
  it('handshakes and lists echo and add, run by plain node', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'dust-tray-demo-')), ECHO_SERVER_FILE_NAME);
    writeFileSync(path, ECHO_SERVER_SOURCE);
    const result = await testServer(
      { command: process.execPath, args: [path], env: {} },
      realPorts(),
      { clientInfo: CLIENT_INFO },
    );
    expect(result).toMatchObject({
      ok: true,
      handshake: { serverInfo: { name: 'dust-tray-demo' } },
    });
    if (result.ok) expect(result.tools.map((tool) => tool.name)).toEqual(['echo', 'add']);
  });
});
