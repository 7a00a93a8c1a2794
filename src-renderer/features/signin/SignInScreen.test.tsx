import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import type { AuthSnapshotDto } from '../../../src-main/shared/contract/auth';
import { App } from '../../App';
import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, settle } from '../../testing/render-with-store';

const authWith = (
  snapshot: AuthSnapshotDto,
  overrides: Parameters<typeof createFakeBridge>[0] = {},
) =>
  createFakeBridge({
    ...overrides,
    overrides: {
      ...overrides.overrides,
      auth: {
        snapshot: () => Promise.resolve({ seq: 0, value: snapshot }),
        ...overrides.overrides?.auth,
      },
    },
  });

describe('Sign-in', () => {
  it('sends a custom URL and shows main’s refusal in its words', async () => {
    const setRegion = vi.fn(() =>
      Promise.reject(Object.assign(new Error('Use an https:// address.'), { code: 'bad_input' })),
    );
    const startSignIn = vi.fn(() => Promise.resolve());
    await renderWithStore(
      authWith(
        { state: { kind: 'signed-out' }, region: { region: 'us' } },
        { overrides: { auth: { setRegion, startSignIn } } },
      ),
      <App />,
    );
    fireEvent.click(screen.getByLabelText(/Custom URL/));
    fireEvent.change(screen.getByLabelText('Dust URL'), {
      target: { value: 'http://dust.example' },
    });
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    });
    expect(setRegion).toHaveBeenCalledWith({ region: 'custom', customUrl: 'http://dust.example' });
    expect(startSignIn).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Use an https:// address.');
  });

  it('shows the device code big, a countdown, and cancels', async () => {
    const cancelSignIn = vi.fn(() => Promise.resolve());
    await renderWithStore(
      authWith(
        {
          state: {
            kind: 'awaiting-code',
            userCode: 'ABCD-EFGH',
            verificationUri: 'https://dust.tt/device',
            verificationUriComplete: 'https://dust.tt/device?user_code=ABCD-EFGH',
            expiresAt: Date.now() + 300_000,
          },
          region: { region: 'us' },
        },
        { overrides: { auth: { cancelSignIn } } },
      ),
      <App />,
    );
    expect(screen.getByTestId('user-code')).toHaveTextContent('ABCD-EFGH');
    expect(screen.getByRole('timer')).toHaveTextContent(/expires in [45]:\d\d/);
    expect(screen.getByRole('link', { name: 'Open the Dust page again' })).toHaveAttribute(
      'href',
      'https://dust.tt/device?user_code=ABCD-EFGH',
    );
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    });
    expect(cancelSignIn).toHaveBeenCalledOnce();
  });

  it('lets the person pick one of several workspaces', async () => {
    const selectWorkspace = vi.fn(() => Promise.resolve());
    await renderWithStore(
      authWith(
        {
          state: {
            kind: 'choose-workspace',
            user: { email: 'ada@acme.com' },
            workspaces: [
              { sId: 'w1', name: 'Acme', role: 'admin' },
              { sId: 'w2', name: 'Globex', role: 'user' },
            ],
          },
          region: { region: 'eu' },
        },
        { overrides: { auth: { selectWorkspace } } },
      ),
      <App />,
    );
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: /Globex/ }));
    });
    expect(selectWorkspace).toHaveBeenCalledWith('w2');
  });

  it('says once, in words, when the app cannot be reached', async () => {
    await renderWithStore(
      createFakeBridge({
        failWith: 'socket closed',
        overrides: { auth: { snapshot: () => Promise.reject(new Error('socket closed')) } },
      }),
      <App />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Could not reach the app: socket closed');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
