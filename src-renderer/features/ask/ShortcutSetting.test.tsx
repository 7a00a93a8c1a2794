import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, settle } from '../../testing/render-with-store';
import { ShortcutSetting } from './ShortcutSetting';

describe('ShortcutSetting', () => {
  it('shows the shortcut and its status, saves a new one, shows main’s refusal, and turns it off', async () => {
    const setShortcut = vi
      .fn()
      .mockRejectedValueOnce(
        Object.assign(new Error('"Ctrl+Banana" is not a shortcut: Banana is not a key.'), {
          code: 'bad_input',
        }),
      )
      .mockResolvedValueOnce({
        accelerator: 'CommandOrControl+Shift+J',
        status: 'failed',
        message:
          'CommandOrControl+Shift+J is taken by the system or another app. Pick another shortcut.',
      })
      .mockResolvedValueOnce({ accelerator: null, status: 'off' });
    const bridge = createFakeBridge({
      overrides: {
        chat: {
          shortcut: () =>
            Promise.resolve({
              accelerator: 'CommandOrControl+Shift+K',
              status: 'registered' as const,
            }),
          setShortcut,
        },
      },
    });
    await renderWithStore(bridge, <ShortcutSetting />);
    expect(screen.getByTestId('shortcut-current')).toHaveTextContent(
      'CommandOrControl+Shift+K (works from any app)',
    );
    const field = screen.getByRole('textbox', { name: 'Shortcut' });
    expect(field).toHaveValue('CommandOrControl+Shift+K');

    fireEvent.change(field, { target: { value: 'Ctrl+Banana' } });
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    });
    expect(setShortcut).toHaveBeenLastCalledWith('Ctrl+Banana');
    expect(screen.getByRole('alert')).toHaveTextContent('Banana is not a key.');
    expect(field).toHaveValue('Ctrl+Banana');

    fireEvent.change(field, { target: { value: 'CommandOrControl+Shift+J' } });
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('shortcut-current')).toHaveTextContent(
      'CommandOrControl+Shift+J (not working)',
    );
    expect(screen.getByText(/taken by the system or another app/)).toBeInTheDocument();

    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    });
    expect(setShortcut).toHaveBeenLastCalledWith(null);
    expect(screen.getByTestId('shortcut-current')).toHaveTextContent('none (off)');
    expect(field).toHaveValue('');
  });
});
