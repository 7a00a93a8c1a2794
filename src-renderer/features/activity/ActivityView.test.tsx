import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';
import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, settle } from '../../testing/render-with-store';
import { ActivityView } from './ActivityView';

const now = Date.now();
const entries: ActivityEntryDto[] = [
  { id: 'a', server: 'everything', tool: 'echo', receivedAt: now - 2000, decision: { decision: 'allow', reason: 'You approved', by: 'user' }, outcome: { kind: 'result', detail: 'Done.', latencyMs: 12 } },
  { id: 'b', server: 'everything', tool: 'add', receivedAt: now - 1000, decision: { decision: 'deny', reason: 'The deadline passed', by: 'deadline' }, outcome: { kind: 'denied', detail: 'Not run.', latencyMs: 10_000 } },
];

describe('ActivityView', () => {
  it('tells each call’s story and filters by outcome', async () => {
    await renderWithStore(createFakeBridge({ overrides: { activity: { list: () => Promise.resolve(entries), exportJsonl: () => Promise.resolve({ jsonl: '{"id":"a"}\n' }) } } }), <ActivityView />);
    expect(screen.getAllByTestId('activity-row')).toHaveLength(2);
    expect(screen.getByText(/Denied by the deadline: The deadline passed/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'ok' } });
    expect(screen.getAllByTestId('activity-row')).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent('1 of 2 calls');
    expect(screen.getByRole('img')).toHaveAccessibleName(/2 calls in the last 5 minutes/);
  });

  it('adds live entries and exports JSONL as a download and as text', async () => {
    const bridge = createFakeBridge({ overrides: { activity: { list: () => Promise.resolve(entries), exportJsonl: () => Promise.resolve({ jsonl: '{"id":"a"}\n{"id":"b"}\n' }) } } });
    await renderWithStore(bridge, <ActivityView />);
    act(() => bridge.emit('activity:recorded', { seq: 1, payload: { id: 'c', server: 'fs', tool: 'read', receivedAt: now } }));
    expect(screen.getAllByTestId('activity-row')).toHaveLength(3);
    URL.createObjectURL = () => 'blob:test';
    URL.revokeObjectURL = () => undefined;
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Export JSONL' }));
    });
    expect(screen.getByRole('link', { name: /Download \(2 lines\)/ })).toHaveAttribute('download', 'dust-mcp-tray-activity.jsonl');
    expect(screen.getByRole('textbox')).toHaveValue('{"id":"a"}\n{"id":"b"}\n');
  });

  it("shows a running call's progress as its local server reports it, and drops it once the call ends", async () => {
    const bridge = createFakeBridge({ overrides: { activity: { list: () => Promise.resolve([]), exportJsonl: () => Promise.resolve({ jsonl: '' }) } } });
    await renderWithStore(bridge, <ActivityView />);
    const running = { id: 'p', server: 'everything', tool: 'trigger-long-running-operation', receivedAt: now, decision: { decision: 'allow' as const, reason: 'Rule', by: 'policy' } };
    act(() => bridge.emit('activity:recorded', { seq: 1, payload: { ...running, progress: { ratio: 0.5, message: 'Indexing 2 of 4' } } }));
    expect(screen.getByTestId('call-progress')).toHaveTextContent('50% · Indexing 2 of 4');
    expect(screen.getByRole('progressbar', { name: '50% done' })).toHaveAttribute('value', '50');
    act(() => bridge.emit('activity:recorded', { seq: 2, payload: { ...running, outcome: { kind: 'result', detail: 'Done.', latencyMs: 900 } } }));
    expect(screen.queryByTestId('call-progress')).toBeNull();
  });
});
