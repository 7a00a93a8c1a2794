import { app, dialog } from 'electron';

import type { AppHost } from '../app/app-host.js';
import { createQuitGate, quitConfirmation, type QuitGate } from '../app/quit-gate.js';

/**
 * The quit gate with the services plugged in: asks first when calls wait for the person, then
 * shuts the services down (pending calls denied, registrations removed, servers ended) within
 * 10 s before the app exits. `host` is read late: quitting before they started is fine.
 */
export function createShellQuitGate(host: () => AppHost | null): QuitGate {
  return createQuitGate({
    pendingCount: () => host()?.services.approvals.pendingCount ?? 0,
    confirmQuit: async (pending) => {
      const question = quitConfirmation(pending);
      const answer = await dialog.showMessageBox({
        type: 'question',
        ...question,
        defaultId: 1,
        cancelId: 1,
      });
      return answer.response === 0;
    },
    shutdown: () => host()?.dispose() ?? Promise.resolve(),
    delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    timeoutMs: 10_000,
    exit: () => app.quit(),
    onError: (error) => console.error('shutdown', error),
  });
}
