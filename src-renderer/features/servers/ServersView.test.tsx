import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, serverStatus, settle } from '../../testing/render-with-store';
import { ServersView } from './ServersView';

const crashed = serverStatus({
  name: 'broken',
  local: {
    state: 'crashed',
    words: 'Exited with code 1 before the handshake.',
    stderrTail: ['Error: Cannot find module x'],
  },
  dust: { state: 'stopped', words: 'Not connected' },
});

describe('ServersView', () => {
  it('shows each server’s state in words, the stderr tail of a crash, and the server id', async () => {
    await renderWithStore(
      createFakeBridge({
        overrides: {
          servers: {
            snapshot: () => Promise.resolve({ seq: 0, value: [serverStatus(), crashed] }),
          },
        },
      }),
      <ServersView />,
    );
    expect(screen.getByText('Exited with code 1 before the handshake.')).toBeInTheDocument();
    expect(screen.getByText('Error: Cannot find module x')).toBeVisible();
    expect(screen.getByTestId('server-id')).toHaveTextContent('mcp-client-side:everything.1');
  });

  it('exports the servers as mcpServers JSON, listing the keychain values to fill in; says why when it cannot', async () => {
    const json =
      '{\n  "mcpServers": {\n    "everything": { "command": "npx", "env": { "TOKEN": "${secret:TOKEN}" } }\n  }\n}\n';
    const exportServers = vi.fn(() =>
      Promise.resolve({
        json,
        serverCount: 1,
        toFill: [{ server: 'everything', key: 'TOKEN', placeholder: '${secret:TOKEN}' }],
      }),
    );
    await renderWithStore(
      createFakeBridge({
        overrides: {
          servers: { snapshot: () => Promise.resolve({ seq: 0, value: [serverStatus()] }) },
          imports: { exportServers },
        },
      }),
      <ServersView />,
    );
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Export' })));
    expect(screen.getByRole('textbox', { name: 'Exported servers JSON' })).toHaveValue(json);
    expect(screen.getByRole('list', { name: 'Values to fill in' })).toHaveTextContent(
      'everything: TOKEN (${secret:TOKEN})',
    );
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled();

    exportServers.mockImplementationOnce(() =>
      Promise.reject(new Error('The settings could not be read.')),
    );
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Export' })));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not export: The settings could not be read.',
    );
  });

  it('offers no export while there is no server', async () => {
    await renderWithStore(createFakeBridge(), <ServersView />);
    expect(screen.getByRole('button', { name: 'Export' })).toBeDisabled();
  });

  it('toggles and restarts, saying in words when it fails', async () => {
    const setEnabled = vi.fn(() => Promise.resolve());
    const restart = vi.fn(() =>
      Promise.reject(new Error('"everything" is not running; enable it first.')),
    );
    await renderWithStore(
      createFakeBridge({
        overrides: {
          servers: {
            snapshot: () => Promise.resolve({ seq: 0, value: [serverStatus()] }),
            setEnabled,
            restart,
          },
        },
      }),
      <ServersView />,
    );
    await settle(() => fireEvent.click(screen.getByRole('switch', { name: 'everything enabled' })));
    expect(setEnabled).toHaveBeenCalledWith('everything', false);
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Restart' })));
    expect(screen.getByRole('alert')).toHaveTextContent('is not running');
  });

  it('adds a server: tests the form as typed, then saves it with secrets flagged', async () => {
    const test = vi.fn(() =>
      Promise.resolve({
        ok: true,
        tools: [{ name: 'echo' }],
        serverInfo: { name: 'everything', version: '1' },
        stderrTail: [],
      }),
    );
    const save = vi.fn(() => Promise.resolve({ name: 'mine' }));
    await renderWithStore(
      createFakeBridge({ overrides: { servers: { test, save } } }),
      <ServersView />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add server' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'mine' } });
    fireEvent.change(screen.getByLabelText('Command'), { target: { value: 'npx' } });
    fireEvent.change(screen.getByLabelText('Arguments, one per line'), {
      target: { value: '-y\n@scope/server\n' },
    });
    fireEvent.change(screen.getByLabelText('Environment, KEY=value per line'), {
      target: { value: 'API_KEY=sk-1\nMODE=fast' },
    });
    fireEvent.change(screen.getByLabelText(/Secret keys/), { target: { value: 'API_KEY' } });
    fireEvent.change(screen.getByLabelText(/Folders it may see/), {
      target: { value: '/home/ada/projects\n' },
    });
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Test' })));
    expect(screen.getByTestId('test-result')).toHaveTextContent('It works (everything 1): 1 tools');
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(save).toHaveBeenCalledWith({
      name: 'mine',
      command: 'npx',
      args: ['-y', '@scope/server'],
      env: [
        { key: 'API_KEY', value: 'sk-1', isSecret: true },
        { key: 'MODE', value: 'fast', isSecret: false },
      ],
      roots: ['/home/ada/projects'],
      enabled: true,
      trusted: false,
    });
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('edits a saved server, keeping a masked secret by sending it back without its value', async () => {
    const get = vi.fn(() =>
      Promise.resolve({
        name: 'everything',
        command: 'node',
        args: ['a.js'],
        maskedArgs: [],
        env: [{ key: 'TOKEN', isSecret: true, masked: '••••' }],
        enabled: true,
        trusted: false,
        effectiveDustName: 'everything',
      }),
    );
    const save = vi.fn(() => Promise.resolve({ name: 'everything' }));
    await renderWithStore(
      createFakeBridge({
        overrides: {
          servers: {
            snapshot: () => Promise.resolve({ seq: 0, value: [serverStatus()] }),
            get,
            save,
          },
        },
      }),
      <ServersView />,
    );
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Edit' })));
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(save).toHaveBeenCalledWith(
      expect.objectContaining({
        originalName: 'everything',
        env: [{ key: 'TOKEN', isSecret: true }],
      }),
    );
  });
});

describe('Import', () => {
  it('previews pasted Claude Desktop config with the secrets it found, then imports the chosen servers', async () => {
    const preview = vi.fn(() =>
      Promise.resolve({
        planId: 'p1',
        source: 'claude-desktop' as const,
        servers: [
          {
            name: 'github',
            command: 'npx',
            args: ['-y', 'gh'],
            envKeys: ['GITHUB_TOKEN'],
            enabled: true,
            dustName: 'github',
            secretsFound: [{ envKey: 'GITHUB_TOKEN', reason: 'looks like a GitHub token' }],
            secretsToFill: [],
            warnings: [],
          },
        ],
        rules: [],
        skipped: [{ name: 'remote', reason: 'URL servers are not supported' }],
        conflicts: [],
        notes: [],
      }),
    );
    const apply = vi.fn(() =>
      Promise.resolve({
        imported: ['github'],
        skipped: [],
        movedSecrets: [{ server: 'github', envKey: 'GITHUB_TOKEN' }],
        unfilled: [],
      }),
    );
    await renderWithStore(
      createFakeBridge({ overrides: { imports: { preview, apply } } }),
      <ServersView />,
    );
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Import' })));
    fireEvent.change(screen.getByLabelText(/Paste the config/), {
      target: { value: '{"mcpServers":{}}' },
    });
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Preview' })));
    expect(preview).toHaveBeenCalledWith({ source: 'claude-desktop', text: '{"mcpServers":{}}' });
    expect(screen.getByTestId('import-preview')).toHaveTextContent(
      'GITHUB_TOKEN: looks like a GitHub token — it will be moved to the keychain.',
    );
    expect(screen.getByTestId('import-preview')).toHaveTextContent('Not importable: remote');
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Import 1 server' })));
    expect(apply).toHaveBeenCalledWith({
      planId: 'p1',
      choices: { servers: ['github'], onConflict: {} },
    });
    expect(screen.getByTestId('import-done')).toHaveTextContent(
      'Imported github. 1 secret value moved to the keychain.',
    );
  });
});
