/**
 * The deterministic scripted agents: `local-tool-caller`, `no-tools`, `failing` and `dust`
 * (auto), over raw HTTP, plus the pure helpers they rest on.
 */
import { describe, expect, it } from 'vitest';

import { useEmulator } from '../test-support/start.js';
import { chunk, contentToText, parseToolRequest } from './scripted-agents.js';
import {
  conversationBody,
  createConversation,
  ECHO_TOOL,
  openMessageEvents,
  readUntil,
  startDesktop,
  toolMessage,
  types,
} from './test-kit.js';

const emulator = useEmulator();
const terminal = (e: { data: { type: string } }): boolean =>
  ['agent_message_success', 'agent_error'].includes(e.data.type);
const answerOf = (body: Record<string, unknown>): { content: string; status: string } =>
  (body.conversation as { content: Array<Array<{ content: string; status: string }>> })
    .content[1]![0]!;

describe('scripted agents', () => {
  it('local-tool-caller calls the tool named in the message (prefixed names work too) and quotes its real result', async () => {
    const em = emulator();
    const desktop = await startDesktop(em, {
      tools: [
        ECHO_TOOL,
        {
          name: 'read_file',
          inputSchema: { type: 'object', properties: { path: { type: 'string' } } },
        },
      ],
      onCall: (name, args) => ({ text: `${name} says ${JSON.stringify(args)}` }),
    });
    const created = await createConversation(
      em,
      conversationBody(
        toolMessage('local_files__read_file', { path: '/tmp/a' }),
        'local-tool-caller',
        [desktop.serverId],
        { skipToolsValidation: true, blocking: true },
      ),
    );
    expect(answerOf(created.body)).toMatchObject({
      status: 'succeeded',
      content: 'The tool read_file returned:\nread_file says {"path":"/tmp/a"}',
    });
    desktop.stop();
  });

  it('local-tool-caller without a JSON block uses its configured tool and arguments (agent added through the control route)', async () => {
    const em = emulator();
    const added = await em.api('POST', '/__emulator/conversations/catalogue/agents', {
      body: {
        sId: 'echo-bot',
        name: 'EchoBot',
        behaviour: { kind: 'local-tool-caller', tool: 'echo', arguments: { text: 'configured' } },
      },
    });
    expect(added.status).toBe(200);
    const agents = (await (
      await em.api('GET', em.ws('/assistant/agent_configurations'))
    ).json()) as { agentConfigurations: Array<{ sId: string }> };
    expect(agents.agentConfigurations.map((a) => a.sId)).toContain('echo-bot');
    const desktop = await startDesktop(em);
    const created = await createConversation(
      em,
      conversationBody('go', 'echo-bot', [desktop.serverId], {
        skipToolsValidation: true,
        blocking: true,
      }),
    );
    expect(answerOf(created.body).content).toBe('The tool echo returned:\necho: configured');
    desktop.stop();
  });

  it('an isError result is not fatal: the action succeeds and the answer reports the error text', async () => {
    const em = emulator();
    const desktop = await startDesktop(em, {
      onCall: () => ({ text: 'disk full', isError: true }),
    });
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'dust', [desktop.serverId], {
        skipToolsValidation: true,
      }),
    );
    const events = await readUntil(await openMessageEvents(em, created), terminal);
    expect(
      (
        events.find((e) => e.data.type === 'agent_action_success')!.data.action as {
          status: string;
        }
      ).status,
    ).toBe('succeeded');
    expect((events.at(-1)!.data.message as { content: string }).content).toBe(
      'The tool echo reported an error:\ndisk full',
    );
    desktop.stop();
  });

  it('a JSON-RPC error from tools/call ends the action as errored', async () => {
    const em = emulator();
    const desktop = await startDesktop(em, {
      onCall: () => ({ error: { code: -32602, message: 'bad arguments' } }),
    });
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', {}), 'dust', [desktop.serverId], {
        skipToolsValidation: true,
      }),
    );
    const events = await readUntil(await openMessageEvents(em, created), terminal);
    const action = events.find((e) => e.data.type === 'agent_action_success')!.data.action as {
      status: string;
    };
    expect(action.status).toBe('errored');
    expect((events.at(-1)!.data.message as { content: string }).content).toMatch(
      /^The tool echo failed: /,
    );
    desktop.stop();
  });

  it('an unknown tool name: no tool events, the answer says so', async () => {
    const em = emulator();
    const desktop = await startDesktop(em);
    const created = await createConversation(
      em,
      conversationBody(toolMessage('nope', {}), 'dust', [desktop.serverId]),
    );
    const events = await readUntil(await openMessageEvents(em, created), terminal);
    expect(types(events)).not.toContain('tool_params');
    expect((events.at(-1)!.data.message as { content: string }).content).toBe(
      'I could not find a tool named "nope", so I answered without tools.',
    );
    desktop.stop();
  });

  it('no-tools answers in several token chunks and never touches the client-side server', async () => {
    const em = emulator();
    const desktop = await startDesktop(em);
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'no-tools', [desktop.serverId]),
    );
    const events = await readUntil(await openMessageEvents(em, created), terminal);
    expect(types(events)).toEqual([
      'generation_tokens',
      'generation_tokens',
      'generation_tokens',
      'agent_message_success',
    ]);
    expect(desktop.received).toEqual([]);
    desktop.stop();
  });

  it('dust (auto) without a JSON block lists the tools and names them; without servers it answers plainly', async () => {
    const em = emulator();
    const desktop = await startDesktop(em);
    const withServer = await createConversation(
      em,
      conversationBody('what can you do?', 'dust', [desktop.serverId], { blocking: true }),
    );
    expect(answerOf(withServer.body).content).toBe('I can use these tools: local_files__echo.');
    const plain = await createConversation(
      em,
      conversationBody('hello', 'dust', null, { blocking: true }),
    );
    expect(answerOf(plain.body).content).toMatch(/without using any tool/);
    desktop.stop();
  });
});

describe('scripted-agent helpers', () => {
  it('parses the first fenced JSON block; ignores prose and bad JSON', () => {
    expect(parseToolRequest('x\n```json\n{"tool":"a","arguments":{"b":1}}\n```')).toEqual({
      tool: 'a',
      arguments: { b: 1 },
    });
    expect(parseToolRequest('```\n{"args":{"b":1}}\n```')).toEqual({ arguments: { b: 1 } });
    expect(parseToolRequest('no block')).toBeNull();
    expect(parseToolRequest('```json\n{oops\n```')).toBeNull();
  });

  it('chunks deterministically and flattens MCP content', () => {
    expect(chunk('abcdefg')).toEqual(['abc', 'def', 'g']);
    expect(chunk('a')).toEqual(['a']);
    expect(
      contentToText([
        { type: 'text', text: 'a' },
        { type: 'image', data: '' },
      ]),
    ).toBe('a\n[image content]');
  });
});
