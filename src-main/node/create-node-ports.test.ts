import { basename } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ServerSupervisor } from '../core/servers/server-supervisor.js';
import { RecordingLogger } from '../core/testing/recording-logger.js';
import { createNodePorts } from './create-node-ports.js';
import { packageBin } from './test-fixtures/fixtures.js';
import { CLIENT_INFO, firstText } from './test-fixtures/supervisor-harness.js';

describe('createNodePorts: the ports the app really uses', () => {
  it('starts a server by bare command name ("node") found on the login-shell PATH, and stops it', async () => {
    const ports = {
      ...createNodePorts({ secretServiceName: 'dust-mcp-tray-unused' }),
      logger: new RecordingLogger(),
    };
    const supervisor = new ServerSupervisor(
      {
        name: 'everything',
        spec: {
          command: basename(process.execPath, '.exe'),
          args: [packageBin('@modelcontextprotocol/server-everything'), 'stdio'],
          env: {},
        },
        clientInfo: CLIENT_INFO,
      },
      ports,
    );
    try {
      supervisor.start();
      expect(await supervisor.whenReady(20_000)).toBe(true);
      const answer = await supervisor.request('tools/call', {
        name: 'get-sum',
        arguments: { a: 2, b: 3 },
      });
      expect(firstText(answer)).toMatch(/5/);
    } finally {
      await supervisor.stop();
      supervisor.dispose();
    }
    expect(supervisor.state).toEqual({ kind: 'stopped', lastError: undefined });
  });
});
