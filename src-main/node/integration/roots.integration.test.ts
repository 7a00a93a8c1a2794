import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../e2e/dust-emulator/index.js';
import { packageBin } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { createBridgeKit } from './bridge-kit.js';

let emulator: RunningEmulator;
let kit: ReturnType<typeof createBridgeKit> | undefined;
let base: string;
let projects: string;
let diaries: string;

beforeEach(async () => {
  emulator = await startEmulator();
  base = realpathSync(mkdtempSync(join(tmpdir(), 'roots-')));
  projects = join(base, 'projects');
  diaries = join(base, 'diaries');
  mkdirSync(projects);
  mkdirSync(diaries);
  writeFileSync(join(projects, 'plan.txt'), 'the plan');
  writeFileSync(join(diaries, 'diary.txt'), 'dear diary');
});
afterEach(async () => {
  await kit?.close();
  kit = undefined;
  await emulator.close();
  rmSync(base, { recursive: true, force: true });
});

/** server-filesystem started with BOTH folders on its command line; the roots narrow it. */
async function filesystem(roots: () => readonly string[]): Promise<string> {
  kit = createBridgeKit(emulator, { rules: [{ server: 'fs', tool: '*', action: 'allow' }] });
  const spec = {
    command: process.execPath,
    args: [packageBin('@modelcontextprotocol/server-filesystem'), projects, diaries],
    env: {},
  };
  await kit.add({ name: 'fs', dustName: 'filesystem server', spec, roots });
  return waitFor('the filesystem server to stream', () => {
    const bridge = kit!.host.get('fs');
    const state = bridge?.connection.state;
    return state?.kind === 'streaming' &&
      state.stream === 'open' &&
      bridge?.supervisor.state.kind === 'ready'
      ? state.serverId
      : undefined;
  });
}

async function read(serverId: string, path: string): Promise<string> {
  const outcome = await emulator.agent.callTool({
    workspaceId: emulator.seeds.workspaceId,
    userId: emulator.seeds.users.ada.sId,
    serverId,
    conversationId: 'conv1',
    messageId: 'msg1',
    toolName: 'read_text_file',
    arguments: { path },
  });
  if (!outcome.ok) throw new Error(outcome.message);
  const text = (outcome.result.content[0] as { text: string }).text;
  return outcome.result.isError === true ? `refused: ${text}` : text;
}

describe('roots: the folders a local server may see', () => {
  it('held to its roots, server-filesystem refuses paths outside them', async () => {
    const serverId = await filesystem(() => [projects]);
    await waitFor('the server to take the roots', () =>
      kit!.host
        .get('fs')!
        .supervisor.stderrLines()
        .some((line) => line.includes('from MCP roots')),
    );
    expect(await read(serverId, join(projects, 'plan.txt'))).toBe('the plan');
    expect(await read(serverId, join(diaries, 'diary.txt'))).toMatch(
      /^refused: .*outside allowed directories/,
    );
  });

  it('with no roots chosen (the default), the server keeps the folders it was started with', async () => {
    const serverId = await filesystem(() => []);
    expect(await read(serverId, join(diaries, 'diary.txt'))).toBe('dear diary');
  });

  it('when the roots change, the server is told (roots/list_changed) and asks again, without a restart', async () => {
    let roots: readonly string[] = [projects];
    const serverId = await filesystem(() => roots);
    const pid = kit!.host.get('fs')!.supervisor.pid;
    await waitFor('the first roots', () =>
      kit!.host
        .get('fs')!
        .supervisor.stderrLines()
        .some((line) => line.includes('from MCP roots')),
    );
    roots = [diaries];
    kit!.host.rootsChanged('fs');
    await waitFor(
      'the second roots',
      () =>
        kit!.host
          .get('fs')!
          .supervisor.stderrLines()
          .filter((line) => line.includes('from MCP roots')).length >= 2,
    );
    expect(await read(serverId, join(diaries, 'diary.txt'))).toBe('dear diary');
    expect(await read(serverId, join(projects, 'plan.txt'))).toMatch(/^refused: /);
    expect(kit!.host.get('fs')!.supervisor.pid).toBe(pid);
  });
});
