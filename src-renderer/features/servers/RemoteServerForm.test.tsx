import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, serverStatus, settle } from '../../testing/render-with-store';
import { ServersView } from './ServersView';

describe('server form: Remote (URL)', () => {
  it('tests the URL as typed, then saves it with its headers (Name: value) and the secret ones flagged', async () => {
    const test = vi.fn(() =>
      Promise.resolve({
        ok: true,
        tools: [{ name: 'echo' }],
        serverInfo: { name: 'wiki', version: '2' },
        stderrTail: [],
      }),
    );
    const save = vi.fn(() => Promise.resolve({ name: 'wiki' }));
    await renderWithStore(
      createFakeBridge({ overrides: { servers: { test, save } } }),
      <ServersView />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add server' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'wiki' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Remote (URL)' }));
    expect(screen.queryByLabelText('Command')).toBeNull();
    fireEvent.change(screen.getByLabelText(/^URL/), {
      target: { value: ' https://wiki.corp.example/mcp ' },
    });
    fireEvent.change(screen.getByLabelText('Headers, Name: value per line'), {
      target: { value: 'Authorization: Bearer tok=1\nX-Team=platform' },
    });
    fireEvent.change(screen.getByLabelText(/Secret headers/), {
      target: { value: 'Authorization' },
    });
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Test' })));
    expect(screen.getByTestId('test-result')).toHaveTextContent('It works (wiki 2): 1 tools');
    const expected = {
      name: 'wiki',
      command: '',
      remote: { url: 'https://wiki.corp.example/mcp', transport: 'http' },
      args: [],
      env: [
        { key: 'Authorization', value: 'Bearer tok=1', isSecret: true },
        { key: 'X-Team', value: 'platform', isSecret: false },
      ],
      enabled: true,
      trusted: false,
    };
    expect(test).toHaveBeenCalledWith({ kind: 'form', server: expected });
    fireEvent.change(screen.getByLabelText('Transport'), { target: { value: 'sse' } });
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(save).toHaveBeenCalledWith({
      ...expected,
      remote: { url: 'https://wiki.corp.example/mcp', transport: 'sse' },
    });
  });

  it('edits a saved remote server, keeping its masked token by sending it back without a value', async () => {
    const get = vi.fn(() =>
      Promise.resolve({
        name: 'wiki',
        command: '',
        args: [],
        maskedArgs: [],
        remote: { url: 'https://wiki.corp.example/mcp', transport: 'http' as const },
        env: [{ key: 'Authorization', isSecret: true, masked: 'Bear…3056' }],
        enabled: true,
        trusted: false,
        effectiveDustName: 'wiki-mcp',
      }),
    );
    const save = vi.fn(() => Promise.resolve({ name: 'wiki' }));
    await renderWithStore(
      createFakeBridge({
        overrides: {
          servers: {
            snapshot: () =>
              Promise.resolve({
                seq: 0,
                value: [
                  serverStatus({
                    name: 'wiki',
                    command: 'https://wiki.corp.example/mcp',
                    args: [],
                    remote: {
                      url: 'https://wiki.corp.example/mcp',
                      host: 'wiki.corp.example',
                      transport: 'http',
                    },
                  }),
                ],
              }),
            get,
            save,
          },
        },
      }),
      <ServersView />,
    );
    expect(screen.getByText('Remote: https://wiki.corp.example/mcp')).toBeInTheDocument();
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Edit' })));
    expect(screen.getByRole('radio', { name: 'Remote (URL)' })).toBeChecked();
    expect(screen.getByLabelText('Headers, Name: value per line')).toHaveValue(
      'Authorization: Bear…3056',
    );
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(save).toHaveBeenCalledWith(
      expect.objectContaining({
        originalName: 'wiki',
        remote: { url: 'https://wiki.corp.example/mcp', transport: 'http' },
        env: [{ key: 'Authorization', isSecret: true }],
      }),
    );
  });
});
