import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';
import { createFakeBridge, type FakeBridgeOptions } from '../../bridge/fake-bridge';
import { agents, agentTurn, conversation, toolCall, userTurn } from '../../testing/chat-fixtures';
import { pendingCall, renderWithStore, settle } from '../../testing/render-with-store';
import { RequestsView } from '../requests/RequestsView';
import { AskView } from './AskView';

type Overrides = NonNullable<FakeBridgeOptions['overrides']>;

/** 3 KB of a file with 60 lines: what an agent's write_file carries. */
const fileContent = Array.from(
  { length: 60 },
  (_, index) => `line ${index + 1}: ${'x'.repeat(40)}`,
).join('\n');
const writeCall = pendingCall({
  callId: 'c9',
  nonce: 'n9',
  server: 'fs',
  tool: 'write_file',
  arguments: { path: '/tmp/notes.md', content: fileContent },
  agent: undefined,
  policyReason: 'No rule or permission covers fs/write_file.',
  inputSchema: {
    type: 'object',
    properties: { path: { type: 'string' }, content: { type: 'string' } },
    required: ['path', 'content'],
  },
  destructiveHint: true,
});
const asking = toolCall({
  toolName: 'write_file',
  serverName: 'fs',
  status: 'awaiting_approval',
  localApproval: { callId: 'c9', nonce: 'n9' },
  params: writeCall.arguments,
});

async function showAsk(overrides: Overrides = {}, turnCalls = [asking]) {
  const bridge = createFakeBridge({
    overrides: {
      ...overrides,
      approvals: {
        snapshot: () => Promise.resolve({ seq: 0, value: [writeCall] }),
        ...overrides.approvals,
      },
      chat: {
        agents: () => Promise.resolve(agents),
        snapshot: () =>
          Promise.resolve({
            seq: 0,
            value: [
              conversation({
                title: 'Tidy my notes',
                status: 'awaiting_approval',
                turns: [userTurn(), agentTurn({ toolCalls: turnCalls })],
              }),
            ],
          }),
        ...overrides.chat,
      },
    },
  });
  const view = await renderWithStore(bridge, <AskView />);
  fireEvent.click(
    within(screen.getByRole('navigation', { name: 'Recent conversations' })).getAllByRole(
      'button',
    )[1]!,
  );
  return { bridge, ...view };
}

describe('the approval inside Ask is the Requests card', () => {
  it('shows the arguments expanded, the countdown, why it asks, the agent and the conversation by name', async () => {
    await showAsk();
    const card = within(screen.getByTestId('tool-call')).getByTestId('request-card');
    expect(within(card).getByRole('timer')).toHaveTextContent(/^\d:\d\d$/);
    expect(card).toHaveTextContent(/Answer by \d/);
    expect(card).toHaveTextContent('Why asked');
    expect(card).toHaveTextContent('No rule or permission covers fs/write_file.');
    expect(card).not.toHaveTextContent('write_file..');
    expect(card).toHaveTextContent('LocalToolCaller');
    expect(card).toHaveTextContent('Tidy my notes');
    expect(card).not.toHaveTextContent('conv1');
    expect(within(card).getByLabelText('Arguments for write_file')).toHaveTextContent(
      '/tmp/notes.md',
    );
  });

  it('long arguments say their size and line count, keep real line breaks, and expand to the whole text', async () => {
    await showAsk();
    const long = within(screen.getByTestId('request-card')).getByTestId('long-text');
    expect(long).toHaveTextContent('text, 2.9 KB, 60 lines');
    expect(long.textContent).not.toContain('\\n');
    expect(long.querySelector('.long-text-body')!.textContent).toContain('line 1: x');
    expect(long.querySelector('.long-text-body')!.textContent).toContain('\nline 2: x');
    expect(long).toHaveTextContent(/52 more lines, [\d,]+ more characters not shown/);
    expect(long).not.toHaveTextContent('line 60:');
    fireEvent.click(within(long).getByRole('button', { name: 'Show all 60 lines' }));
    expect(long.querySelector('.long-text-body')!.textContent).toBe(fileContent);
    expect(long).not.toHaveTextContent('not shown');
    fireEvent.click(within(long).getByRole('button', { name: 'Show less' }));
    expect(long).not.toHaveTextContent('line 60:');
  });

  it('marks a file-writing tool with a risk badge and a read-only one with a quiet badge', async () => {
    const read = pendingCall({ callId: 'r1', tool: 'read_file', readOnlyHint: true });
    const named = pendingCall({ callId: 'w2', tool: 'editFile' });
    const plain = pendingCall({ callId: 'p3', tool: 'lookup' });
    const bridge = createFakeBridge({
      overrides: {
        approvals: {
          snapshot: () => Promise.resolve({ seq: 0, value: [writeCall, read, named, plain] }),
        },
      },
    });
    await renderWithStore(bridge, <RequestsView />);
    const [write, reader, editor, other] = screen.getAllByTestId('request-card');
    expect(within(write!).getByTestId('risk-badge')).toHaveTextContent('Can change files or data');
    expect(within(write!).getByTestId('risk-badge')).toHaveClass('risk-changes');
    expect(within(reader!).getByTestId('risk-badge')).toHaveTextContent('Read-only');
    expect(within(reader!).getByTestId('risk-badge')).toHaveClass('risk-read-only');
    expect(within(editor!).getByTestId('risk-badge')).toHaveClass('risk-changes');
    expect(within(other!).queryByTestId('risk-badge')).toBeNull();
  });

  it('the edit in Ask is checked against the schema the same way, and approves with the edit', async () => {
    const decide = vi.fn(() => Promise.resolve({ repeated: false }));
    await showAsk({ approvals: { decide } });
    const card = screen.getByTestId('request-card');
    fireEvent.click(within(card).getByRole('button', { name: 'Edit arguments' }));
    const editor = within(card).getByRole('textbox', { name: /Arguments to run with/ });
    fireEvent.change(editor, { target: { value: '{"path": "/tmp/notes.md"}' } });
    expect(within(card).getByRole('alert')).toHaveTextContent('"content"');
    fireEvent.change(editor, {
      target: { value: '{"path": "/tmp/other.md", "content": "short"}' },
    });
    await settle(() => {
      fireEvent.click(within(card).getByRole('button', { name: 'Approve with these arguments' }));
    });
    expect(decide).toHaveBeenCalledWith({
      callId: 'c9',
      nonce: 'n9',
      decision: {
        verdict: 'approve',
        remember: { kind: 'once' },
        arguments: { path: '/tmp/other.md', content: 'short' },
      },
    });
  });
});

