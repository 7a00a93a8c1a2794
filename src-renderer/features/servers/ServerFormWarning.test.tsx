import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, settle } from '../../testing/render-with-store';
import { ServersView } from './ServersView';

const WARNING =
  '"uvx" was not found on your PATH, so this server could not start. Install it or use its full path, then save; or save anyway.';

describe('saving a server whose command cannot be found', () => {
  it('shows main’s warning first and keeps the form; "Save anyway" saves it', async () => {
    const save = vi.fn((input: { saveAnyway?: boolean }) =>
      Promise.resolve(input.saveAnyway ? { name: 'mine' } : { name: 'mine', warning: WARNING }),
    );
    await renderWithStore(createFakeBridge({ overrides: { servers: { save } } }), <ServersView />);
    fireEvent.click(screen.getByRole('button', { name: 'Add server' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'mine' } });
    fireEvent.change(screen.getByLabelText('Command'), { target: { value: 'uvx' } });
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(screen.getByTestId('save-warning')).toHaveTextContent(`Not saved yet: ${WARNING}`);
    expect(screen.getByRole('form', { name: 'Add a server' })).toBeInTheDocument();
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]![0]).not.toHaveProperty('saveAnyway');

    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Save anyway' })));
    expect(save).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'mine', command: 'uvx', saveAnyway: true }),
    );
    expect(screen.queryByRole('form')).toBeNull();
  });
});
