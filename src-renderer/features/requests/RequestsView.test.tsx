import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import {
  pendingCall,
  renderWithStore,
  serverStatus,
  settle,
} from '../../testing/render-with-store';
import { RequestsView } from './RequestsView';

const withCalls = (
  calls = [pendingCall()],
  decide = vi.fn(() => Promise.resolve({ repeated: false })),
) => ({
  decide,
  bridge: createFakeBridge({
    overrides: {
      approvals: { snapshot: () => Promise.resolve({ seq: 0, value: calls }), decide },
      servers: { snapshot: () => Promise.resolve({ seq: 0, value: [serverStatus()] }) },
    },
  }),
});

describe('RequestsView', () => {
  it('says when nothing is waiting', async () => {
    await renderWithStore(createFakeBridge(), <RequestsView />);
    expect(screen.getByText('Nothing is waiting for you')).toBeInTheDocument();
  });

  it('shows who asks for what, with arguments as text, never as markup', async () => {
    const { bridge } = withCalls([
      pendingCall({ arguments: { html: '<img src=x onerror=alert(1)>' } }),
    ]);
    const { container } = await renderWithStore(bridge, <RequestsView />);
    expect(screen.getByText('LocalToolCaller')).toBeInTheDocument();
    expect(screen.getByLabelText('Arguments for echo')).toHaveTextContent(
      '"<img src=x onerror=alert(1)>"',
    );
    expect(container.querySelector('img')).toBeNull();
  });

  it('approves with A and sends the nonce main minted', async () => {
    const { bridge, decide } = withCalls();
    await renderWithStore(bridge, <RequestsView />);
    await settle(() => {
      fireEvent.keyDown(document, { key: 'a' });
    });
    expect(decide).toHaveBeenCalledWith({
      callId: 'c1',
      nonce: 'n1',
      decision: { verdict: 'approve', remember: { kind: 'once' } },
    });
    expect(screen.queryByTestId('request-card')).toBeNull();
  });

  it('Shift+A always allows; J moves to the next call, D denies it', async () => {
    const { bridge, decide } = withCalls([
      pendingCall(),
      pendingCall({ callId: 'c2', nonce: 'n2', receivedAt: Date.now() + 1 }),
    ]);
    await renderWithStore(bridge, <RequestsView />);
    await settle(() => {
      fireEvent.keyDown(document, { key: 'j' });
      fireEvent.keyDown(document, { key: 'd' });
      fireEvent.keyDown(document, { key: 'A', shiftKey: true });
    });
    expect(decide).toHaveBeenCalledWith({
      callId: 'c2',
      nonce: 'n2',
      decision: { verdict: 'deny' },
    });
    expect(decide).toHaveBeenCalledWith({
      callId: 'c1',
      nonce: 'n1',
      decision: { verdict: 'approve', remember: { kind: 'always' } },
    });
  });

  it('approves with edited arguments, checked live: an error beside the field while wrong, cleared when fixed', async () => {
    const { bridge, decide } = withCalls([pendingCall({ arguments: { message: 'rm -rf /' } })]);
    await renderWithStore(bridge, <RequestsView />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit arguments' }));
    const editor = screen.getByLabelText('Arguments to run with (JSON)');
    fireEvent.change(editor, { target: { value: '[1, 2]' } });
    expect(screen.getByRole('alert')).toHaveTextContent('must be a JSON object');
    expect(editor).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Approve with these arguments' })).toBeDisabled();
    expect(decide).not.toHaveBeenCalled();
    fireEvent.change(editor, { target: { value: '{"message": "ls"}' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(editor).not.toHaveAttribute('aria-invalid');
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Approve with these arguments' }));
    });
    expect(decide).toHaveBeenCalledWith({
      callId: 'c1',
      nonce: 'n1',
      decision: { verdict: 'approve', remember: { kind: 'once' }, arguments: { message: 'ls' } },
    });
  });

  it("checks edits against the tool's input schema as typed, naming the field", async () => {
    const inputSchema = {
      type: 'object',
      properties: { path: { type: 'string' }, content: { type: 'string' } },
      required: ['path', 'content'],
    };
    const { bridge, decide } = withCalls([
      pendingCall({ tool: 'write_file', arguments: { path: '/tmp/a', content: 'x' }, inputSchema }),
    ]);
    await renderWithStore(bridge, <RequestsView />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit arguments' }));
    const editor = screen.getByLabelText(
      'Arguments to run with (JSON, checked against the tool’s schema)',
    );
    fireEvent.change(editor, { target: { value: '{"path": 42, "content": "x"}' } });
    expect(screen.getByRole('alert')).toHaveTextContent('"path"');
    fireEvent.change(editor, { target: { value: '{"path": "/tmp/a"}' } });
    expect(screen.getByRole('alert')).toHaveTextContent('"content"');
    expect(screen.getByRole('button', { name: 'Always allow this tool' })).toBeDisabled();
    fireEvent.change(editor, { target: { value: '{"path": "/tmp/b", "content": "y"}' } });
    expect(screen.queryByRole('alert')).toBeNull();
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Approve with these arguments' }));
    });
    expect(decide).toHaveBeenCalledWith(
      expect.objectContaining({
        decision: {
          verdict: 'approve',
          remember: { kind: 'once' },
          arguments: { path: '/tmp/b', content: 'y' },
        },
      }),
    );
  });

  it('the a key does not approve the original arguments while they are being edited', async () => {
    const { bridge, decide } = withCalls();
    await renderWithStore(bridge, <RequestsView />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit arguments' }));
    await settle(() => {
      fireEvent.keyDown(document.body, { key: 'a' });
    });
    expect(decide).not.toHaveBeenCalled();
  });

  it('gives the focus to the next card when the decided one leaves, then to the heading', async () => {
    const { bridge } = withCalls([
      pendingCall(),
      pendingCall({ callId: 'c2', nonce: 'n2', tool: 'add', receivedAt: Date.now() + 1 }),
    ]);
    await renderWithStore(bridge, <RequestsView />);
    const approve = screen.getAllByRole('button', { name: 'Approve' })[0]!;
    approve.focus();
    await settle(() => {
      fireEvent.click(approve);
    });
    expect(screen.getAllByTestId('request-card')).toHaveLength(1);
    expect(screen.getByTestId('request-card')).toHaveFocus();
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Deny' }));
    });
    expect(screen.getByRole('heading', { name: 'Requests' })).toHaveFocus();
  });

  it('Escape in the editor puts the original arguments back and returns the focus to Edit', async () => {
    const { bridge } = withCalls();
    await renderWithStore(bridge, <RequestsView />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit arguments' }));
    fireEvent.keyDown(screen.getByLabelText('Arguments to run with (JSON)'), { key: 'Escape' });
    expect(screen.queryByLabelText('Arguments to run with (JSON)')).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit arguments' })).toHaveFocus();
  });

  it('Enter in the deny reason denies with that reason', async () => {
    const { bridge, decide } = withCalls();
    await renderWithStore(bridge, <RequestsView />);
    const reason = screen.getByLabelText('Reason for denying (optional, sent to the agent)');
    fireEvent.change(reason, { target: { value: 'wrong folder' } });
    await settle(() => {
      fireEvent.keyDown(reason, { key: 'Enter' });
    });
    expect(decide).toHaveBeenCalledWith({
      callId: 'c1',
      nonce: 'n1',
      decision: { verdict: 'deny', reason: 'wrong folder' },
    });
  });

  it('denies with the reason typed, without the shortcut keys firing while typing it', async () => {
    const { bridge, decide } = withCalls();
    await renderWithStore(bridge, <RequestsView />);
    const reason = screen.getByLabelText('Reason for denying (optional, sent to the agent)');
    fireEvent.keyDown(reason, { key: 'a' });
    fireEvent.change(reason, { target: { value: 'wrong folder' } });
    expect(decide).not.toHaveBeenCalled();
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Deny' }));
    });
    expect(decide).toHaveBeenCalledWith({
      callId: 'c1',
      nonce: 'n1',
      decision: { verdict: 'deny', reason: 'wrong folder' },
    });
  });

  it('keeps the card and says why when the decision fails', async () => {
    const { bridge } = withCalls(
      [pendingCall()],
      vi.fn(() =>
        Promise.reject(
          Object.assign(new Error('Too late: the deadline passed.'), { code: 'expired' }),
        ),
      ),
    );
    await renderWithStore(bridge, <RequestsView />);
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Too late: the deadline passed.');
    expect(screen.getByTestId('request-card')).toBeInTheDocument();
  });

  it('approves several read-only calls at once', async () => {
    const { bridge, decide } = withCalls([
      pendingCall(),
      pendingCall({ callId: 'c2', nonce: 'n2' }),
      pendingCall({ callId: 'c3', nonce: 'n3', tool: 'write' }),
    ]);
    await renderWithStore(bridge, <RequestsView />);
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Approve 2 read-only calls' }));
    });
    expect(decide).toHaveBeenCalledTimes(2);
    expect(screen.getAllByTestId('request-card')).toHaveLength(1);
  });

  it('offers "allow for N hours" with the chosen hours', async () => {
    const { bridge, decide } = withCalls();
    await renderWithStore(bridge, <RequestsView />);
    fireEvent.change(screen.getByLabelText('Hours'), { target: { value: '24' } });
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Allow for' }));
    });
    expect(decide).toHaveBeenCalledWith(
      expect.objectContaining({
        decision: { verdict: 'approve', remember: { kind: 'hours', hours: 24 } },
      }),
    );
  });
});
