import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge } from '../bridge/fake-bridge';
import { renderWithStore, serverStatus, settle } from '../testing/render-with-store';
import { PermissionsView } from './permissions/PermissionsView';
import { ServersView } from './servers/ServersView';

/** Keyboard: Escape closes forms and panels, and the focus goes back where it was. */
describe('Escape and focus', () => {
  const servers = { snapshot: () => Promise.resolve({ seq: 0, value: [serverStatus()] }) };

  it('closes the servers export panel, the focus back on Export', async () => {
    const exportServers = vi.fn(() =>
      Promise.resolve({ json: '{}\n', serverCount: 1, toFill: [] }),
    );
    await renderWithStore(
      createFakeBridge({ overrides: { servers, imports: { exportServers } } }),
      <ServersView />,
    );
    screen.getByRole('button', { name: 'Export' }).focus();
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Export' })));
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Exported servers JSON' }), {
      key: 'Escape',
    });
    expect(screen.queryByRole('textbox', { name: 'Exported servers JSON' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Export' })).toHaveFocus();
  });

  it('closes the add form on a second Escape (the first says so), the focus back on Add server', async () => {
    await renderWithStore(createFakeBridge({ overrides: { servers } }), <ServersView />);
    screen.getByRole('button', { name: 'Add server' }).focus();
    fireEvent.click(screen.getByRole('button', { name: 'Add server' }));
    const name = screen.getByRole('textbox', { name: /^Name/ });
    fireEvent.change(name, { target: { value: 'half typed' } });
    fireEvent.keyDown(name, { key: 'Escape' });
    expect(
      screen.getByText('Press Escape again to close the form without saving.'),
    ).toBeInTheDocument();
    expect(name).toHaveValue('half typed');
    fireEvent.keyDown(name, { key: 'Escape' });
    expect(screen.queryByRole('textbox', { name: /^Name/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Add server' })).toHaveFocus();
  });

  it('closes the import panel with one Escape', async () => {
    await renderWithStore(createFakeBridge({ overrides: { servers } }), <ServersView />);
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const panel = document.querySelector('.panel-host')!;
    fireEvent.keyDown(panel.querySelector('button, select, input, textarea')!, { key: 'Escape' });
    expect(document.querySelector('.panel-host')).toBeNull();
    expect(screen.getByRole('button', { name: 'Import' })).toHaveFocus();
  });

  it('Escape in "Revoke all?" keeps them, the focus back on Revoke all', async () => {
    const revokeAll = vi.fn(() => Promise.resolve());
    const grant = {
      id: 'g1',
      server: 'fs',
      tool: 'read_file',
      scope: 'always',
      createdAt: 1,
      reason: 'Always allowed',
    };
    await renderWithStore(
      createFakeBridge({
        overrides: { grants: { list: () => Promise.resolve([grant]), revokeAll } },
      }),
      <PermissionsView />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Revoke all' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Yes, revoke all' }), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(revokeAll).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Revoke all' })).toHaveFocus();
  });
});
