import { act, fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { App } from '../../App';
import { createFakeBridge, type FakeBridgeOptions } from '../../bridge/fake-bridge';
import { agents, conversation } from '../../testing/chat-fixtures';
import { renderWithStore, serverStatus, settle } from '../../testing/render-with-store';
import { AskView } from './AskView';

type ChatOverrides = NonNullable<FakeBridgeOptions['overrides']>['chat'];

const bridgeWith = (chat: ChatOverrides = {}) =>
  createFakeBridge({
    overrides: {
      chat: { agents: () => Promise.resolve(agents), ...chat },
      servers: {
        snapshot: () =>
          Promise.resolve({
            seq: 0,
            value: [
              serverStatus(),
              serverStatus({
                name: 'files',
                dust: {
                  state: 'streaming',
                  words: 'Connected',
                  serverId: 'mcp-client-side:files.1',
                },
              }),
            ],
          }),
      },
    },
  });

const box = () => screen.getByRole('textbox', { name: 'Message' });
const type = (text: string) => fireEvent.change(box(), { target: { value: text } });

describe('AskView: the composer', () => {
  beforeEach(() => localStorage.clear());

  it('lists the agents and says when there are none, or when sign-in is needed', async () => {
    await renderWithStore(bridgeWith(), <AskView />);
    expect(screen.getByRole('combobox', { name: 'Agent' })).toHaveDisplayValue('LocalToolCaller');
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      'LocalToolCaller',
      'NoTools',
    ]);

    await renderWithStore(bridgeWith({ agents: () => Promise.resolve([]) }), <AskView />);
    expect(screen.getByText('No agents in this workspace')).toBeInTheDocument();

    const unauthenticated = Object.assign(
      new Error('Sign in to Dust and pick a workspace first.'),
      { code: 'unauthenticated' },
    );
    await renderWithStore(
      bridgeWith({ agents: () => Promise.reject(unauthenticated) }),
      <AskView />,
    );
    expect(screen.getByText('Sign in first')).toBeInTheDocument();
  });

  it('sends with Enter (not Shift+Enter) to the picked agent, remembers it, and shows the conversation', async () => {
    const ask = vi.fn(() => Promise.resolve(conversation({ agentId: 'agent-plain' })));
    await renderWithStore(bridgeWith({ ask }), <AskView />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Agent' }), {
      target: { value: 'agent-plain' },
    });
    type('What time is it?');
    fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true });
    expect(ask).not.toHaveBeenCalled();
    await settle(() => {
      fireEvent.keyDown(box(), { key: 'Enter' });
    });
    expect(ask).toHaveBeenCalledWith({ agentId: 'agent-plain', text: 'What time is it?' });
    expect(box()).toHaveValue('');
    expect(screen.getByTestId('user-turn')).toHaveTextContent('Sent with everything');
    expect(localStorage.getItem('dust-mcp-tray.ask.lastAgent')).toBe('agent-plain');

    await renderWithStore(bridgeWith(), <AskView />);
    expect(screen.getAllByRole('combobox', { name: 'Agent' }).at(-1)).toHaveDisplayValue('NoTools');
  });

  it('attaches only the servers left ticked; Ctrl+Enter sends too', async () => {
    const ask = vi.fn(() => Promise.resolve(conversation()));
    await renderWithStore(bridgeWith({ ask }), <AskView />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'files' }));
    type('hello');
    await settle(() => {
      fireEvent.keyDown(box(), { key: 'Enter', ctrlKey: true });
    });
    expect(ask).toHaveBeenCalledWith({
      agentId: expect.any(String) as string,
      text: 'hello',
      serverNames: ['everything'],
    });
  });

  it('shows a usage refusal in words with what to do, and keeps the typed text', async () => {
    const refusal =
      'Dust refused the message: your workspace has no programmatic credits left. Ask a workspace admin to add programmatic credits, then try again.';
    await renderWithStore(
      bridgeWith({
        ask: () => Promise.reject(Object.assign(new Error(refusal), { code: 'rate_limited' })),
      }),
      <AskView />,
    );
    type('Summarise my notes');
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    });
    expect(screen.getByRole('alert')).toHaveTextContent('no programmatic credits left');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Ask a workspace admin to add programmatic credits',
    );
    expect(box()).toHaveValue('Summarise my notes');
  });

  it('while the agent answers: Send is disabled, Stop calls chat.stop; a follow-up goes to the same conversation', async () => {
    const stop = vi.fn(() => Promise.resolve());
    const followUp = vi.fn(() => Promise.resolve(conversation({ status: 'answering', seq: 9 })));
    const bridge = bridgeWith({ ask: () => Promise.resolve(conversation()), stop, followUp });
    await renderWithStore(bridge, <AskView />);
    type('first');
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    });
    type('second');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(followUp).not.toHaveBeenCalled();
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    });
    expect(stop).toHaveBeenCalledWith('conv1');

    act(() =>
      bridge.emit('chat:changed', {
        seq: 1,
        payload: conversation({ status: 'cancelled', seq: 5 }),
      }),
    );
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    });
    expect(followUp).toHaveBeenCalledWith({
      conversationId: 'conv1',
      text: 'second',
      agentId: 'agent-local',
    });
  });

  it('lists this run’s conversations newest first, switches between them, and starts a new one', async () => {
    const older = conversation({ conversationId: 'c-old', title: 'Older one', status: 'idle' });
    const newer = conversation({
      conversationId: 'c-new',
      title: undefined,
      status: 'failed',
      turns: [],
    });
    await renderWithStore(
      bridgeWith({ snapshot: () => Promise.resolve({ seq: 0, value: [older, newer] }) }),
      <AskView />,
    );
    const list = screen.getByRole('navigation', { name: 'Recent conversations' });
    const items = list.querySelectorAll('li');
    expect(items[0]).toHaveTextContent('Untitled conversationFailed');
    expect(items[1]).toHaveTextContent('Older oneAnswered');
    fireEvent.click(screen.getByRole('button', { name: /Older one/ }));
    expect(screen.getByRole('heading', { name: 'Older one' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'New conversation' }));
    expect(screen.queryByRole('heading', { name: 'Older one' })).toBeNull();
    expect(box()).toHaveFocus();
  });

  it('opens from the tray\'s "Ask an agent" (app:navigate ask) with the caret in the message box', async () => {
    const bridge = createFakeBridge({
      overrides: {
        auth: {
          snapshot: () =>
            Promise.resolve({
              seq: 0,
              value: {
                state: {
                  kind: 'signed-in' as const,
                  user: { email: 'ada@acme.com' },
                  workspaceId: 'w1',
                  baseUrl: 'https://dust.tt',
                },
                region: { region: 'us' as const },
              },
            }),
        },
        chat: { agents: () => Promise.resolve(agents) },
      },
    });
    await renderWithStore(bridge, <App />);
    // Reached with the arrow keys, the tab keeps the focus once the agents (and the box) load.
    await settle(() => {
      fireEvent.keyDown(screen.getByRole('tab', { name: /Requests/ }), { key: 'ArrowRight' });
    });
    expect(box()).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Ask' })).toHaveFocus();
    fireEvent.click(screen.getByRole('tab', { name: /Requests/ }));
    await settle(() => bridge.emit('app:navigate', { seq: 1, payload: { view: 'ask' } }));
    expect(screen.getByRole('tab', { name: 'Ask' })).toHaveAttribute('aria-selected', 'true');
    expect(box()).toHaveFocus();
  });
});

