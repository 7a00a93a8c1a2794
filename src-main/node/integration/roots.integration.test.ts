import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { packageBin } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { useEmulatorBridge } from './kits/emulator-bridge.js';

let base: string;
let projects: string;
let diaries: string;

beforeEach(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'roots-')));
  projects = join(base, 'projects');
  diaries = join(base, 'diaries');
  mkdirSync(projects);
  mkdirSync(diaries);
  writeFileSync(join(projects, 'plan.txt'), 'the plan');
  writeFileSync(join(diaries, 'diary.txt'), 'dear diary');
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});
// Registered after the folders' hooks, so the server is stopped before its folders go.
const env = useEmulatorBridge();

/** server-filesystem started with BOTH folders on its command line; the roots narrow it. */
async function filesystem(roots: () => readonly string[]): Promise<string> {
  env.start({ rules: [{ server: 'fs', tool: '*', action: 'allow' }] });
  const spec = {
    command: process.execPath,
    args: [packageBin('@modelcontextprotocol/server-filesystem'), projects, diaries],
    env: {},
  };
  await env.kit.add({ name: 'fs', dustName: 'filesystem server', spec, roots });
  return env.streaming('fs');
}

async function read(serverId: string, path: string): Promise<string> {
  const outcome = await env.emulator.agent.callTool({
    ...env.agentInput(serverId),
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
      env.kit.host
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
    const pid = env.kit.host.get('fs')!.supervisor.pid;
    await waitFor('the first roots', () =>
      env.kit.host
        .get('fs')!
        .supervisor.stderrLines()
        .some((line) => line.includes('from MCP roots')),
    );
    roots = [diaries];
    env.kit.host.rootsChanged('fs');
    await waitFor(
      'the second roots',
      () =>
        env.kit.host
          .get('fs')!
          .supervisor.stderrLines()
          .filter((line) => line.includes('from MCP roots')).length >= 2,
    );
    expect(await read(serverId, join(diaries, 'diary.txt'))).toBe('dear diary');
    expect(await read(serverId, join(projects, 'plan.txt'))).toMatch(/^refused: /);
    expect(env.kit.host.get('fs')!.supervisor.pid).toBe(pid);
  });
});
