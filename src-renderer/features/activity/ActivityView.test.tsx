import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';
import { createFakeBridge } from '../../bridge/fake-bridge';
import { renderWithStore, settle } from '../../testing/render-with-store';
import { ActivityView } from './ActivityView';

const now = Date.now();
const entries: ActivityEntryDto[] = [
  {
    id: 'a',
    server: 'everything',
    tool: 'echo',
    receivedAt: now - 2000,
    decision: { decision: 'allow', reason: 'You approved', by: 'user' },
    outcome: { kind: 'result', detail: 'Done.', latencyMs: 12 },
  },
  {
    id: 'b',
    server: 'everything',
    tool: 'add',
    receivedAt: now - 1000,
    decision: { decision: 'deny', reason: 'The deadline passed', by: 'deadline' },
    outcome: { kind: 'denied', detail: 'Not run.', latencyMs: 10_000 },
  },
];

describe('ActivityView', () => {
  it('tells each call’s story and filters by outcome', async () => {
    await renderWithStore(
      createFakeBridge({
        overrides: {
          activity: {
            list: () => Promise.resolve(entries),
            exportJsonl: () => Promise.resolve({ jsonl: '{"id":"a"}\n' }),
          },
        },
      }),
      <ActivityView />,
    );
    expect(screen.getAllByTestId('activity-row')).toHaveLength(2);
    expect(screen.getByText(/Denied by the deadline: The deadline passed/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'ok' } });
    expect(screen.getAllByTestId('activity-row')).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent('1 of 2 calls');
    // The chart counts what the list shows.
    expect(screen.getByRole('img')).toHaveAccessibleName(
      /^1 call in the last 5 min; slowest mean latency 12 ms$/,
    );
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: '' } });
    expect(screen.getByRole('status')).toHaveTextContent(/^2 calls$/);
    expect(screen.getByRole('img')).toHaveAccessibleName(/^2 calls in the last 5 min/);
  });

  it('says an allowed call without an outcome is running, for how long, with Stop', async () => {
    const stop = vi.fn(() => Promise.resolve());
    const running: ActivityEntryDto = {
      id: 'r',
      server: 'everything',
      tool: 'slow',
      receivedAt: now - 90_000,
      decision: {
        decision: 'allow',
        reason: 'Approved by you',
        by: 'user',
        decidedAt: now - 75_000,
      },
    };
    await renderWithStore(
      createFakeBridge({
        overrides: { activity: { list: () => Promise.resolve([running]) }, calls: { stop } },
      }),
      <ActivityView />,
    );
    expect(screen.getByTestId('running-call')).toHaveTextContent(/Running\s*for 1 min 1\d s/);
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Stop slow' })));
    expect(stop).toHaveBeenCalledWith({ server: 'everything', id: 'r' });
  });

  it('draws the chart with axes and units', async () => {
    await renderWithStore(
      createFakeBridge({ overrides: { activity: { list: () => Promise.resolve(entries) } } }),
      <ActivityView />,
    );
    const chart = screen.getByRole('img');
    expect(chart.querySelectorAll('.chart-axis')).toHaveLength(3);
    const labels = [...chart.querySelectorAll('.chart-label')].map((label) => label.textContent);
    expect(labels).toEqual(expect.arrayContaining(['2', '0', '5,006 ms', '0 ms', 'now']));
    expect(screen.getByText(/calls per 13 s \(left axis\)/)).toBeInTheDocument();
    expect(screen.getByText(/mean latency in ms \(right axis\)/)).toBeInTheDocument();
  });

  it('opens the export below the head, and closes it with Close or Escape, the focus back on Export', async () => {
    URL.createObjectURL = () => 'blob:test';
    URL.revokeObjectURL = () => undefined;
    await renderWithStore(
      createFakeBridge({
        overrides: {
          activity: {
            list: () => Promise.resolve(entries),
            exportJsonl: () => Promise.resolve({ jsonl: '{"id":"a"}\n' }),
          },
        },
      }),
      <ActivityView />,
    );
    const button = screen.getByRole('button', { name: 'Export JSONL' });
    await settle(() => fireEvent.click(button));
    const panel = screen.getByRole('region', { name: 'Exported activity' });
    expect(button.closest('.view-head')!.contains(panel)).toBe(false);
    expect(screen.getByRole('link', { name: 'Download (1 line)' })).toBeInTheDocument();
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Escape' });
    expect(screen.queryByRole('region', { name: 'Exported activity' })).toBeNull();
    expect(button).toHaveFocus();
    await settle(() => fireEvent.click(button));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Exported activity' })).toBeNull();
    expect(button).toHaveFocus();
  });

  it('adds live entries and exports JSONL as a download and as text', async () => {
    const bridge = createFakeBridge({
      overrides: {
        activity: {
          list: () => Promise.resolve(entries),
          exportJsonl: () => Promise.resolve({ jsonl: '{"id":"a"}\n{"id":"b"}\n' }),
        },
      },
    });
    await renderWithStore(bridge, <ActivityView />);
    act(() =>
      bridge.emit('activity:recorded', {
        seq: 1,
        payload: { id: 'c', server: 'fs', tool: 'read', receivedAt: now },
      }),
    );
    expect(screen.getAllByTestId('activity-row')).toHaveLength(3);
    URL.createObjectURL = () => 'blob:test';
    URL.revokeObjectURL = () => undefined;
    await settle(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Export JSONL' }));
    });
    expect(screen.getByRole('link', { name: /Download \(2 lines\)/ })).toHaveAttribute(
      'download',
      'dust-mcp-tray-activity.jsonl',
    );
    expect(screen.getByRole('textbox')).toHaveValue('{"id":"a"}\n{"id":"b"}\n');
  });

  it("shows a running call's progress as its local server reports it, and drops it once the call ends", async () => {
    const bridge = createFakeBridge({
      overrides: {
        activity: {
          list: () => Promise.resolve([]),
          exportJsonl: () => Promise.resolve({ jsonl: '' }),
        },
      },
    });
    await renderWithStore(bridge, <ActivityView />);
    const running = {
      id: 'p',
      server: 'everything',
      tool: 'trigger-long-running-operation',
      receivedAt: now,
      decision: { decision: 'allow' as const, reason: 'Rule', by: 'policy' },
    };
    act(() =>
      bridge.emit('activity:recorded', {
        seq: 1,
        payload: { ...running, progress: { ratio: 0.5, message: 'Indexing 2 of 4' } },
      }),
    );
    expect(screen.getByTestId('call-progress')).toHaveTextContent('50% · Indexing 2 of 4');
    expect(screen.getByRole('progressbar', { name: '50% done' })).toHaveAttribute('value', '50');
    act(() =>
      bridge.emit('activity:recorded', {
        seq: 2,
        payload: { ...running, outcome: { kind: 'result', detail: 'Done.', latencyMs: 900 } },
      }),
    );
    expect(screen.queryByTestId('call-progress')).toBeNull();
  });
});