describe('AskView: signing out', () => {
  it('forgets the conversations and agents of a workspace that is signed out', async () => {
    const signedIn = {
      state: {
        kind: 'signed-in' as const,
        user: { email: 'ada@acme.com' },
        workspaceId: 'w1',
        baseUrl: 'https://dust.tt',
      },
      region: { region: 'us' as const },
    };
    const agentsCall = vi.fn(() => Promise.resolve(agents));
    const bridge = createFakeBridge({
      overrides: {
        auth: { snapshot: () => Promise.resolve({ seq: 0, value: signedIn }) },
        chat: {
          agents: agentsCall,
          snapshot: () =>
            Promise.resolve({
              seq: 0,
              value: [conversation({ title: 'Secret plans', status: 'idle' })],
            }),
        },
      },
    });
    const { store } = await renderWithStore(bridge, <AskView />);
    fireEvent.click(screen.getByRole('button', { name: /Secret plans/ }));
    expect(screen.getByRole('heading', { name: 'Secret plans' })).toBeInTheDocument();
    act(() =>
      bridge.emit('auth:changed', {
        seq: 1,
        payload: { state: { kind: 'signed-out' as const }, region: { region: 'us' as const } },
      }),
    );
    expect(screen.queryByText('Secret plans')).toBeNull();
    expect(store.getState().agents).toBeNull();
  });
});

describe('AskView: conversations from earlier runs', () => {
  it('lists them after this run’s, and reads one back from Dust when opened (or says why not)', async () => {
    const entry = (conversationId: string, title: string) => ({
      conversationId,
      agentId: 'agent-local',
      title,
      updatedAt: Date.UTC(2026, 10, 24),
      live: false,
    });
    const open = vi
      .fn()
      .mockRejectedValueOnce(
        Object.assign(new Error('Dust could not be reached: fetch failed'), { code: 'offline' }),
      )
      .mockResolvedValueOnce(
        conversation({
          conversationId: 'old1',
          title: 'Yesterday’s question',
          status: 'idle',
          seq: 3,
        }),
      );
    const bridge = createFakeBridge({
      overrides: {
        chat: {
          agents: () => Promise.resolve(agents),
          snapshot: () =>
            Promise.resolve({ seq: 0, value: [conversation({ title: 'Today', status: 'idle' })] }),
          history: () =>
            Promise.resolve([entry('conv1', 'Today'), entry('old1', 'Yesterday’s question')]),
          open,
        },
      },
    });
    await renderWithStore(bridge, <AskView />);
    const list = screen.getByRole('navigation', { name: 'Recent conversations' });
    expect([...list.querySelectorAll('.recent-title')].map((title) => title.textContent)).toEqual([
      'Today',
      'Yesterday’s question',
    ]);
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: /Yesterday’s question/ }));
    });
    expect(open).toHaveBeenCalledWith('old1');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not open that conversation: Dust could not be reached',
    );
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: /Yesterday’s question/ }));
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Yesterday’s question' })).toBeInTheDocument();
    expect(list.querySelectorAll('li')).toHaveLength(2);
  });
});
