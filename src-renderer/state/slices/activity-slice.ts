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
}

export function createActivitySlice({ set, bridge }: SliceContext): ActivitySlice {
  return {
    activity: loading,
    activityExport: { status: 'idle' },
    async exportActivity() {
      set({ activityExport: { status: 'busy' } });
      try {
        const { jsonl } = await bridge.activity.exportJsonl();
        set({ activityExport: { status: 'ready', jsonl } });
      } catch (error) {
        set({ activityExport: { status: 'error', message: errorWords(error).message } });
      }
    },
  };
}
