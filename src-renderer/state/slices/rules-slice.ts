import type { PolicyRuleDto } from '../../../src-main/shared/contract/imports';
import { errorWords, type Loadable, loading } from '../errors';
import type { SliceContext } from './types';

export interface RulesSlice {
  /** Per-tool rules (allow / deny / ask), set by the person or brought in by an import. */
  rules: Loadable<PolicyRuleDto[]>;
  rulesError: string | null;
  setRule: (rule: {
    server: string;
    tool: string;
    action: 'allow' | 'deny' | 'ask';
  }) => Promise<boolean>;
  removeRule: (rule: { server: string; tool: string }) => Promise<void>;
}

export function createRulesSlice({ set, bridge }: SliceContext): RulesSlice {
  async function run(action: () => Promise<void>): Promise<boolean> {
    set({ rulesError: null });
    try {
      await action();
      return true;
    } catch (error) {
      set({ rulesError: errorWords(error).message });
      return false;
    }
  }
  return {
    rules: loading,
    rulesError: null,
    setRule: (rule) => run(() => bridge.rules.set(rule)),
    removeRule: async (rule) => {
      await run(() => bridge.rules.remove(rule));
    },
  };
}
