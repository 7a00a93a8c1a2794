import { useEffect } from 'react';

import { useStoreApi } from '../../state/store-context';

/** The keys, as the hint line shows them; one table so the hint and the handler cannot drift. */
export const shortcutHints = [
  ['A', 'approve'],
  ['D', 'deny'],
  ['Shift+A', 'always'],
  ['C', 'this conversation'],
  ['J/K', 'next/previous'],
] as const;

/**
 * Keyboard decisions for the focused request. Ignored while typing in a field, and with Ctrl,
 * Alt or Meta held, so the platform's own shortcuts keep working.
 *
 * The handler reads the store when the key is pressed, not from the last render: "j" then "d"
 * typed quickly must deny the call "j" moved to.
 */
export function useRequestShortcuts() {
  const store = useStoreApi();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
      const target = event.target;
      if (
        target instanceof Element &&
        target.closest('input, textarea, select, [contenteditable="true"]')
      )
        return;
      const state = store.getState();
      // Calls already being decided are skipped, so the next key acts on the next open call.
      const items = state.approvals.items.filter((item) => !state.approvals.deciding[item.callId]);
      const index = Math.max(
        0,
        items.findIndex((item) => item.callId === state.focusedRequestId),
      );
      const current = items[index];
      if (!current) return;
      const move = (to: number) => {
        const next = items[Math.min(items.length - 1, Math.max(0, to))];
        if (next) state.focusRequest(next.callId);
      };
      const actions: Record<string, () => void> = {
        j: () => move(index + 1),
        k: () => move(index - 1),
        a: () =>
          void state.decide(
            current.callId,
            event.shiftKey ? { kind: 'always' } : { kind: 'approve' },
          ),
        d: () => void state.decide(current.callId, { kind: 'deny' }),
        c: () =>
          void (current.conversationId && state.decide(current.callId, { kind: 'conversation' })),
      };
      const key = event.key.toLowerCase();
      const action = actions[key];
      if (!action) return;
      // With its arguments being edited, a card approves only with its buttons, which send the
      // edit: a key press must not approve the original arguments the person is changing.
      if (
        (key === 'a' || key === 'c') &&
        document.querySelector(`[data-editing="${CSS.escape(current.callId)}"]`)
      )
        return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
}
