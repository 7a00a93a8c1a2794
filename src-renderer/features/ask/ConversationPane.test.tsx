import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge, type FakeBridgeOptions } from '../../bridge/fake-bridge';
import { agents, agentTurn, conversation, toolCall, userTurn } from '../../testing/chat-fixtures';
import { pendingCall, renderWithStore, settle } from '../../testing/render-with-store';
import { AskView } from './AskView';

type Overrides = NonNullable<FakeBridgeOptions['overrides']>;

/** The Ask view with `conv1` on screen, opened from the recent list as a person would. */
async function showConversation(first = conversation(), overrides: Overrides = {}) {
  const bridge = createFakeBridge({
    overrides: {
      ...overrides,
      chat: {
        agents: () => Promise.resolve(agents),
        snapshot: () => Promise.resolve({ seq: 0, value: [first] }),
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

const answer = () => screen.getByTestId('agent-turn');

describe('ConversationPane', () => {
  it('streams the answer by seq: an older snapshot arriving late changes nothing', async () => {
    const { bridge } = await showConversation();
    expect(answer()).toHaveTextContent('The agent is answering…');
    act(() =>
      bridge.emit('chat:changed', {
        seq: 1,
        payload: conversation({ seq: 5, turns: [userTurn(), agentTurn({ text: 'It is noon' })] }),
      }),
    );
    expect(answer()).toHaveTextContent('It is noon');
    act(() =>
      bridge.emit('chat:changed', {
        seq: 2,
        payload: conversation({ seq: 3, turns: [userTurn(), agentTurn({ text: 'It' })] }),
      }),
    );
    expect(answer()).toHaveTextContent('It is noon');
    act(() =>
      bridge.emit('chat:changed', {
        seq: 3,
        payload: conversation({
          seq: 6,
          turns: [userTurn(), agentTurn({ text: 'It is noon', reconnecting: true })],
        }),
      }),
    );
    expect(answer()).toHaveTextContent('reconnecting…');
    act(() =>
      bridge.emit('chat:changed', {
        seq: 4,
        payload: conversation({
          seq: 7,
          status: 'idle',
          turns: [
            userTurn(),
            agentTurn({ text: 'It is noon.', status: 'succeeded', thinking: 'Look at the clock' }),
          ],
        }),
      }),
    );
    expect(answer()).not.toHaveTextContent('reconnecting');
    expect(screen.getByText('Thinking').closest('details')).not.toHaveAttribute('open');
  });

  it('renders bold, lists and code as markdown', async () => {
    await showConversation(
      conversation({
        turns: [
          userTurn(),
          agentTurn({ text: 'It is **noon**:\n\n- one\n- two\n\n```\nls -la\n```\n\nRun `date`.' }),
        ],
      }),
    );
    expect(answer().querySelector('strong')).toHaveTextContent('noon');
    expect(answer().querySelectorAll('li')).toHaveLength(2);
    expect(answer().querySelector('pre code')).toHaveTextContent('ls -la');
    expect(answer().querySelector('p code')).toHaveTextContent('date');
  });

  it('keeps hostile markdown inert: no script, no image loaded, no javascript: link', async () => {
    const text = [
      '<script>window.pwned = 1</script>',
      '<img src=x onerror="window.pwned = 2">',
      '[click me](javascript:alert(1)) and [docs](https://dust.tt/docs) and [mail](mailto:a@b.c)',
      '[plain http](http://insecure.example/) and [relative](/settings) and [data](data:text/html,hi)',
      '![tracker](https://evil.example/pixel.png)',
      '<a href="javascript:alert(2)">raw</a>',
    ].join('\n\n');
    await showConversation(conversation({ turns: [userTurn(), agentTurn({ text })] }));
    const turn = answer();
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(turn.querySelector('[onerror]')).toBeNull();
    const hrefs = [...turn.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      'https://dust.tt/docs',
      'mailto:a@b.c',
      'https://evil.example/pixel.png',
    ]);
    for (const dead of ['click me', 'plain http', 'relative', 'data'])
      expect(within(turn).getByText(dead).tagName).toBe('SPAN');
    expect(within(turn).getByRole('link', { name: 'docs' })).toHaveAttribute(
      'rel',
      'noreferrer noopener',
    );
    expect(within(turn).getByRole('link', { name: 'docs' })).toHaveAttribute('target', '_blank');
    expect(within(turn).getByRole('link', { name: 'docs' })).toHaveAttribute(
      'title',
      'https://dust.tt/docs',
    );
    expect(turn).toHaveTextContent('[image: tracker]');
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  it('answers our gate inline with the full request card: approve or deny with a reason, with the callId and nonce it carries', async () => {
    const decide = vi.fn(() => Promise.resolve({ repeated: false }));
    const asking = toolCall({
      status: 'awaiting_approval',
      localApproval: { callId: 'c9', nonce: 'n9' },
    });
    const other = toolCall({
      key: 'a2',
      actionId: 'a2',
      toolName: 'add',
      localApproval: { callId: 'c10', nonce: 'n10' },
      status: 'awaiting_approval',
    });
    const pending = [
      pendingCall({ callId: 'c9', nonce: 'n9' }),
      pendingCall({ callId: 'c10', nonce: 'n10', tool: 'add' }),
    ];
    await showConversation(
      conversation({
        status: 'awaiting_approval',
        turns: [userTurn(), agentTurn({ toolCalls: [asking, other] })],
      }),
      {
        approvals: { decide, snapshot: () => Promise.resolve({ seq: 0, value: pending }) },
      },
    );
    const [first, second] = screen.getAllByTestId('tool-call');
    await settle(() => {
      fireEvent.click(within(first!).getByRole('button', { name: 'Approve' }));
    });
    expect(decide).toHaveBeenCalledWith({
      callId: 'c9',
      nonce: 'n9',
      decision: { verdict: 'approve', remember: { kind: 'once' } },
    });
    fireEvent.change(
      within(second!).getByLabelText('Reason for denying (optional, sent to the agent)'),
      { target: { value: 'not now' } },
    );
    await settle(() => {
      fireEvent.click(within(second!).getByRole('button', { name: 'Deny' }));
    });
    expect(decide).toHaveBeenCalledWith({
      callId: 'c10',
      nonce: 'n10',
      decision: { verdict: 'deny', reason: 'not now' },
    });
  });

  it('shows a refused inline decision in words', async () => {
    const decide = vi.fn(() => Promise.reject(new Error('This request was already decided.')));
    await showConversation(
      conversation({
        turns: [
          userTurn(),
          agentTurn({ toolCalls: [toolCall({ localApproval: { callId: 'c9', nonce: 'n9' } })] }),
        ],
      }),
      {
        approvals: {
          decide,
          snapshot: () =>
            Promise.resolve({ seq: 0, value: [pendingCall({ callId: 'c9', nonce: 'n9' })] }),
        },
      },
    );
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    });
    expect(screen.getByRole('alert')).toHaveTextContent('This request was already decided.');
  });

  it("answers Dust's own approval of a tool that is not ours through chat.answerApproval", async () => {
    const answerApproval = vi.fn(() => Promise.resolve());
    const remote = toolCall({
      key: 'r1',
      actionId: 'r1',
      toolName: 'web_search',
      serverName: 'Search',
      local: false,
      status: 'awaiting_approval',
    });
    await showConversation(
      conversation({
        status: 'awaiting_approval',
        turns: [userTurn(), agentTurn({ toolCalls: [remote] })],
        approvals: [
          {
            actionId: 'r1',
            toolName: 'web_search',
            serverName: 'Search',
            inputs: { q: 'x' },
            stake: 'low',
          },
        ],
      }),
      { chat: { answerApproval } },
    );
    await settle(() => {
      fireEvent.click(
        within(screen.getByTestId('tool-call')).getByRole('button', { name: 'Approve' }),
      );
    });
    expect(answerApproval).toHaveBeenCalledWith({
      conversationId: 'conv1',
      actionId: 'r1',
      verdict: 'approve',
    });
  });

  it('says who decided each tool call', async () => {
    await showConversation(
      conversation({
        turns: [
          userTurn(),
          agentTurn({
            toolCalls: [
              toolCall({
                key: '1',
                toolName: 'one',
                status: 'succeeded',
                decision: { verdict: 'approved', by: 'local-gate', reason: 'Approved by you' },
              }),
              toolCall({
                key: '5',
                toolName: 'five',
                status: 'denied',
                decision: { verdict: 'denied', by: 'local-gate', reason: 'Denied by you: not now' },
              }),
              toolCall({
                key: '6',
                toolName: 'six',
                status: 'denied',
                decision: {
                  verdict: 'denied',
                  by: 'local-gate',
                  reason: "No one answered before Dust's deadline",
                },
              }),
              toolCall({
                key: '2',
                toolName: 'two',
                status: 'denied',
                decision: { verdict: 'denied', by: 'local-gate', reason: 'wrong folder' },
              }),
              toolCall({ key: '3', toolName: 'three', status: 'succeeded' }),
              toolCall({
                key: '4',
                toolName: 'four',
                local: false,
                status: 'succeeded',
                decision: { verdict: 'approved', by: 'person' },
              }),
            ],
          }),
        ],
      }),
    );
    const [one, five, six, two, three, four] = screen.getAllByTestId('tool-call');
    expect(five).toHaveTextContent('denied by you: not now');
    expect(six).toHaveTextContent("denied: No one answered before Dust's deadline");
    expect(one).toHaveTextContent('Done');
    expect(one).toHaveTextContent('approved by you');
    expect(two).toHaveTextContent('denied: wrong folder');
    expect(three).toHaveTextContent('allowed by your rules');
    expect(four).toHaveTextContent('approved by you');
  });

  it('marks a call left pending by a stopped answer as not run', async () => {
    const pending = toolCall({ status: 'awaiting_approval' });
    await showConversation(
      conversation({
        status: 'cancelled',
        turns: [userTurn(), agentTurn({ status: 'cancelled', toolCalls: [pending] })],
      }),
    );
    expect(screen.getByTestId('tool-call')).toHaveTextContent('Not run');
    expect(answer()).toHaveTextContent('Stopped.');
  });

  it('says in words when the last message lost a server, and shows a usage problem with what to do', async () => {
    await showConversation(
      conversation({
        status: 'failed',
        lostServers: [
          { server: 'everything', serverId: 'old', nextServerId: 'new', duringAnswer: true },
        ],
        problem: {
          message:
            'Dust refused the message: too many messages in a short time. Wait 30 s, then send it again.',
          usage: {
            kind: 'rate_limited',
            title: 'Dust refused the message: too many messages in a short time.',
            action: 'Wait 30 s, then send it again.',
            dustMessage: 'Rate limit exceeded',
            retryAfterMs: 30_000,
          },
        },
      }),
    );
    expect(screen.getByTestId('lost-server')).toHaveTextContent(
      "everything reconnected with a new id while the agent was answering; this conversation's last message can no longer reach it — send a new message to use it again.",
    );
    const alert = screen
      .getAllByRole('alert')
      .find((element) => element.classList.contains('problem'));
    expect(alert).toHaveTextContent('too many messages in a short time');
    expect(alert).toHaveTextContent('Wait 30 s, then send it again.');
  });

  it('opens the conversation in Dust through main, and says so when main refuses', async () => {
    const openInDust = vi
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new Error('That link does not lead to Dust; it was not opened.'));
    await showConversation(conversation(), { chat: { openInDust } });
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Open in Dust' }));
    });
    expect(openInDust).toHaveBeenCalledWith('conv1');
    expect(screen.queryByRole('alert')).toBeNull();
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Open in Dust' }));
    });
    expect(screen.getByRole('alert')).toHaveTextContent('does not lead to Dust');
  });
});
