import type {
  SettingsChangeInput,
  SettingsViewDto,
} from '../../../src-main/shared/contract/settings';
import { errorWords, type Loadable, loading } from '../errors';
import type { SliceContext } from './types';

export interface SettingsSlice {
  /** The Settings view's facts; loaded when the view opens (they are cheap, and change rarely). */
  settingsView: Loadable<SettingsViewDto>;
  /** The change on its way (its kind), and the last refusal in words. */
  settingsSaving: SettingsChangeInput['kind'] | null;
  settingsError: string | null;
  loadSettings: () => Promise<void>;
  /** Sends one change; main answers with the view as it is now. */
  changeSetting: (change: SettingsChangeInput) => Promise<boolean>;
}

export function createSettingsSlice({ set, get, bridge }: SliceContext): SettingsSlice {
  return {
    settingsView: loading,
    settingsSaving: null,
    settingsError: null,
    async loadSettings() {
      try {
        set({ settingsView: { status: 'ready', value: await bridge.settings.get() } });
      } catch (error) {
        set({ settingsView: { status: 'error', message: errorWords(error).message } });
      }
    },
    async changeSetting(change) {
      if (get().settingsSaving) return false;
      set({ settingsSaving: change.kind, settingsError: null });
      try {
        const value = await bridge.settings.set(change);
        set({ settingsView: { status: 'ready', value }, settingsSaving: null });
        return true;
      } catch (error) {
        set({ settingsSaving: null, settingsError: errorWords(error).message });
        return false;
      }
    },
  };
}
