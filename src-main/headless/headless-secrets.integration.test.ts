import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../e2e/dust-emulator/index.js';
import { secretStoreKey } from '../core/secrets/placeholders.js';
import { DEFAULT_SECRET_SERVICE_NAME, KeyringSecretStore } from '../node/keyring-secret-store.js';
import { fixtureSpec } from '../node/test-fixtures/fixtures.js';
import { secretHits } from '../node/test-fixtures/secret-leaks.js';
import { needsSecretService } from '../node/test-fixtures/secret-service.js';
import { waitFor } from '../node/test-fixtures/wait-for.js';

/**
 * Secrets in a server's own words: headless mode (a real process, the real keychain) runs a server
 * that prints its keychain secret on stderr and in a tool description, then crashes when called.
 * Neither headless stdout (state words, call lines) nor its stderr log nor what Dust receives holds
 * it. The keychain is the private one scripts/with-secret-service.sh starts, so the default service
 * name is safe to use here.
 */
const SECRET = `sk-live-HEADLESS-${randomBytes(12).toString('hex')}`;

describe('headless mode with a server that prints its secret', () => {
  if (!needsSecretService()) return;

  const store = new KeyringSecretStore(DEFAULT_SECRET_SERVICE_NAME);
  let emulator: RunningEmulator;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    child = undefined;
    await emulator.close();
    await store.delete(secretStoreKey('leaky', 'API_KEY'));
  });

  it('says the crash in words on stdout and in --status-file, without the secret in any form', async () => {
    await store.set(secretStoreKey('leaky', 'API_KEY'), SECRET);
    const spec = fixtureSpec('leaky-server.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'dust-headless-'));
    const file = join(dir, 'servers.json');
    const statusFile = join(dir, 'status.json');
    writeFileSync(
      file,
      JSON.stringify({
        mcpServers: {
          leaky: { command: spec.command, args: spec.args, env: { API_KEY: '${secret:API_KEY}' } },
        },
      }),
    );
    const stdout: string[] = [];
    const stderr: string[] = [];
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src-main/headless/main.ts',
        '--dust-url',
        emulator.url,
        '--workspace',
        emulator.seeds.workspaceId,
        '--servers',
        file,
        '--allow',
        'leaky/*',
        '--status-file',
        statusFile,
      ],
      {
        env: { ...process.env, DUST_TOKEN: emulator.seeds.userToken },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    createInterface({ input: child.stdout! }).on('line', (line) => stdout.push(line));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const waitForLine = async (pattern: RegExp) => {
      const found = await waitFor(
        () => `a line matching ${pattern}. stdout: ${stdout.join('\n')} stderr: ${stderr.join('')}`,
        () => stdout.find((line) => pattern.test(line)),
        20_000,
      );
      return JSON.parse(found) as Record<string, unknown>;
    };
    const registered = await waitForLine(/"event":"registered"/);
    await waitForLine(/"local":"ready"/);
    const input = {
      workspaceId: emulator.seeds.workspaceId,
      userId: emulator.seeds.users.ada.sId,
      serverId: registered['serverId'] as string,
      conversationId: 'c1',
      messageId: 'm1',
    };
    const toDust = [
      await emulator.agent.listTools(input),
      await emulator.agent.callTool({ ...input, toolName: 'lookup', arguments: {} }),
    ];
    const crashed = await waitForLine(/exited with code 1/);
    expect(crashed['words']).toContain('the API rejected key sk-…');
    await waitForLine(/"event":"call"/);
    // The status file notes the crash (lastError) a write or two after the stdout line.
    const readStatus = () =>
      JSON.parse(readFileSync(statusFile, 'utf8')) as {
        servers: Record<string, { lastError: { message: string } | null }>;
      };
    await expect
      .poll(() => readStatus().servers['leaky']?.lastError?.message, { timeout: 5_000 })
      .toContain('exited with code 1');
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }

    expect(
      secretHits(
        {
          'headless stdout': stdout.join('\n'),
          'status file': readFileSync(statusFile, 'utf8'),
          'headless stderr': stderr.join(''),
          'results posted to Dust': JSON.stringify(toDust),
        },
        { secret: SECRET },
      ),
    ).toEqual([]);
  });
});
