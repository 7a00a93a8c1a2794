import { describe, expect, it } from 'vitest';

import { createSignOutConfirmation } from './sign-out-dialog.js';

describe('the native sign-out question', () => {
  it('asks with the counts in words, Cancel by default, and answers true only for "Sign out"', async () => {
    const asked: unknown[] = [];
    let response = 1;
    const dialog = {
      showMessageBox: (...args: unknown[]) => {
        asked.push(args.at(-1));
        return Promise.resolve({ response, checkboxChecked: false });
      },
    };
    const confirm = createSignOutConfirmation(dialog, () => null);
    await expect(confirm({ waiting: 2, running: 0 })).resolves.toBe(false);
    expect(asked[0]).toMatchObject({
      type: 'question',
      buttons: ['Sign out', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Sign out of Dust? 2 tool calls wait for your answer.',
    });
    response = 0;
    await expect(confirm({ waiting: 0, running: 1 })).resolves.toBe(true);
  });
});
