import type { ShortcutDto } from '../../../src-main/shared/contract/chat';
import { errorWords } from '../errors';
import type { SliceContext } from './types';

export interface ShortcutSlice {
  /** The "Ask an agent" global shortcut; `value` is null until first read. */
  shortcut: { value: ShortcutDto | null; saving: boolean; error: string | null };
  loadShortcut: () => Promise<void>;
  /**
   * Sets it (or turns it off with null); main's refusal (not a shortcut, taken) lands in `error`.
   */
  saveShortcut: (accelerator: string | null) => Promise<boolean>;
}

export function createShortcutSlice({ set, get, bridge }: SliceContext): ShortcutSlice {
  const patch = (change: Partial<ShortcutSlice['shortcut']>) =>
    set({ shortcut: { ...get().shortcut, ...change } });
  return {
    shortcut: { value: null, saving: false, error: null },
    async loadShortcut() {
      try {
        patch({ value: await bridge.chat.shortcut(), error: null });
      } catch (error) {
        patch({ error: errorWords(error).message });
      }
    },
    async saveShortcut(accelerator) {
      patch({ saving: true, error: null });
      try {
        patch({ value: await bridge.chat.setShortcut(accelerator), saving: false });
        return true;
      } catch (error) {
        patch({ saving: false, error: errorWords(error).message });
        return false;
      }
    },
  };
}
