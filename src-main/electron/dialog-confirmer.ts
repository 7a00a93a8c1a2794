import { type BrowserWindow, dialog, type MessageBoxOptions } from 'electron';

import type { Confirmer } from '../app/consent/confirmation.js';

/**
 * The person's word through Electron's native message box, which the window's page cannot see,
 * script or click. "Don't allow" is the default and the cancel button, so Enter or Escape never
 * runs anything; the words come from `confirmationFor` (command line, working directory, env keys)
 * or `openUrlConfirmation` (a server's address: host on its own line, then the full URL). Parented
 * to the app window when it is open, so it shows in front of it.
 */
export function createDialogConfirmer(parent: () => BrowserWindow | null): Confirmer {
  return {
    confirm: async (question) => {
      const options: MessageBoxOptions = {
        type: 'warning',
        title: question.title,
        message: question.message,
        detail: question.detail,
        buttons: [question.cancelLabel, question.confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const window = parent();
      const { response } =
        window && !window.isDestroyed() && window.isVisible()
          ? await dialog.showMessageBox(window, options)
          : await dialog.showMessageBox(options);
      return response === 1;
    },
  };
}
