import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, serverStatus, settle } from '../../testing/render-with-store';
import { ServersView } from './ServersView';

describe('tool switches on the server card', () => {
  it('shows each tool with a switch, says how many are off, and switches one through main', async () => {
    const setToolEnabled = vi.fn(() => Promise.resolve());
    const server = serverStatus({
      tools: [
        { name: 'read_file', readOnly: true, enabled: true },
        { name: 'write_file', readOnly: false, enabled: false },
      ],
    });
    await renderWithStore(
      createFakeBridge({
        overrides: {
          servers: { snapshot: () => Promise.resolve({ seq: 0, value: [server] }), setToolEnabled },
        },
      }),
      <ServersView />,
    );
    expect(
      screen.getByText('2 tools, 1 switched off', { selector: 'summary' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'read_file offered to Dust' })).toBeChecked();
    const write = screen.getByRole('switch', { name: 'write_file offered to Dust' });
    expect(write).not.toBeChecked();
    expect(screen.getByTestId('server-tools')).toHaveTextContent('off: agents don’t see it');
    await settle(() => fireEvent.click(write));
    expect(setToolEnabled).toHaveBeenCalledWith('everything', 'write_file', true);
    await settle(() =>
      fireEvent.click(screen.getByRole('switch', { name: 'read_file offered to Dust' })),
    );
    expect(setToolEnabled).toHaveBeenLastCalledWith('everything', 'read_file', false);
  });

  it('says "1 tool" for one, and shows the failure in words', async () => {
    const setToolEnabled = vi.fn(() =>
      Promise.reject(new Error('There is no server named "everything".')),
    );
    await renderWithStore(
      createFakeBridge({
        overrides: {
          servers: {
            snapshot: () => Promise.resolve({ seq: 0, value: [serverStatus()] }),
            setToolEnabled,
          },
        },
      }),
      <ServersView />,
    );
    expect(screen.getByText('1 tool', { selector: 'summary' })).toBeInTheDocument();
    await settle(() =>
      fireEvent.click(screen.getByRole('switch', { name: 'echo offered to Dust' })),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('There is no server named');
  });
});
