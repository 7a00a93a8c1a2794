import type { BrowserWindow, Dialog } from 'electron';

import { type ConfirmSignOut, signOutQuestionWords } from '../app/services/sign-out.js';

/**
 * Main's own question before a sign-out that cuts calls short: a native dialog (the window is
 * untrusted, so it cannot answer for the person). Cancel is the default and the Escape answer.
 */
export function createSignOutConfirmation(
  dialog: Pick<Dialog, 'showMessageBox'>,
  window: () => BrowserWindow | null,
): ConfirmSignOut {
  return async (question) => {
    const { message, detail } = signOutQuestionWords(question);
    const options = {
      type: 'question' as const,
      buttons: ['Sign out', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message,
      detail,
      noLink: true,
    };
    const parent = window();
    const { response } =
      parent && !parent.isDestroyed()
        ? await dialog.showMessageBox(parent, options)
        : await dialog.showMessageBox(options);
    return response === 0;
  };
}
