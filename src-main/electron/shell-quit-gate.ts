import { app, dialog } from 'electron';

import { createQuitGate, quitConfirmation, type QuitGate } from '../app/quit-gate.js';
import type { ShellServices } from './shell-services.js';

/**
 * The quit gate with the services plugged in: asks first when calls wait for the person, then
 * shuts the services down (pending calls denied, registrations removed, servers ended) within
 * 10 s before the app exits. `services` is read late: quitting before they started is fine.
 */
export function createShellQuitGate(services: () => ShellServices | null): QuitGate {
  return createQuitGate({
    pendingCount: () => services()?.pendingCount() ?? 0,
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
    shutdown: () => services()?.shutdown() ?? Promise.resolve(),
    delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    timeoutMs: 10_000,
    exit: () => app.quit(),
    onError: (error) => console.error('shutdown', error),
  });
}
