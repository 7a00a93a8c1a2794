import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, serverStatus, settle } from '../../testing/render-with-store';
import { ServersView } from './ServersView';

const ghost = serverStatus({
  name: 'ghost',
  local: { state: 'failed', words: 'The local server "ghost" could not start.', stderrTail: [] },
  dust: { state: 'stopped', words: 'Not registered: it is offered to Dust once it starts' },
  tools: [],
  status: {
    tone: 'bad',
    words:
      'It could not start: it was not found on your PATH. Tried 12 times; no more tries until you press Retry.',
  },
});

describe('a server that cannot start, on its card', () => {
  it('says one state in words at the top, shows no server id, and offers Retry', async () => {
    const restart = vi.fn(() => Promise.resolve());
    await renderWithStore(
      createFakeBridge({
        overrides: {
          servers: { snapshot: () => Promise.resolve({ seq: 0, value: [ghost] }), restart },
        },
      }),
      <ServersView />,
    );
    expect(screen.getByTestId('server-status')).toHaveTextContent(
      'Not working It could not start: it was not found on your PATH. Tried 12 times; no more tries until you press Retry.',
    );
    expect(screen.queryByTestId('server-id')).toBeNull();
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Retry' })));
    expect(restart).toHaveBeenCalledWith('ghost');
  });

  it('counts down to the next try while it backs off', async () => {
    const waiting = {
      ...ghost,
      local: { ...ghost.local, state: 'backoff' },
      status: {
        tone: 'bad' as const,
        words: 'It could not start. It tries again by itself.',
        retryAt: Date.now() + 150_000,
      },
    };
    await renderWithStore(
      createFakeBridge({
        overrides: { servers: { snapshot: () => Promise.resolve({ seq: 0, value: [waiting] }) } },
      }),
      <ServersView />,
    );
    expect(screen.getByTestId('server-status')).toHaveTextContent(/Next try in 3 min\./);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled();
  });

  it('a working server says it is connected and offers Restart', async () => {
    const fine = serverStatus({
      status: { tone: 'good', words: 'Connected: agents can use its 1 tool.' },
    });
    await renderWithStore(
      createFakeBridge({
        overrides: { servers: { snapshot: () => Promise.resolve({ seq: 0, value: [fine] }) } },
      }),
      <ServersView />,
    );
    expect(screen.getByTestId('server-status')).toHaveTextContent(
      'Working Connected: agents can use its 1 tool.',
    );
    expect(screen.getByRole('button', { name: 'Restart' })).toBeEnabled();
  });
});
