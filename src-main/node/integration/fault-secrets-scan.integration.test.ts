import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY } from '../../core/auth/token-session.js';
import { secretStoreKey } from '../../core/secrets/placeholders.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { secretHits } from '../test-fixtures/secret-leaks.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { agentInput } from './fault-kit.js';
import { useEmulatorSession } from './kits/emulator-session.js';

/**
 * Secrets scan (docs/reliability.md): a whole session with a known access token, refresh token and
 * server secret, calls whose arguments and results carry the secret, then a scan of everything the
 * app wrote or sent that could leak: files in the data directory (settings, grants, activity
 * JSONL), logs, every hub event and router answer the renderer got, the local servers' argv, the
 * env of the server that did not ask for the secret, and stderr kept from crashes. Zero hits
 * expected, in raw, base64, hex or URL-encoded form — including for a server that prints its secret
 * in a tool description and on stderr, then crashes, and for every result posted to Dust.
 */
const SECRET = 'sk-live-SECRETSCAN-7f3a9c1e5b2d4086';
const env = useEmulatorSession();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function procFile(pid: number | undefined, name: 'cmdline' | 'environ'): string {
  if (pid === undefined) throw new Error('no pid');
  return readFileSync(`/proc/${pid}/${name}`, 'latin1').replaceAll('\0', '\n');
}

describe('secrets scan', () => {
  it.runIf(process.platform === 'linux')(
    'a whole session leaks neither the token, the refresh token nor the server secret',
    async () => {
      const secrets = new InMemorySecretStore();
      await secrets.set(secretStoreKey('vault', 'API_KEY'), SECRET);
      await secrets.set(secretStoreKey('leaky', 'API_KEY'), SECRET);
      const spec = fixtureSpec('fixture-server.mjs');
      const leakySpec = fixtureSpec('leaky-server.mjs');
      await env.start({
        secrets,
        servers: {
          vault: {
            command: spec.command,
            args: [...spec.args],
            env: { API_KEY: '${secret:API_KEY}' },
          },
          plain: { command: spec.command, args: [...spec.args], env: { FIXTURE_GARBAGE: '1' } },
          leaky: {
            command: leakySpec.command,
            args: [...leakySpec.args],
            env: { API_KEY: '${secret:API_KEY}' },
          },
        },
        settings: {
          rules: [
            { server: 'plain', tool: '*', action: 'allow' },
            { server: 'leaky', tool: '*', action: 'allow' },
          ],
        },
      });
      const accessToken = await secrets.get(ACCESS_TOKEN_KEY);
      const refreshToken = await secrets.get(REFRESH_TOKEN_KEY);
      expect(accessToken).toMatch(/\S{20,}/);
      expect(refreshToken).toMatch(/\S{8,}/);
      const needles = { accessToken: accessToken!, refreshToken: refreshToken!, secret: SECRET };

      const vaultId = await env.session.streaming('vault');
      const plainId = await env.session.streaming('plain');
      const leakyId = await env.session.streaming('leaky');
      /** Everything Dust received from us: tool lists and call outcomes. */
      const toDust: unknown[] = [
        await env.emulator.agent.listTools(agentInput(env.emulator, leakyId)),
      ];
      toDust.push(
        await env.emulator.agent.callTool({
          ...agentInput(env.emulator, leakyId),
          toolName: 'lookup',
          arguments: {},
        }),
      );
      await waitFor(
        'the leaky server to crash',
        () =>
          /exited with code 1/.test(
            env.session.app.runtime.bridgeHost!.get('leaky')!.supervisor.describeProblem(),
          ) || undefined,
      );
      // The secret in a result (the server reads its env) and in the agent's arguments, approved by
      // a person.
      for (const args of [{ name: 'API_KEY' }, { message: `use ${SECRET} please` }]) {
        const toolName = 'name' in args ? 'env' : 'echo';
        const call = env.emulator.agent.callTool({
          ...agentInput(env.emulator, vaultId),
          toolName,
          arguments: args,
        });
        const pending = await waitFor(
          'a pending approval',
          () => env.session.app.approvals.snapshot().pending[0],
        );
        await env.session.invoke('approvals:snapshot', undefined);
        await env.session.invoke('approvals:decide', {
          callId: pending.callId,
          nonce: pending.nonce,
          decision: { verdict: 'approve', remember: { kind: 'always' } },
        });
        const outcome = await call;
        expect(outcome).toMatchObject({ ok: true });
        toDust.push(outcome);
      }
      const plainCall = await env.emulator.agent.callTool({
        ...agentInput(env.emulator, plainId),
        toolName: 'echo',
        arguments: { message: SECRET },
      });
      expect(plainCall).toMatchObject({ ok: true });
      toDust.push(plainCall);
      for (const [channel, input] of [
        ['servers:snapshot', undefined],
        ['approvals:snapshot', undefined],
        ['grants:list', undefined],
        ['activity:list', {}],
        ['activity:exportJsonl', undefined],
        ['servers:get', { name: 'vault' }],
        ['servers:get', { name: 'plain' }],
        ['auth:snapshot', undefined],
        ['servers:get', { name: 'leaky' }],
      ] as const)
        await env.session.invoke(channel, input);
      await waitFor(
        'activity on disk',
        () => filesUnder(env.session.dataDir).some((file) => /activity/.test(file)) || undefined,
      );

      const vault = env.session.app.runtime.bridgeHost!.get('vault')!.supervisor;
      const plain = env.session.app.runtime.bridgeHost!.get('plain')!.supervisor;
      const leaky = env.session.app.runtime.bridgeHost!.get('leaky')!.supervisor;
      const scanned: Record<string, string> = {
        'results posted to Dust': JSON.stringify(toDust),
        'leaky stderr': leaky.stderrLines().join('\n'),
        'leaky words': leaky.describeProblem(),
        ...Object.fromEntries(
          filesUnder(env.session.dataDir).map((file) => [file, readFileSync(file, 'utf8')]),
        ),
        logs: env.session.logs.join('\n'),
        'hub events': JSON.stringify(env.session.events),
        'router answers': JSON.stringify(env.session.answers),
        'confirmation dialogs': JSON.stringify(env.session.confirmations.asked),
        'vault argv': procFile(vault.pid, 'cmdline'),
        'plain argv': procFile(plain.pid, 'cmdline'),
        'plain env': procFile(plain.pid, 'environ'),
        'vault stderr': vault.stderrLines().join('\n'),
        'plain stderr': plain.stderrLines().join('\n'),
      };
      // The secret is where it belongs: in the env of the server that asked for it, and nowhere
      // else.
      expect(procFile(vault.pid, 'environ')).toContain(SECRET);
      const hits = secretHits(scanned, needles);
      process.stdout.write(
        `[secrets-scan] ${Object.keys(scanned).length} places, ${Object.values(scanned).reduce((n, text) => n + text.length, 0)} characters, ${env.session.events.length} events, ${env.session.answers.length} answers: ${hits.length} hits\n`,
      );
      expect(hits).toEqual([]);
    },
  );
});
