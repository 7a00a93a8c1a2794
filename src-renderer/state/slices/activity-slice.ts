import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';
import { errorWords, type Loadable, loading } from '../errors';
import type { SliceContext } from './types';

export type ExportState =
  | { status: 'idle' }
  | { status: 'busy' }
  | { status: 'ready'; jsonl: string }
  | { status: 'error'; message: string };

export interface ActivitySlice {
  activity: Loadable<ActivityEntryDto[]>;
  activityExport: ExportState;
  exportActivity: () => Promise<void>;
  /** Closes the export panel (Escape, or its Close button). */
  closeExport: () => void;
  /** Per activity id: Stop was pressed and main has not answered, or it failed. */
  stoppingCalls: Record<string, 'sending' | { error: string }>;
  /** Stops a running call; the agent is told the person stopped it. */
  stopCall: (server: string, id: string) => Promise<void>;
}

export function createActivitySlice({ set, get, bridge }: SliceContext): ActivitySlice {
  const mark = (id: string, value: 'sending' | { error: string } | undefined) => {
    const next = { ...get().stoppingCalls };
    if (value === undefined) delete next[id];
    else next[id] = value;
    set({ stoppingCalls: next });
  };
  return {
    activity: loading,
    activityExport: { status: 'idle' },
    stoppingCalls: {},
    async exportActivity() {
      set({ activityExport: { status: 'busy' } });
      try {
        const { jsonl } = await bridge.activity.exportJsonl();
        set({ activityExport: { status: 'ready', jsonl } });
      } catch (error) {
        set({ activityExport: { status: 'error', message: errorWords(error).message } });
      }
    },
    closeExport: () => set({ activityExport: { status: 'idle' } }),
    async stopCall(server, id) {
      if (get().stoppingCalls[id] === 'sending') return;
      mark(id, 'sending');
      try {
        await bridge.calls.stop({ server, id });
        // The outcome arrives as an activity event; the mark stays until then.
      } catch (error) {
        mark(id, { error: errorWords(error).message });
      }
    },
  };
}
