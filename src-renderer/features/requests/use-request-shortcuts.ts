import { useEffect } from 'react';

import type { PendingCallDto } from '../../../src-main/shared/contract/approvals';
import type { Choice } from '../../state/slices/approvals-slice';

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
 */
export function useRequestShortcuts(
  items: PendingCallDto[],
  focusedId: string | null,
  focus: (callId: string) => void,
  decide: (callId: string, choice: Choice) => void,
) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const index = Math.max(0, items.findIndex((item) => item.callId === focusedId));
      const current = items[index];
      if (!current) return;
      const key = event.key.toLowerCase();
      const move = (to: number) => {
        const next = items[Math.min(items.length - 1, Math.max(0, to))];
        if (next) focus(next.callId);
      };
      const actions: Record<string, () => void> = {
        j: () => move(index + 1),
        k: () => move(index - 1),
        a: () => decide(current.callId, event.shiftKey ? { kind: 'always' } : { kind: 'approve' }),
        d: () => decide(current.callId, { kind: 'deny' }),
        c: () => current.conversationId && decide(current.callId, { kind: 'conversation' }),
      };
      const action = actions[key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [items, focusedId, focus, decide]);
}
