import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, settle } from '../../testing/render-with-store';
import { PermissionsView } from './PermissionsView';

const grant = { id: 'g1', server: 'fs', tool: 'read_file', scope: 'always', createdAt: 1, reason: 'You chose “Always allow”' };

describe('PermissionsView', () => {
  it('lists each grant with why, and revokes one', async () => {
    const revoke = vi.fn(() => Promise.resolve());
    await renderWithStore(createFakeBridge({ overrides: { grants: { list: () => Promise.resolve([grant]), revoke } } }), <PermissionsView />);
    expect(screen.getByTestId('grant')).toHaveTextContent('You chose “Always allow”');
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Revoke read_file on fs' }));
    });
    expect(revoke).toHaveBeenCalledWith('g1');
  });

  it('asks before revoking all, and can be talked out of it', async () => {
    const revokeAll = vi.fn(() => Promise.resolve());
    await renderWithStore(createFakeBridge({ overrides: { grants: { list: () => Promise.resolve([grant]), revokeAll } } }), <PermissionsView />);
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
    const bridge = createFakeBridge({ overrides: { grants: { list: () => Promise.resolve([grant]) } } });
    await renderWithStore(bridge, <PermissionsView />);
    act(() => bridge.emit('grants:changed', { seq: 1, payload: [] }));
    expect(screen.getByText('Nothing is auto-allowed')).toBeInTheDocument();
  });
});
