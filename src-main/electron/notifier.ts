import { Notification } from 'electron';

import type { ApprovalNotification } from '../app/notification-policy.js';

export interface ApprovalNotifier {
  /**
   * Shows the notification; `shouldNotify` (src-main/app/notification-policy.ts) decided already.
   */
  show(notification: ApprovalNotification): void;
  /** The request was decided or expired: its notification is stale. */
  close(requestId: string): void;
  dispose(): void;
}

/**
 * Electron `Notification` for pending approvals.
 *
 * Showing one never touches the window, so it never steals focus; only the person's click opens
 * that exact request (the caller then shows and focuses the window — a user gesture, allowed).
 * Notifications are kept in a map so they are not garbage-collected while on screen (their click
 * handler would silently go with them) and so a decided request's notification can be closed.
 */
export function createApprovalNotifier(openRequest: (requestId: string) => void): ApprovalNotifier {
  const shown = new Map<string, Notification>();
  const forget = (requestId: string, notification: Notification) => {
    if (shown.get(requestId) === notification) shown.delete(requestId);
  };
  return {
    show({ title, body, requestId }) {
      if (!Notification.isSupported()) return;
      shown.get(requestId)?.close();
      const notification = new Notification({ title, body, silent: false, timeoutType: 'default' });
      notification.on('click', () => {
        forget(requestId, notification);
        openRequest(requestId);
      });
      notification.on('close', () => forget(requestId, notification));
      shown.set(requestId, notification);
      notification.show();
    },
    close(requestId) {
      shown.get(requestId)?.close();
      shown.delete(requestId);
    },
    dispose() {
      for (const notification of shown.values()) notification.close();
      shown.clear();
    },
  };
}
