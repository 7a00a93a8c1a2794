import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import type {
  SettingsChangeInput,
  SettingsViewDto,
} from '../../../src-main/shared/contract/settings';
import { createFakeBridge, fakeSettings } from '../../bridge/fake-bridge';
import { renderWithStore, settle } from '../../testing/render-with-store';
import { SettingsView } from './SettingsView';

/**
 * A main that applies each change to its copy and answers the view, as settings-handlers.ts does.
 */
function withSettings(initial: SettingsViewDto = fakeSettings, refuse?: string) {
  let current = initial;
  const set = vi.fn((change: SettingsChangeInput) => {
    if (refuse) return Promise.reject(new Error(refuse));
    if (change.kind === 'notifications') current = { ...current, notifications: change.enabled };
    if (change.kind === 'startAtLogin')
      current = { ...current, startAtLogin: { ...current.startAtLogin, enabled: change.enabled } };
    if (change.kind === 'waitSeconds') current = { ...current, waitSeconds: change.seconds };
    if (change.kind === 'pause')
      current =
        change.minutes === null
          ? { ...current, pausedUntil: undefined }
          : { ...current, pausedUntil: Date.now() + change.minutes * 60_000 };
    return Promise.resolve(current);
  });
  return {
    bridge: createFakeBridge({
      overrides: { settings: { get: () => Promise.resolve(current), set } },
    }),
    set,
  };
}

describe('SettingsView', () => {
  it('shows each setting, the region read-only while signed in, and where the files are', async () => {
    const { bridge } = withSettings();
    await renderWithStore(bridge, <SettingsView />);
    expect(screen.getByRole('checkbox', { name: /desktop notification/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Start at login/ })).not.toBeChecked();
    expect(screen.getByLabelText('Time to answer a request (seconds)')).toHaveValue(150);
    expect(screen.getByText(/denied 30 s before Dust’s deadline/)).toBeInTheDocument();
    expect(screen.getByText('Europe')).toBeInTheDocument();
    expect(screen.getByText(/Sign out to change the region/)).toBeInTheDocument();
    expect(screen.getByText('/home/me/.config/Dust MCP Tray')).toBeInTheDocument();
    expect(screen.getByText('/home/me/.config/Dust MCP Tray/activity.jsonl')).toBeInTheDocument();
    expect(screen.getByTestId('shortcut-current')).toBeInTheDocument();
  });

  it('turns notifications and start at login off and on through main', async () => {
    const { bridge, set } = withSettings();
    await renderWithStore(bridge, <SettingsView />);
    await settle(() =>
      fireEvent.click(screen.getByRole('checkbox', { name: /desktop notification/ })),
    );
    expect(set).toHaveBeenCalledWith({ kind: 'notifications', enabled: false });
    expect(screen.getByRole('checkbox', { name: /desktop notification/ })).not.toBeChecked();
    await settle(() => fireEvent.click(screen.getByRole('checkbox', { name: /Start at login/ })));
    expect(set).toHaveBeenCalledWith({ kind: 'startAtLogin', enabled: true });
    expect(screen.getByRole('checkbox', { name: /Start at login/ })).toBeChecked();
  });

  it('checks the time to answer as typed, beside the field, and saves a valid one', async () => {
    const { bridge, set } = withSettings();
    await renderWithStore(bridge, <SettingsView />);
    const field = screen.getByLabelText('Time to answer a request (seconds)');
    fireEvent.change(field, { target: { value: '200' } });
    expect(screen.getByRole('alert')).toHaveTextContent('At most 165 s');
    expect(screen.getByRole('button', { name: 'Save the time to answer' })).toBeDisabled();
    fireEvent.change(field, { target: { value: '5' } });
    expect(screen.getByRole('alert')).toHaveTextContent('At least 10 s');
    fireEvent.change(field, { target: { value: '90' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/denied 90 s before Dust’s deadline/)).toBeInTheDocument();
    await settle(() =>
      fireEvent.click(screen.getByRole('button', { name: 'Save the time to answer' })),
    );
    expect(set).toHaveBeenCalledWith({ kind: 'waitSeconds', seconds: 90 });
    expect(screen.getByLabelText('Time to answer a request (seconds)')).toHaveValue(90);
  });

  it('pauses approvals with the end as a clock time and relative, and resumes', async () => {
    const { bridge, set } = withSettings();
    await renderWithStore(bridge, <SettingsView />);
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Pause for 15 min' })));
    expect(set).toHaveBeenCalledWith({ kind: 'pause', minutes: 15 });
    const pause = screen.getByTestId('pause-setting');
    // Near midnight the end falls on the next day and the date comes first ("until Dec 7 12:09 AM").
    expect(pause).toHaveTextContent(
      /paused until ([A-Z][a-z]{2} \d{1,2} )?\d{1,2}:\d{2}.*\(in 1[45] min\)/,
    );
    expect(pause.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await settle(() => fireEvent.click(within(pause).getByRole('button', { name: 'Resume now' })));
    expect(set).toHaveBeenLastCalledWith({ kind: 'pause', minutes: null });
    expect(
      within(screen.getByTestId('pause-setting')).getByRole('button', { name: 'Pause for 15 min' }),
    ).toBeInTheDocument();
  });

  it('reads the settings again when the window comes back (the tray may have paused approvals)', async () => {
    const { bridge } = withSettings();
    const get = vi.fn(() =>
      Promise.resolve({ ...fakeSettings, pausedUntil: Date.now() + 15 * 60_000 }),
    );
    bridge.settings.get = get;
    await renderWithStore(bridge, <SettingsView />);
    expect(get).toHaveBeenCalledOnce();
    await settle(() => window.dispatchEvent(new Event('focus')));
    expect(get).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('pause-setting')).toHaveTextContent('Approvals are paused until');
  });

  it("says main's refusal in words, and offers start at login only where there is one", async () => {
    const { bridge } = withSettings(
      { ...fakeSettings, startAtLogin: { available: false, enabled: false } },
      'The settings file could not be written: disk full.',
    );
    await renderWithStore(bridge, <SettingsView />);
    expect(screen.getByRole('checkbox', { name: /Start at login/ })).toBeDisabled();
    expect(screen.getByText('Not available here.')).toBeInTheDocument();
    await settle(() =>
      fireEvent.click(screen.getByRole('checkbox', { name: /desktop notification/ })),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('disk full');
  });
});
