import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import { createAppStore } from '../../state/store';
import { StoreProvider } from '../../state/store-context';
import { AboutLine } from './AboutLine';

function renderWith(bridge: ReturnType<typeof createFakeBridge>) {
  return render(
    <StoreProvider store={createAppStore(bridge)}>
      <AboutLine />
    </StoreProvider>,
  );
}

describe('AboutLine', () => {
  it('shows the name and version the bridge reports', async () => {
    renderWith(createFakeBridge({ appInfo: { name: 'Dust MCP Tray', version: '9.8.7' } }));
    expect(await screen.findByTestId('app-version')).toHaveTextContent('Dust MCP Tray 9.8.7');
  });

  it('says in words when the bridge fails, without a second alert', async () => {
    renderWith(createFakeBridge({ failWith: 'channel closed' }));
    expect(await screen.findByTestId('app-version-error')).toHaveTextContent(
      'Version unknown: channel closed',
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