describe('words on the request card', () => {
  it('names the agent and the conversation this app started, in Requests too (the agents are listed for it)', async () => {
    const agentsCall = vi.fn(() => Promise.resolve(agents));
    const bridge = createFakeBridge({
      overrides: {
        approvals: { snapshot: () => Promise.resolve({ seq: 0, value: [writeCall] }) },
        chat: {
          agents: agentsCall,
          snapshot: () =>
            Promise.resolve({ seq: 0, value: [conversation({ title: 'Tidy my notes' })] }),
        },
      },
    });
    await renderWithStore(bridge, <RequestsView />);
    await settle(() => undefined);
    const card = screen.getByTestId('request-card');
    expect(agentsCall).toHaveBeenCalledOnce();
    expect(card).toHaveTextContent('AgentLocalToolCaller');
    expect(card).toHaveTextContent('ConversationTidy my notes');
    expect(card).not.toHaveTextContent('..');
  });

  it('says "not named" rather than an id when the conversation was started elsewhere', async () => {
    const bridge = createFakeBridge({
      overrides: {
        approvals: {
          snapshot: () =>
            Promise.resolve({
              seq: 0,
              value: [pendingCall({ agent: undefined, conversationId: 'elsewhere' })],
            }),
        },
      },
    });
    await renderWithStore(bridge, <RequestsView />);
    const card = screen.getByTestId('request-card');
    expect(card).toHaveTextContent('Not named by Dust');
    expect(card).toHaveTextContent('A conversation in Dust (no title known here)');
    expect(card).not.toHaveTextContent('elsewhere');
  });
});

describe('a running call in Ask', () => {
  const runningEntry = (overrides: Partial<ActivityEntryDto> = {}): ActivityEntryDto => ({
    id: 'mcp_req_conv1_m-agent-1_u_1',
    server: 'everything',
    tool: 'echo',
    conversationId: 'conv1',
    receivedAt: Date.now() - 200_000,
    decision: {
      decision: 'allow',
      reason: 'Approved by you',
      by: 'user',
      decidedAt: Date.now() - 150_000,
    },
    ...overrides,
  });

  it('says it is running, for how long since it was allowed, and stops it', async () => {
    const stop = vi.fn(() => Promise.resolve());
    await showAsk(
      { activity: { list: () => Promise.resolve([runningEntry()]) }, calls: { stop } },
      [toolCall({ status: 'running' })],
    );
    const card = screen.getByTestId('tool-call');
    expect(within(card).getByTestId('running-call')).toHaveTextContent(/Running\s*for 2 min 3\d s/);
    await settle(() => {
      fireEvent.click(within(card).getByRole('button', { name: 'Stop echo' }));
    });
    expect(stop).toHaveBeenCalledWith({ server: 'everything', id: 'mcp_req_conv1_m-agent-1_u_1' });
    expect(within(card).getByRole('button', { name: 'Stop echo' })).toHaveTextContent('Stopping…');
  });

  it('says in words when stopping failed, and shows the outcome once the call ended', async () => {
    const { bridge } = await showAsk(
      {
        activity: { list: () => Promise.resolve([runningEntry()]) },
        calls: {
          stop: () =>
            Promise.reject(
              new Error('This call is not running any more (it may have just finished).'),
            ),
        },
      },
      [toolCall({ status: 'running' })],
    );
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Stop echo' }));
    });
    expect(screen.getByRole('alert')).toHaveTextContent('not running any more');
    act(() =>
      bridge.emit('activity:recorded', {
        seq: 1,
        payload: runningEntry({
          outcome: {
            kind: 'result',
            detail: 'The result was too large for Dust; the agent was told so instead.',
            latencyMs: 10,
          },
        }),
      }),
    );
    expect(screen.queryByTestId('running-call')).toBeNull();
    expect(screen.getByTestId('tool-call')).toHaveTextContent(
      'The result was too large for Dust; the agent was told so instead.',
    );
  });
});

describe('tool results in Ask', () => {
  it('shows text readably and images from their data, never a fetched URL or an SVG', async () => {
    const pixel =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const output = [
      { type: 'text', text: 'First line\nSecond line' },
      { type: 'image', mimeType: 'image/png', data: pixel },
      { type: 'image', mimeType: 'image/svg+xml', data: 'PHN2Zz48L3N2Zz4=' },
      { type: 'image', mimeType: 'image/png', data: 'https://evil.example/x.png' },
    ];
    await showAsk({}, [toolCall({ status: 'succeeded', output })]);
    const result = screen.getByLabelText('Result of echo');
    const images = result.querySelectorAll('img');
    expect(images).toHaveLength(1);
    expect(images[0]!.getAttribute('src')).toBe(`data:image/png;base64,${pixel}`);
    expect(images[0]).toHaveAttribute('alt', 'Image returned by echo');
    expect(result).toHaveTextContent('An image this window does not show (image/svg+xml)');
    expect(result.textContent).toContain('First line\nSecond line');
  });
});
