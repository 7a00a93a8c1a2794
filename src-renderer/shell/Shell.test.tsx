import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { App } from '../App';
import { createFakeBridge } from '../bridge/fake-bridge';
import { pendingCall, renderWithStore, serverStatus } from '../testing/render-with-store';

const signedIn = () =>
  createFakeBridge({
    overrides: {
      auth: {
        snapshot: () =>
          Promise.resolve({
            seq: 0,
            value: {
              state: {
                kind: 'signed-in' as const,
                user: { email: 'ada@acme.com', fullName: 'Ada Lovelace' },
                workspaceId: 'w1',
                workspaceName: 'Acme',
                baseUrl: 'https://dust.tt',
              },
              region: { region: 'us' as const },
            },
          }),
      },
      servers: { snapshot: () => Promise.resolve({ seq: 0, value: [serverStatus()] }) },
      approvals: {
        snapshot: () =>
          Promise.resolve({
            seq: 0,
            value: [pendingCall(), pendingCall({ callId: 'c2', nonce: 'n2', tool: 'add' })],
          }),
      },
    },
  });

describe('Shell', () => {
  it('shows who is signed in, the connection, and the pending count on the Requests tab', async () => {
    await renderWithStore(signedIn(), <App />);
    expect(screen.getByTestId('signed-in-as')).toHaveTextContent('Ada Lovelace · Acme');
    expect(screen.getByTestId('connection-summary')).toHaveTextContent('1 of 1 server online');
    expect(screen.getByRole('tab', { name: /Requests/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByLabelText('2 waiting')).toBeInTheDocument();
  });

  it('moves between tabs with the arrow keys', async () => {
    await renderWithStore(signedIn(), <App />);
    fireEvent.keyDown(screen.getByRole('tab', { name: /Requests/ }), { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Ask' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Ask' })).toHaveFocus();
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Ask' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Servers' })).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Servers' }), { key: 'End' });
    expect(screen.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  });

  it('opens the exact request a notification names', async () => {
    const bridge = signedIn();
    await renderWithStore(bridge, <App />);
    fireEvent.click(screen.getByRole('tab', { name: 'Servers' }));
    act(() =>
      bridge.emit('app:navigate', { seq: 1, payload: { view: 'request', requestId: 'c2' } }),
    );
    expect(screen.getByRole('tab', { name: /Requests/ })).toHaveAttribute('aria-selected', 'true');
    const cards = screen.getAllByTestId('request-card');
    expect(cards[1]).toHaveAttribute('aria-current', 'true');
    expect(cards[0]).not.toHaveAttribute('aria-current');
  });
});
