import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, serverStatus, settle } from '../../testing/render-with-store';
import { PermissionsView } from './PermissionsView';

const grant = {
  id: 'g1',
  server: 'fs',
  tool: 'read_file',
  scope: 'always',
  createdAt: 1,
  reason: 'You chose “Always allow”',
};

describe('PermissionsView', () => {
  it('lists each grant with why, and revokes one', async () => {
    const revoke = vi.fn(() => Promise.resolve());
    await renderWithStore(
      createFakeBridge({ overrides: { grants: { list: () => Promise.resolve([grant]), revoke } } }),
      <PermissionsView />,
    );
    expect(screen.getByTestId('grant')).toHaveTextContent('You chose “Always allow”');
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Revoke read_file on fs' }));
    });
    expect(revoke).toHaveBeenCalledWith('g1');
  });

  it('asks before revoking all, and can be talked out of it', async () => {
    const revokeAll = vi.fn(() => Promise.resolve());
    await renderWithStore(
      createFakeBridge({
        overrides: { grants: { list: () => Promise.resolve([grant]), revokeAll } },
      }),
      <PermissionsView />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Revoke all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep them' }));
    expect(revokeAll).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke all' }));
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Yes, revoke all' }));
    });
    expect(revokeAll).toHaveBeenCalledOnce();
  });

  it('follows grants:changed and says when nothing is auto-allowed', async () => {
    const bridge = createFakeBridge({
      overrides: { grants: { list: () => Promise.resolve([grant]) } },
    });
    await renderWithStore(bridge, <PermissionsView />);
    expect(screen.getByTestId('auto-allowed')).toHaveTextContent(
      'Runs without asking: 1 permission.',
    );
    act(() => bridge.emit('grants:changed', { seq: 1, payload: [] }));
    expect(screen.getByTestId('auto-allowed')).toHaveTextContent(
      'Nothing runs without asking: every tool call asks you first.',
    );
  });

  it('says what really runs without asking: permissions, allow rules and trusted servers’ read-only tools', async () => {
    const bridge = createFakeBridge({
      overrides: {
        grants: { list: () => Promise.resolve([grant, { ...grant, id: 'g2', stale: true }]) },
        rules: {
          list: () =>
            Promise.resolve([
              { server: 'fs', tool: 'read_*', action: 'allow' as const },
              { server: 'fs', tool: 'rm', action: 'deny' as const },
            ]),
        },
        servers: {
          snapshot: () =>
            Promise.resolve({
              seq: 0,
              value: [
                serverStatus({
                  trusted: true,
                  tools: [
                    { name: 'echo', readOnly: true },
                    { name: 'add', readOnly: false },
                  ],
                }),
              ],
            }),
        },
      },
    });
    await renderWithStore(bridge, <PermissionsView />);
    expect(screen.getByTestId('auto-allowed')).toHaveTextContent(
      'Runs without asking: 1 permission, 1 allow rule, 1 read-only tool of everything (trusted). Everything else asks you first. 1 permission no longer applies: the tool changed since.',
    );
  });

  it('says scopes in the person’s words and marks a grant a changed tool invalidated', async () => {
    const now = Date.now();
    const grants = [
      {
        ...grant,
        id: 'a',
        scopeKind: 'until' as const,
        expiresAt: now + 52 * 60_000 + 10_000,
        scope: 'until 2026-01-01T12:00:00.000Z',
      },
      {
        ...grant,
        id: 'b',
        scopeKind: 'conversation' as const,
        conversationId: 'conv-x',
        scope: 'conversation conv-x',
      },
      { ...grant, id: 'c', scopeKind: 'always' as const, stale: true },
    ];
    await renderWithStore(
      createFakeBridge({ overrides: { grants: { list: () => Promise.resolve(grants) } } }),
      <PermissionsView />,
    );
    const [until, conversation, stale] = screen.getAllByTestId('grant');
    // Near midnight the end falls on the next day and the date comes first ("Until Dec 7 12:33 AM").
    expect(until).toHaveTextContent(/Until ([A-Z][a-z]{2} \d{1,2} )?\d{1,2}:\d{2}.*\(in 52 min\)/);
    expect(until).not.toHaveTextContent('2026-01-01T');
    expect(conversation).toHaveTextContent('In one conversation in Dust');
    expect(conversation).not.toHaveTextContent('conv-x');
    expect(stale).toHaveTextContent('No longer applies');
    expect(stale).toHaveTextContent('The tool changed since');
    expect(screen.getAllByTestId('grant')[0]).not.toHaveTextContent('..');
  });
});

describe('Rules', () => {
  it('lists rules, adds one for a server’s tools, removes one', async () => {
    const set = vi.fn(() => Promise.resolve());
    const remove = vi.fn(() => Promise.resolve());
    const bridge = createFakeBridge({
      overrides: {
        rules: {
          list: () =>
            Promise.resolve([
              {
                server: 'everything',
                tool: 'echo',
                action: 'allow' as const,
                source: 'import' as const,
              },
            ]),
          set,
          remove,
        },
        servers: { snapshot: () => Promise.resolve({ seq: 0, value: [serverStatus()] }) },
      },
    });
    await renderWithStore(bridge, <PermissionsView />);
    expect(screen.getByTestId('rule')).toHaveTextContent('echo on everything · Always allowed');
    fireEvent.change(screen.getByLabelText('Tool (a name or a * pattern)'), {
      target: { value: 'write_*' },
    });
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'deny' } });
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Add rule' })));
    expect(set).toHaveBeenCalledWith({ server: 'everything', tool: 'write_*', action: 'deny' });
    await settle(() =>
      fireEvent.click(
        screen.getByRole('button', { name: 'Remove the rule for echo on everything' }),
      ),
    );
    expect(remove).toHaveBeenCalledWith({ server: 'everything', tool: 'echo' });
  });
});
