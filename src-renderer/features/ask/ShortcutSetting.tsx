import { useEffect, useState } from 'react';

import type { ShortcutDto } from '../../../src-main/shared/contract/chat';
import { useAppStore } from '../../state/store-context';

const statusWords: Record<ShortcutDto['status'], string> = {
  registered: 'works from any app',
  off: 'off',
  failed: 'not working',
  unavailable: 'not available here',
};

/**
 * The global shortcut that opens this view: what it is, whether the OS took it, and a field to
 * change it. Main checks the text and registers it; its refusal is shown as main words it.
 */
export function ShortcutSetting() {
  const { value, saving, error } = useAppStore((state) => state.shortcut);
  const load = useAppStore((state) => state.loadShortcut);
  const save = useAppStore((state) => state.saveShortcut);
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const shown = text ?? value?.accelerator ?? '';
  const submit = async (accelerator: string | null) => {
    if (await save(accelerator)) setText(null);
  };
  return (
    <details className="details shortcut-setting">
      <summary>
        Global shortcut:{' '}
        <span data-testid="shortcut-current">
          {value ? `${value.accelerator ?? 'none'} (${statusWords[value.status]})` : '…'}
        </span>
      </summary>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(shown.trim() === '' ? null : shown.trim());
        }}
      >
        <label className="field inline">
          <span>Shortcut</span>
          <input
            type="text"
            value={shown}
            placeholder="CommandOrControl+Shift+K"
            maxLength={100}
            disabled={saving}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <button type="submit" className="button small" disabled={saving}>
          Save
        </button>
        <button
          type="button"
          className="button small quiet"
          disabled={saving || !value?.accelerator}
          onClick={() => void submit(null)}
        >
          Turn off
        </button>
      </form>
      {value?.message && <p className="notice small">{value.message}</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
