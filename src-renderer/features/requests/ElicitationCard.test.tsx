import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import type { PendingElicitationDto } from '../../../src-main/shared/contract/elicitations';
import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, settle } from '../../testing/render-with-store';
import { RequestsView } from './RequestsView';

const form: PendingElicitationDto = {
  id: 'e1',
  nonce: 'n-e1',
  server: 'everything',
  tool: 'trigger-elicitation-request',
  message: 'Please provide inputs for the following fields:',
  receivedAt: Date.now(),
  deadlineAt: Date.now() + 120_000,
  fields: [
    { kind: 'string', name: 'name', title: 'Name', required: true },
    { kind: 'boolean', name: 'check', title: 'Agree', required: false },
    {
      kind: 'number',
      name: 'integer',
      title: 'Integer',
      required: false,
      integer: true,
      minimum: 1,
      maximum: 100,
      default: 42,
    },
    {
      kind: 'choice',
      name: 'pet',
      title: 'Pet',
      required: false,
      options: [
        { value: 'pet-1', label: 'Cats' },
        { value: 'pet-2', label: 'Dogs' },
      ],
      default: 'pet-1',
    },
    {
      kind: 'choices',
      name: 'fish',
      title: 'Fish',
      required: false,
      options: [
        { value: 'fish-1', label: 'Tuna' },
        { value: 'fish-2', label: 'Salmon' },
      ],
      default: ['fish-1'],
    },
    {
      kind: 'string',
      name: 'email',
      title: 'Email',
      required: false,
      format: 'email',
      description: '<b>never</b> shared',
    },
  ],
};

function setup(answer = vi.fn(() => Promise.resolve())) {
  const bridge = createFakeBridge({
    overrides: {
      elicitations: { snapshot: () => Promise.resolve({ seq: 0, value: [form] }), answer },
    },
  });
  return { bridge, answer };
}

describe('ElicitationCard (a local server asks the person during a tool call)', () => {
  it('names the server and the tool, builds the form from the schema, and sends the typed answer with the nonce', async () => {
    const { bridge, answer } = setup();
    const { container } = await renderWithStore(bridge, <RequestsView />);
    const card = screen.getByTestId('elicitation-card');
    expect(card).toHaveTextContent('everything asks you while running trigger-elicitation-request');
    expect(screen.queryByText('Nothing is waiting for you')).toBeNull();
    expect(screen.getByLabelText('Integer')).toHaveValue(42);
    expect(screen.getByLabelText('Pet')).toHaveValue('pet-1');
    expect(screen.getByLabelText(/^Email/)).toHaveAttribute('type', 'email');
    expect(container.querySelector('b')).toBeNull();
    fireEvent.change(screen.getByLabelText('Name (required)'), { target: { value: 'Ada' } });
    fireEvent.click(screen.getByLabelText('Agree'));
    fireEvent.click(screen.getByLabelText('Salmon'));
    fireEvent.change(screen.getByLabelText('Pet'), { target: { value: 'pet-2' } });
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Accept' })));
    expect(answer).toHaveBeenCalledWith({
      id: 'e1',
      nonce: 'n-e1',
      action: 'accept',
      content: { name: 'Ada', check: true, integer: 42, pet: 'pet-2', fish: ['fish-1', 'fish-2'] },
    });
  });

  it("declines or cancels, and shows main's refusal in words", async () => {
    const answer = vi
      .fn()
      .mockRejectedValueOnce(new Error('Name is required'))
      .mockResolvedValue(undefined);
    const { bridge } = setup(answer);
    await renderWithStore(bridge, <RequestsView />);
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Accept' })));
    expect(screen.getByRole('alert')).toHaveTextContent('Name is required');
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Decline' })));
    expect(answer).toHaveBeenLastCalledWith({ id: 'e1', nonce: 'n-e1', action: 'decline' });
    act(() =>
      bridge.emit('elicitations:changed', {
        seq: 1,
        payload: { kind: 'settled', id: 'e1', action: 'decline', by: 'user' },
      }),
    );
    expect(screen.queryByTestId('elicitation-card')).toBeNull();
  });
});
