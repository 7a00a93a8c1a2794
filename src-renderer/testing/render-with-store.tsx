import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';

import type { PendingCallDto } from '../../src-main/shared/contract/approvals';
import type { ServerStatusDto } from '../../src-main/shared/contract/servers';
import type { createFakeBridge } from '../bridge/fake-bridge';
import { createAppStore } from '../state/store';
import { StoreProvider } from '../state/store-context';

/** Renders a piece of the window on a store built around a fake bridge, with streams started. */
export async function renderWithStore(
  bridge: ReturnType<typeof createFakeBridge>,
  ui: ReactElement,
) {
  const store = createAppStore(bridge);
  const view = render(<StoreProvider store={store}>{ui}</StoreProvider>);
  await act(async () => {
    store.getState().init();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return { store, ...view };
}

export const pendingCall = (overrides: Partial<PendingCallDto> = {}): PendingCallDto => ({
  callId: 'c1',
  nonce: 'n1',
  server: 'everything',
  tool: 'echo',
  arguments: { message: 'hi' },
  agent: 'LocalToolCaller',
  conversationId: 'conv1',
  receivedAt: Date.now(),
  deadlineAt: Date.now() + 120_000,
  ...overrides,
});

export const serverStatus = (overrides: Partial<ServerStatusDto> = {}): ServerStatusDto => ({
  name: 'everything',
  dustName: 'everything',
  command: 'node',
  args: ['server.js'],
  envKeys: [],
  enabled: true,
  trusted: false,
  local: { state: 'ready', words: 'Ready.', stderrTail: [] },
  dust: { state: 'streaming', words: 'Connected', serverId: 'mcp-client-side:everything.1' },
  tools: [{ name: 'echo', readOnly: true }],
  ...overrides,
});

/** Runs a user action and lets the promises it started (bridge calls, store updates) settle. */
export async function settle(action: () => void) {
  await act(async () => {
    action();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
