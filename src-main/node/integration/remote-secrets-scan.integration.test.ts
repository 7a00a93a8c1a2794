import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { secretStoreKey } from '../../core/secrets/placeholders.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { agentInput } from './fault-kit.js';
import { useEmulatorSession } from './kits/emulator-session.js';
import { useGuardedRemote } from './kits/guarded-remote.js';

/**
 * A remote server's header secret: resolved from the keychain at connect time and sent
 * to that server only. The whole app runs against a token-guarded server-everything; then
 * everything the app wrote or sent that could leak is scanned: the data directory, the logs,
 * every hub event and IPC answer the window got, the transport notes kept as the server's
 * "stderr". The token must appear on the wire to its server and nowhere else.
 */
const TOKEN = 'wiki-SECRETSCAN-4b8e2d7a9c1f3056';
const env = useEmulatorSession();
const proxy = useGuardedRemote(env, TOKEN);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('remote server header secrets', () => {
  it('reach the remote server and nothing else: not the disk, the logs, the events or IPC answers', async () => {
    const secrets = new InMemorySecretStore();
    await secrets.set(secretStoreKey('wiki', 'WIKI_TOKEN'), TOKEN);
    const session = await env.start({
      secrets,
      servers: {
        wiki: {
          type: 'http',
          url: proxy().url('/mcp'),
          headers: { Authorization: 'Bearer ${secret:WIKI_TOKEN}' },
        },
        // The same server without the token: it must say it needs sign-in, without quoting
        // anything.
        stranger: { url: proxy().url('/mcp') },
      },
    });
    const wikiId = await session.streaming('wiki');
    const call = env.emulator.agent.callTool({
      ...agentInput(env.emulator, wikiId),
      toolName: 'echo',
      arguments: { message: `hello ${TOKEN}` },
    });
    const pending = await waitFor(
      'a pending approval',
      () => session.app.approvals.snapshot().pending[0],
    );
    await session.invoke('approvals:decide', {
      callId: pending.callId,
      nonce: pending.nonce,
      decision: { verdict: 'approve', remember: { kind: 'always' } },
    });
    await expect(call).resolves.toMatchObject({ ok: true });

    const stranger = () => session.app.runtime.bridgeHost?.get('stranger')?.supervisor;
    await waitFor('the stranger to back off', () => stranger()?.state.kind === 'backoff');
    expect(stranger()!.describeProblem()).toMatch(
      /^The remote server "stranger" needs sign-in: it answered 401 with an authorization challenge/,
    );

    for (const [channel, input] of [
      ['servers:snapshot', undefined],
      ['approvals:snapshot', undefined],
      ['grants:list', undefined],
      ['activity:list', {}],
      ['activity:exportJsonl', undefined],
      ['servers:get', { name: 'wiki' }],
      ['servers:test', { kind: 'saved', name: 'wiki' }],
      ['auth:snapshot', undefined],
      ['import:export', undefined],
    ] as const)
      await session.invoke(channel, input);
    await waitFor(
      'activity on disk',
      () => filesUnder(session.dataDir).some((file) => /activity/.test(file)) || undefined,
    );
    const snapshot = JSON.stringify(
      session.answers.find((a) => (a as { channel: string }).channel === 'servers:snapshot'),
    );
    expect(snapshot).toContain('needs sign-in');

    const wiki = session.app.runtime.bridgeHost!.get('wiki')!.supervisor;
    const scanned: Record<string, string> = {
      ...Object.fromEntries(
        filesUnder(session.dataDir).map((file) => [file, readFileSync(file, 'utf8')]),
      ),
      logs: session.logs.join('\n'),
      'hub events': JSON.stringify(session.events),
      'router answers': JSON.stringify(session.answers),
      'wiki transport notes': wiki.stderrLines().join('\n'),
      'stranger transport notes': stranger()!.stderrLines().join('\n'),
    };
    const hits = Object.entries(scanned).flatMap(([where, text]) =>
      text.includes(TOKEN) ? [where] : [],
    );
    expect(hits).toEqual([]);
    expect(proxy().seenAuthorization).toContain(`Bearer ${TOKEN}`);
  });
});
