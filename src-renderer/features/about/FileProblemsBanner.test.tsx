import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import { createAppStore } from '../../state/store';
import { StoreProvider } from '../../state/store-context';
import { FileProblemsBanner } from './FileProblemsBanner';

function renderWith(bridge: ReturnType<typeof createFakeBridge>) {
  return render(
    <StoreProvider store={createAppStore(bridge)}>
      <FileProblemsBanner />
    </StoreProvider>,
  );
}

describe('FileProblemsBanner', () => {
  it('says what happened and where the bad file was kept', async () => {
    renderWith(
      createFakeBridge({
        fileProblems: [
          {
            file: 'settings',
            words:
              'Your settings could not be read (…). The unreadable file was kept at /data/settings.corrupt-1.json.',
            keptAt: '/data/settings.corrupt-1.json',
          },
        ],
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'kept at /data/settings.corrupt-1.json',
    );
  });

  it('shows nothing when every file was read', () => {
    renderWith(createFakeBridge());
    expect(screen.queryByTestId('file-problems')).toBeNull();
  });
});
