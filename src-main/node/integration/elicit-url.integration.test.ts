import { beforeEach, describe, expect, it } from 'vitest';

import type { Confirmation } from '../../app/consent/confirmation.js';
import { agentInput } from './fault-kit.js';
import { fixtureServer, useEmulatorSession } from './kits/emulator-session.js';

/**
 * MCP elicitation in URL mode through the real services: a local server asks, during a tool call,
 * to open an address. Main asks the person in its own dialog (the scripted confirmer stands in for
 * the native one), opens exactly that address on "Allow", and the server hears accept / decline.
 * Addresses that are not web pages are declined without asking anyone.
 */
/** The person's answer to "open this address?" (the server's own start is always allowed). */
let openAnswer: boolean;
beforeEach(() => {
  openAnswer = true;
});
const env = useEmulatorSession({
  session: () => ({
    servers: { web: fixtureServer('url-elicit-server.mjs') },
    settings: { rules: [{ server: 'web', tool: '*', action: 'allow' }] },
    confirmations: (question) => (question.action === 'open-url' ? openAnswer : true),
  }),
});

/** Runs `tool` through Dust and returns the text the fixture answered. */
async function callTool(tool: string, args: Record<string, unknown> = {}): Promise<unknown> {
  const serverId = await env.session.streaming('web');
  const answer = (await env.emulator.agent.callTool({
    ...agentInput(env.emulator, serverId),
    toolName: tool,
    arguments: args,
  })) as {
    ok: boolean;
    result?: { content?: Array<{ text?: string }> };
  };
  expect(answer.ok).toBe(true);
  return JSON.parse(answer.result?.content?.[0]?.text ?? 'null') as unknown;
}

const openQuestions = (): Confirmation[] =>
  env.session.confirmations.asked.filter((question) => question.action === 'open-url');

describe('a local server asks to open an address during a tool call', () => {
  it('declares URL mode where main can ask, next to form mode', async () => {
    expect(await callTool('client_caps')).toMatchObject({ elicitation: { form: {}, url: {} } });
  });

  it('on "Allow": main asked with the server, tool, host and full address; the opener got exactly it; the server got accept', async () => {
    const url = 'https://login.example.com/authorize?state=abc&next=%2Fhome';
    expect(await callTool('open_url', { url })).toEqual({ result: { action: 'accept' } });
    expect(env.session.openedForServers).toEqual([url]);
    expect(env.session.opened).toEqual(expect.not.arrayContaining([url]));
    const [question] = openQuestions();
    expect(openQuestions()).toHaveLength(1);
    expect(question!.items).toEqual([{ kind: 'open-url', server: 'web', tool: 'open_url', url }]);
    expect(question!.detail).toContain('Host: login.example.com');
    expect(question!.detail).toContain(`Full address:\n${url}`);
  });

  it("takes the server's notifications/elicitation/complete quietly: the call is answered, nothing is sent back", async () => {
    const url = 'https://pay.example.com/checkout';
    expect(await callTool('open_url', { url, complete: true })).toEqual({
      result: { action: 'accept' },
    });
    // One for the address just opened and one for an id it never asked about: neither is an
    // error, neither gets an answer (a notification has none), and the server carries on.
    expect(await callTool('strays')).toEqual([]);
    expect(env.session.openedForServers).toEqual([url]);
    expect(
      env.session.logs.filter((line) => /elicitation\/complete|not JSON-RPC/.test(line)),
    ).toEqual([]);
  });

  it('on "Don\'t allow": the server got decline and nothing was opened', async () => {
    openAnswer = false;
    expect(await callTool('open_url', { url: 'https://login.example.com/' })).toEqual({
      result: { action: 'decline' },
    });
    expect(openQuestions()).toHaveLength(1);
    expect(env.session.openedForServers).toEqual([]);
  });

  it('offers plain http on this computer', async () => {
    expect(await callTool('open_url', { url: 'http://127.0.0.1:4321/callback' })).toEqual({
      result: { action: 'accept' },
    });
    expect(env.session.openedForServers).toEqual(['http://127.0.0.1:4321/callback']);
  });

  it('declines javascript:, file: and http to another host without asking, and logs why', async () => {
    for (const url of [
      'javascript:alert(document.cookie)',
      'file:///etc/passwd',
      'http://login.example.com/',
    ]) {
      expect(await callTool('open_url', { url })).toEqual({ result: { action: 'decline' } });
    }
    expect(openQuestions()).toEqual([]);
    expect(env.session.openedForServers).toEqual([]);
    expect(
      env.session.logs.filter((line) =>
        line.includes('declined an address a server asked to open'),
      ),
    ).toHaveLength(3);
  });
});
